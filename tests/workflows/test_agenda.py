"""What falls due, from every source, with the municipality and body filters."""

import datetime as dt

from samvirke.lib.viewer import SYSTEM, acting_as
from samvirke.registry.models import Cooperation
from samvirke.workflows import agenda
from samvirke.workflows.calc.due import OVERDUE, THIS_MONTH, THIS_QUARTER
from samvirke.workflows.models import Duty, DutyCompletion

MARCH_15 = dt.date(2026, 3, 15)
NAV_MEETING = "Oppstartsmøte i styringsgruppa: Styringsgruppa for NAV"
APRIL_1 = dt.date(2026, 4, 1)


def titles(rows):
    return [item.title for _bucket, item in rows]


def test_the_sogn_agenda_on_1_april_2026(sogn):
    buckets = {item.title: bucket for bucket, item in agenda.due(APRIL_1, organisation=None)}
    assert buckets[NAV_MEETING] == OVERDUE  # the next step that restated it is the same duty
    assert buckets["Rapport og tilråding til styremøte i Sogn KO"] == THIS_MONTH
    assert buckets["Endeleg vedtak i Sogn KO"] == THIS_MONTH  # due "2026-04": by 30 April
    assert "Etablering av ny teneste" not in buckets  # 1 January 2027: later


def test_a_quarter_ends_the_list(sogn):
    march = {item.title: bucket for bucket, item in agenda.due(MARCH_15, organisation=None)}
    assert march[NAV_MEETING] == THIS_MONTH
    assert "Rapport og tilråding til styremøte i Sogn KO" not in march  # 7 April: next quarter
    assert THIS_QUARTER not in march.values()


def test_the_municipality_filter_uses_participants_and_the_body_filter_the_recipient(sogn):
    nav = NAV_MEETING
    assert nav in titles(
        agenda.due(MARCH_15, municipality="4641", organisation=None)
    )  # Aurland is in NAV
    assert nav in titles(agenda.due(MARCH_15, body="styringsgruppe-nav", organisation=None))
    assert nav not in titles(agenda.due(MARCH_15, body="styringsgruppe-ppt", organisation=None))
    assert agenda.due(MARCH_15, municipality="9999", organisation=None) == []


def test_each_due_date_of_a_duty_is_an_item_and_done_ones_drop_out(sogn):
    duty = Duty.objects.get(slug="sogn-ko-budsjett")
    duty.first_due = "2025-12-15"
    duty.save()
    DutyCompletion.objects.create(duty=duty, due="2025-12-15", done="2025-12-10")
    year = agenda.items(dt.date(2025, 1, 1), dt.date(2027, 12, 31), organisation=None)
    budget = [(i.when, i.done) for i in year if i.title == "Budsjett for Sogn KO"]
    assert budget == [("2025-12-15", True), ("2026-12-15", False), ("2027-12-15", False)]
    open_now = agenda.due(
        dt.date(2026, 12, 1), body="sogn-ko-representantskapet", organisation=None
    )
    assert [(b, i.when) for b, i in open_now if i.title == "Budsjett for Sogn KO"] == [
        (THIS_MONTH, "2026-12-15")
    ]
    october = agenda.due(dt.date(2026, 10, 1), body="sogn-ko-representantskapet", organisation=None)
    assert [(b, i.when) for b, i in october] == [(THIS_QUARTER, "2026-12-15")]
    assert "Budsjett for Sogn KO" not in [i.title for i in agenda.undated(organisation=None)]


def test_items_of_unpublished_cooperations_are_not_public(sogn):
    Cooperation.objects.filter(slug="kart-oppmaling-gis").update(is_published=False)
    step = "Etablering frå 1.1.2027"
    years = (dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert step not in [i.title for i in agenda.items(*years, organisation=None)]  # the public
    with acting_as(SYSTEM):
        assert step in [i.title for i in agenda.items(*years, organisation=None)]


def test_duties_without_a_date_are_listed_as_missing_not_guessed(sogn):
    undated = {i.title for i in agenda.undated(organisation=None)}
    assert undated == {"Budsjett for Sogn KO", "Årsrekneskap for Sogn KO", "Årsmelding for Sogn KO"}


def test_one_item_per_real_duty_in_the_sogn_register(sogn):
    # PPT's report, the Veteranplan decision and NAV's start-up meeting were each listed
    # twice: as a cooperation's next step and as a decision's follow-up or a meeting
    import datetime as dt

    from samvirke.workflows import agenda

    found = agenda.items(dt.date(2026, 3, 1), dt.date(2026, 4, 30), organisation=None)
    titles = [i.title for i in found]
    assert "Rapport og tilråding til styremøte i Sogn KO" in titles
    assert not any(t.startswith("Styringsgruppa ferdigstiller rapport") for t in titles)
    assert sum(t.startswith("Endeleg vedtak i Sogn KO") for t in titles) == 1
    assert sum(t.startswith("Oppstartsmøte i styringsgruppa") for t in titles) == 1
