from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from samvirke.workflows.calc.host_selection import SelectionError, rank, sensitivity

WEIGHTS = {"fagmiljø": Fraction(3), "reiseveg": Fraction(2), "kostnad": Fraction(1)}
SCORES = {
    "Luster": {"fagmiljø": 4, "reiseveg": 3, "kostnad": 5},
    "Sogndal": {"fagmiljø": 5, "reiseveg": 4, "kostnad": 2},
}


def test_it_ranks_by_weighted_mean_score():
    ranked = rank(WEIGHTS, SCORES)
    assert [(r.candidate, r.total) for r in ranked] == [
        ("Sogndal", Fraction(3 * 5 + 2 * 4 + 2, 6)),
        ("Luster", Fraction(12 + 6 + 5, 6)),
    ]


def test_it_says_how_far_each_weight_can_move_before_the_leader_changes():
    by_criterion = {s.criterion: s for s in sensitivity(WEIGHTS, SCORES)}
    # Sogndal leads by 2 points of Σ weight × score; cost favours Luster by 3 a weight unit.
    cost = by_criterion["kostnad"]
    assert (cost.low, cost.high, cost.challenger_above) == (0, Fraction(5, 3), "Luster")
    competence = by_criterion["fagmiljø"]
    assert (competence.low, competence.challenger_below) == (1, "Luster")
    assert competence.high is None


def test_bad_input_is_refused():
    with pytest.raises(SelectionError, match="no score for kostnad"):
        rank(WEIGHTS, {"Luster": {"fagmiljø": 1, "reiseveg": 1}})
    with pytest.raises(SelectionError):
        rank({"a": Fraction(0)}, {"x": {"a": 1}})


weights_st = st.dictionaries(
    st.sampled_from("abcd"), st.integers(0, 10).map(Fraction), min_size=1
).filter(lambda w: sum(w.values()) > 0)


@st.composite
def cases(draw):
    weights = draw(weights_st)
    candidates = draw(
        st.lists(
            st.sampled_from(["Vik", "Luster", "Sogndal", "Årdal"]),
            min_size=2,
            max_size=4,
            unique=True,
        )
    )
    scores = {c: {k: Fraction(draw(st.integers(1, 5))) for k in weights} for c in candidates}
    return weights, scores


@given(cases(), st.integers(1, 7))
def test_scaling_all_weights_changes_nothing(case, factor):
    weights, scores = case
    scaled = {k: w * factor for k, w in weights.items()}
    assert [r.candidate for r in rank(weights, scores)] == [
        r.candidate for r in rank(scaled, scores)
    ]


@given(cases())
def test_inside_each_stable_range_the_leader_stays(case):
    weights, scores = case
    leader = rank(weights, scores)[0].candidate
    for stable in sensitivity(weights, scores):
        high = stable.high if stable.high is not None else stable.low + 4
        for weight in (stable.low, (stable.low + high) / 2, high):
            trial = {**weights, stable.criterion: weight}
            assume(sum(trial.values()) > 0)
            best = rank(trial, scores)
            ties = [r.candidate for r in best if r.total == best[0].total]
            assert leader in ties
