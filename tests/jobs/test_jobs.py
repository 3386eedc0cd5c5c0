"""Jobs through django-q2: the daily reminders run on schedule once a day, however many
servers' schedulers look; a long build reports its progress and its result."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django_q.models import Schedule
from django_q.scheduler import scheduler

from samvirke.jobs import tasks
from samvirke.jobs.models import DailyRun, ReportBuild
from samvirke.reports.models import Edition

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.fixture
def reminders_by_mail(settings, sogn):
    settings.SAMVIRKE_REMINDER_EMAILS = ["stab@example.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_the_migration_schedules_the_daily_jobs(db):
    names = dict(Schedule.objects.values_list("name", "func"))
    assert names["samvirke: daily reminders"] == "samvirke.jobs.tasks.daily_reminders"
    assert names["samvirke: nightly SSB refresh"] == "samvirke.jobs.tasks.nightly_ssb_refresh"
    assert set(Schedule.objects.values_list("schedule_type", flat=True)) == {Schedule.DAILY}


def test_reminders_run_on_schedule_once_a_day_across_servers(reminders_by_mail):
    schedule = Schedule.objects.get(name="samvirke: daily reminders")
    first = schedule.next_run.astimezone(OSLO)
    with time_machine.travel(first - dt.timedelta(hours=1), tick=False):
        scheduler()  # before the time: nothing
    assert len(mail.outbox) == 0
    with time_machine.travel(first + dt.timedelta(minutes=1), tick=False):
        scheduler()  # server A's scheduler
        scheduler()  # server B's, the same minute
        tasks.daily_reminders()  # and someone runs it by hand on a third
    assert len(mail.outbox) == 1
    assert DailyRun.objects.get(job="reminders").day == first.date()
    schedule.refresh_from_db()
    assert schedule.next_run.astimezone(OSLO) == first + dt.timedelta(days=1)
    with time_machine.travel(first + dt.timedelta(days=1, minutes=1), tick=False):
        scheduler()
        scheduler()
    assert len(mail.outbox) == 2  # the next day, once again
    assert "what falls due" in mail.outbox[1].subject or "samvirke" in mail.outbox[1].subject


def test_the_ssb_refresh_does_nothing_unless_configured(db, settings):
    settings.SAMVIRKE_SSB_REFRESH = []
    assert tasks.nightly_ssb_refresh() is False
    assert not DailyRun.objects.exists()


def test_a_background_build_reports_its_progress_and_result(sogn, monkeypatch):
    seen = []
    original = ReportBuild.objects.filter

    def watching(*args, **kwargs):  # each progress update, as another process would see it
        query = original(*args, **kwargs)
        update = query.update

        def recording(**values):
            if "percent" in values:
                seen.append((values["percent"], values.get("step", "")))
            return update(**values)

        query.update = recording
        return query

    monkeypatch.setattr(ReportBuild.objects, "filter", watching)
    build = ReportBuild.objects.create(
        period="2026-03", requested_by="stab", organisation="sogn-ko"
    )
    edition_id = tasks.build_edition(build.pk)
    build.refresh_from_db()
    assert build.status == ReportBuild.Status.DONE and build.percent == 100
    assert build.edition == Edition.objects.get(pk=edition_id)
    percents = [p for p, _s in seen]
    assert percents == sorted(percents) and percents[0] < 50 and percents[-1] == 100
    assert "rendering the PDF file" in [s for _p, s in seen]


def test_a_failed_build_says_so(sogn, monkeypatch):
    from samvirke.reports import services

    def broken(*args, **kwargs):
        raise RuntimeError("renderer gone")

    monkeypatch.setattr(services, "render", broken)
    build = ReportBuild.objects.create(period="2026-03", organisation="sogn-ko")
    with pytest.raises(RuntimeError):
        tasks.build_edition(build.pk)
    build.refresh_from_db()
    assert build.status == ReportBuild.Status.FAILED and "renderer gone" in build.error
    assert not Edition.objects.exists()
