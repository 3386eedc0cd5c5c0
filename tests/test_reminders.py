import datetime as dt

from django.core import mail
from django.core.management import call_command


def test_reminders_list_what_falls_due_and_mail_it(sogn, capsys, settings, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 11, 27))
    settings.SAMVIRKE_REMINDER_EMAILS = ["sognateamet@example.no"]
    call_command("reminders")
    out = capsys.readouterr().out
    assert out.startswith("Forfalle:")
    assert "Rapport og tilråding til styremøte i Sogn KO" in out and "(2026-04-07" in out
    assert "Etablering av ny teneste" not in out  # due 1 January 2027: later
    [message] = mail.outbox
    assert message.to == ["sognateamet@example.no"]
    assert "Rapport og tilråding til styremøte i Sogn KO" in message.body


def test_no_mail_without_recipients(sogn, capsys, settings, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 11, 27))
    settings.SAMVIRKE_REMINDER_EMAILS = []
    call_command("reminders")
    assert mail.outbox == []
