"""Host-municipality selection: weighted ranking and its sensitivity to the weights.

Pure Python; no Django. The criteria and weights are whatever the board adopts (stored as
data, never invented here); each candidate gets a score per criterion. A candidate's total
is Σ weight × score / Σ weight. Because the divisor is the same for every candidate, the
order depends only on Σ weight × score, which is linear in each weight: so for each
criterion the range of its weight over which the leader stays the leader (others fixed)
can be found exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction


class SelectionError(ValueError):
    """Input that cannot be ranked; the text says why."""


@dataclass(frozen=True)
class Ranked:
    candidate: str
    total: Fraction  # weighted mean score


@dataclass(frozen=True)
class Stability:
    criterion: str
    weight: Fraction
    low: Fraction  # the leader stays the leader for weights in [low, high]
    high: Fraction | None  # None: however high the weight
    challenger_below: str | None  # who leads when the weight drops below low
    challenger_above: str | None  # who leads when it rises above high


def rank(
    weights: Mapping[str, Fraction], scores: Mapping[str, Mapping[str, Fraction]]
) -> list[Ranked]:
    """Candidates by weighted mean score, best first; equal totals by candidate key (the
    municipality number, so the order never depends on a name)."""
    _check(weights, scores)
    total_weight = sum(weights.values(), Fraction(0))
    ranked = [Ranked(c, _weighted(weights, s) / total_weight) for c, s in scores.items()]
    return sorted(ranked, key=lambda r: (-r.total, r.candidate))


def sensitivity(
    weights: Mapping[str, Fraction], scores: Mapping[str, Mapping[str, Fraction]]
) -> list[Stability]:
    """For each criterion, the range of its weight within which the leader does not change."""
    leader = rank(weights, scores)[0].candidate
    result = []
    for criterion, weight in weights.items():
        low, high = Fraction(0), None
        below = above = None
        for other in scores:
            if other == leader:
                continue
            # leader − other = rest + w × slope (Σ weight × score, others fixed)
            slope = scores[leader][criterion] - scores[other][criterion]
            rest = sum(
                (
                    w * (scores[leader][c] - scores[other][c])
                    for c, w in weights.items()
                    if c != criterion
                ),
                Fraction(0),
            )
            if slope == 0:
                continue
            breakpoint_ = -rest / slope
            if slope > 0 and breakpoint_ > low:  # the leader loses below the breakpoint
                low, below = breakpoint_, other
            elif slope < 0 and breakpoint_ >= 0 and (high is None or breakpoint_ < high):
                high, above = breakpoint_, other
        result.append(Stability(criterion, weight, low, high, below, above))
    return result


def _weighted(weights: Mapping[str, Fraction], score: Mapping[str, Fraction]) -> Fraction:
    return sum((w * Fraction(score[c]) for c, w in weights.items()), Fraction(0))


def _check(weights: Mapping[str, Fraction], scores: Mapping[str, Mapping[str, Fraction]]):
    if not weights:
        raise SelectionError("no criteria")
    if any(w < 0 for w in weights.values()) or sum(weights.values(), Fraction(0)) == 0:
        raise SelectionError("weights must be zero or more, and not all zero")
    if not scores:
        raise SelectionError("no candidates")
    for candidate, score in scores.items():
        missing: Sequence[str] = [c for c in weights if c not in score]
        if missing:
            raise SelectionError(f"{candidate} has no score for {', '.join(missing)}")
