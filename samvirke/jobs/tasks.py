"""The jobs django-q2 runs: daily reminders, the nightly SSB refresh, report builds.

Schedules are rows in django-q2's Schedule table (made by this app's migration, editable
in the admin); any worker (`samvirke qcluster`) picks them up. A daily job claims its day
in DailyRun first, so it runs once a day across every server.
"""

from __future__ import annotations

import io
import logging
import traceback

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from samvirke.jobs.models import DailyRun, ReportBuild

log = logging.getLogger(__name__)


def once_today(job: str, command: list[str]) -> bool:
    """Run a management command if no server has run this job today; True if it ran."""
    try:
        with transaction.atomic():
            run = DailyRun.objects.create(job=job, day=timezone.localdate())
    except IntegrityError:
        log.info("%s already ran today", job)
        return False
    out = io.StringIO()
    call_command(*command, stdout=out)
    run.output = out.getvalue()
    run.save(update_fields=["output"])
    return True


def daily_reminders() -> bool:
    # every organisation's reminders, as before regions: one list to the installation's staff
    return once_today("reminders", ["reminders", "--organisation", ""])


def nightly_ssb_refresh() -> bool:
    """Fetch SSB's population table again, when SAMVIRKE_SSB_REFRESH names the tables."""
    tables = settings.SAMVIRKE_SSB_REFRESH
    if not tables:
        return False
    ran = False
    for table in tables:
        ran |= once_today(f"ssb-{table}", ["population", "import-ssb", "--table", table])
    return ran


def build_edition(build_id: int) -> int | None:
    """Publish an edition for a ReportBuild, recording each step's progress."""
    from samvirke.reports import services

    build = ReportBuild.objects.get(pk=build_id)
    build.status = ReportBuild.Status.RUNNING
    build.save(update_fields=["status"])

    def progress(percent: int, step: str) -> None:
        ReportBuild.objects.filter(pk=build_id).update(percent=percent, step=step)

    try:
        edition = services.publish(
            build.period,
            organisation=build.organisation,
            language=build.language,
            by=build.requested_by,
            progress=progress,
        )
    except Exception:
        ReportBuild.objects.filter(pk=build_id).update(
            status=ReportBuild.Status.FAILED,
            error=traceback.format_exc(limit=5),
            finished_at=timezone.now(),
        )
        raise
    ReportBuild.objects.filter(pk=build_id).update(
        status=ReportBuild.Status.DONE,
        percent=100,
        edition=edition,
        finished_at=timezone.now(),
    )
    return edition.pk


def start_edition_build(
    period: str, *, organisation: str, language: str = "nn", by: str = ""
) -> ReportBuild:
    """Queue an edition build of the organisation's report (its identifier); a worker (or,
    with Q_CLUSTER sync, this process) runs it."""
    from django_q.tasks import async_task

    build = ReportBuild.objects.create(
        organisation=organisation, period=period, language=language, requested_by=by
    )
    transaction.on_commit(
        lambda: async_task(build_edition, build.pk, task_name=f"edition-{build.pk}")
    )
    return build
