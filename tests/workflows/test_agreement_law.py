import pytest
from hypothesis import given
from hypothesis import strategies as st

from samvirke.workflows.calc import agreement_law as law


@pytest.mark.parametrize(
    ("kind", "legal_model", "regime"),
    [
        ("vertskommuneavtale", "", law.HOST),
        ("samarbeidsavtale", "vertskommune_20_3", law.HOST),
        ("samarbeidsavtale", "ko", law.KO),
        ("selskapsavtale", "", law.IKS),
        ("anna", "iks", law.IKS),
        ("samarbeidsavtale", "ipr", law.COUNCIL),
        ("samarbeidsavtale", "avtale", None),
        ("samarbeidsavtale", "ukjend", None),
    ],
)
def test_the_regime_follows_the_agreement_kind_and_legal_model(kind, legal_model, regime):
    assert law.regime(kind, legal_model) == regime


def test_each_regime_requires_what_the_law_names():
    assert law.HOST_MUNICIPALITY in law.REQUIRED[law.HOST]
    assert law.LIABILITY_SHARES not in law.REQUIRED[law.HOST]
    for regime in (law.KO, law.IKS):
        assert {law.OFFICE_MUNICIPALITY, law.OWNERSHIP_SHARES, law.LIABILITY_SHARES} <= set(
            law.REQUIRED[regime]
        )
    for regime in law.REQUIRED:
        assert {law.PARTICIPANTS, law.TASKS_AUTHORITY, law.COST_SHARING, law.WITHDRAWAL} <= set(
            law.REQUIRED[regime]
        )


def test_recorded_findings_win_over_the_registers_fields_and_nothing_is_assumed():
    checks = law.evaluate(
        law.HOST,
        recorded={law.COST_SHARING: law.MISSING, law.WITHDRAWAL: law.PRESENT},
        derived={law.PARTICIPANTS: True, law.COST_SHARING: True},
    )
    states = {c.element: (c.state, c.recorded) for c in checks}
    assert states[law.PARTICIPANTS] == (law.PRESENT, False)
    assert states[law.COST_SHARING] == (law.MISSING, True)
    assert states[law.WITHDRAWAL] == (law.PRESENT, True)
    assert states[law.DISSOLUTION] == (law.UNKNOWN, False)
    assert [c.element for c in checks] == list(law.REQUIRED[law.HOST])
    assert not law.complete(checks)


@given(
    regime=st.sampled_from(sorted(law.REQUIRED)),
    recorded=st.dictionaries(
        st.sampled_from(law.ELEMENTS), st.sampled_from([law.PRESENT, law.MISSING])
    ),
    derived=st.dictionaries(st.sampled_from(law.ELEMENTS), st.booleans()),
)
def test_complete_exactly_when_every_required_element_is_present(regime, recorded, derived):
    checks = law.evaluate(regime, recorded, derived)
    expected = all(
        recorded.get(e) == law.PRESENT or (e not in recorded and derived.get(e))
        for e in law.REQUIRED[regime]
    )
    assert law.complete(checks) == expected
