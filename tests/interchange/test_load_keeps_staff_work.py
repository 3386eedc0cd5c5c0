"""Issue 14, point 2: loading the dataset never destroys what staff recorded."""

from io import StringIO

from django.core.management import call_command

from samvirke.governance.models import Body, Decision, FollowUp
from samvirke.interchange.services import load_dataset
from samvirke.registry.models import Cooperation, StatusEntry


def _staff_work():
    """What a staff member does in a month: a status entry, a decision with a follow-up,
    an edit to a dataset record and an unpublished status entry."""
    nav = Cooperation.objects.get(slug="nav")
    last = nav.status_entries.order_by("-order").first()
    entry = StatusEntry(
        cooperation=nav,
        order=last.order + 1,
        date="2026-04",
        text="Styret godkjende planen.",
        is_published=True,
    )
    entry._change_reason = "staff"
    entry.save()
    decision = Decision(
        slug="styret-2026-04-20-plan",
        body=Body.objects.get(slug="sogn-ko-styret"),
        date="2026-04-20",
        title="Plan for 2027",
        text="Styret vedtok planen.",
        is_published=True,
    )
    decision.save()
    follow_up = FollowUp.objects.create(
        decision=decision, order=1, text="Send planen", due="2026-05"
    )
    nav.phase = "avtale"
    nav.save()
    first = nav.status_entries.get(order=1)
    first.is_published = False
    first.save()
    return entry, decision, follow_up, nav, first


def _fields(obj):
    obj.refresh_from_db()
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_load_sogn_keeps_every_staff_change(sogn):
    records = _staff_work()
    before = [_fields(obj) for obj in records]
    history_before = Cooperation.history.count() + StatusEntry.history.count()

    out = StringIO()
    call_command("load", "sogn", stdout=out)

    assert [_fields(obj) for obj in records] == before
    assert Cooperation.history.count() + StatusEntry.history.count() == history_before
    text = out.getvalue()
    assert "nav" in text and "phase" in text and "--update" in text


def test_load_reports_differences_and_counts_what_the_dataset_lacks(sogn):
    _staff_work()
    result = load_dataset("sogn")
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert result.kept == 2  # the cooperation's phase, the unpublished entry
    assert result.not_in_file == 1  # the new status entry (the new decision is its own record)
    assert any("nav" in line and "phase" in line for line in result.differences)


def test_load_update_takes_the_datasets_values_but_removes_nothing(sogn):
    entry, decision, follow_up, nav, first = _staff_work()
    result = load_dataset("sogn", update=True)
    assert result.updated == 2 and result.removed == 0
    nav.refresh_from_db()
    first.refresh_from_db()
    assert nav.phase != "avtale" and first.is_published
    assert StatusEntry.objects.filter(pk=entry.pk).exists()
    assert FollowUp.objects.filter(pk=follow_up.pk).exists()
    assert nav.history.first().history_change_reason.startswith("dataset sogn")
