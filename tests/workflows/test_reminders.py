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


def test_today_is_the_date_in_oslo_not_in_utc(sogn, capsys, settings, monkeypatch):
    # 31 March 2026 22:30 UTC is already 1 April 00:30 in Oslo (summer time from 29 March):
    # the NAV meeting planned for March is then overdue, not due this month.
    utc = dt.datetime(2026, 3, 31, 22, 30, tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: utc)
    settings.SAMVIRKE_REMINDER_EMAILS = []
    call_command("reminders")
    out = capsys.readouterr().out
    overdue = out.split("Forfalle:")[1].split("Forfell denne")[0]
    assert "Oppstartsmøte i styringsgruppa" in overdue


def test_an_hour_earlier_it_is_still_march_in_oslo(sogn, capsys, settings, monkeypatch):
    utc = dt.datetime(2026, 3, 31, 21, 30, tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: utc)
    settings.SAMVIRKE_REMINDER_EMAILS = []
    call_command("reminders")
    out = capsys.readouterr().out
    overdue, this_month = out.split("Forfell denne månaden:")
    assert "Oppstartsmøte i styringsgruppa" in this_month
    assert "Oppstartsmøte i styringsgruppa" not in overdue
