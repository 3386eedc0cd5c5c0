"""Quorum (kommunelova § 11-9): at least half of the members present; unknown stays unknown."""

from samvirke.meetings.calc.quorum import needed, quorate


def test_half_of_the_members_is_a_quorum():
    assert quorate(6, 3) is True
    assert quorate(6, 2) is False
    assert quorate(5, 3) is True and quorate(5, 2) is False
    assert (needed(6), needed(5), needed(1)) == (3, 3, 1)


def test_unknown_attendance_is_not_a_quorum_nor_its_absence():
    assert quorate(6, None) is None
    assert quorate(0, 0) is None
