"""Findings in words, for the CLI, the portal and the API."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samvirke.population.calc import checks, series
from samvirke.population.models import Measure


def check_label(check: str) -> str:
    return {
        "population_balance": _("population at start + growth = population at end"),
        "growth_components": _("birth surplus + net in-migration = growth"),
        "migration_components": _(
            "immigration − emigration + in-moves − out-moves = net in-migration"
        ),
        "birth_surplus": _("births − deaths = birth surplus"),
        "continuity": _("end of one quarter = start of the next"),
        "growth_between_ends": _("change in population = sum of the growth in between"),
        "given_total": _("the given Sum = the sum of the rows"),
        "outlier": _("far outside the municipality's own history"),
    }.get(check, check)


def cell_text(municipality: str, period: str, measure: str, value, names: dict[str, str]) -> str:
    who = _("Sum row") if municipality == checks.SUM else names.get(municipality, municipality)
    shown = _n(value)
    return (
        f"{who} {period} {Measure(measure).label if measure in Measure.values else measure}"
        f" = {shown}"
    )


def describe(
    check: str, cells: list, difference: int, fix: list | None, names: dict[str, str]
) -> dict:
    """A finding as words: {check, cells (list of text), difference, fix (text or ""),
    plain (the likely fix in plain words, or "")}."""
    fix_text = ""
    if fix:
        municipality, period, measure, value = fix
        fix_text = _("One cell explains it: %(cell)s should be %(value)s.") % {
            "cell": cell_text(municipality, period, measure, _current(cells, fix), names),
            "value": _n(value),
        }
    return {
        "check": check_label(check),
        "cells": [cell_text(*cell, names=names) for cell in cells],
        "difference": difference,
        "fix": fix_text,
        "plain": plain_words([(check, cells, fix)], names),
    }


def _n(value) -> str:
    return number_format(value, force_grouping=True) if value is not None else "–"


def _agrees(check: str, cells: list) -> str:
    """What a fix makes agree, in words ("the Sum 44", "the population 5 213 → 5 178")."""
    if check == "given_total":
        total = next((c[3] for c in cells if c[0] == checks.SUM), None)
        return _("the Sum %(sum)s") % {"sum": _n(total)}
    if check == "growth_between_ends":
        return _("the population %(before)s → %(after)s") % {
            "before": _n(cells[1][3]),
            "after": _n(cells[0][3]),
        }
    return str(check_label(check))


def plain_words(findings: list[tuple[str, list, list | None]], names: dict[str, str]) -> str:
    """Findings that one cell explains, as one sentence for people: "Årdal 2025K3: probably
    −37, not 37 (then both the Sum 44 and the population 5 213 → 5 178 agree)".
    ``findings`` are (check, cells, fix) sharing one fix; "" when there is no fix."""
    fixes = [f for f in findings if f[2]]
    if not fixes:
        return ""
    municipality, period, measure, value = fixes[0][2]  # type: ignore[misc]
    parts = [_agrees(check, cells) for check, cells, _fix in fixes]
    agree = (
        parts[0]
        if len(parts) == 1
        else _("both %(a)s and %(b)s") % {"a": parts[0], "b": parts[1]}
        if len(parts) == 2
        else ", ".join(parts)
    )
    who = names.get(municipality, municipality)
    label = "" if measure == "growth" else f" {Measure(measure).label}"
    sentence = (
        _("%(who)s %(period)s%(measure)s: probably %(new)s, not %(old)s (then %(agree)s agrees)")
        if len(parts) == 1
        else _(
            "%(who)s %(period)s%(measure)s: probably %(new)s, not %(old)s (then %(agree)s agree)"
        )
    )
    return sentence % {
        "who": who,
        "period": period,
        "measure": label,
        "new": _n(value),
        "old": _n(_current(fixes[0][1], fixes[0][2])),  # type: ignore[arg-type]
        "agree": agree,
    }


def plain_summary(findings: list[dict], names: dict[str, str]) -> list[str]:
    """The plain sentence of each group of findings explained by one cell (once per cell)."""
    groups: dict[tuple, list] = {}
    for f in findings:
        fix = f.get("fix_cell")
        if fix and not f.get("resolved"):
            groups.setdefault(tuple(fix), []).append((f["code"], f["cell_keys"], fix))
    return [plain_words(group, names) for group in groups.values()]


def from_finding(finding: checks.Finding, names: dict[str, str]) -> dict:
    cells = [[*key, value] for key, value in finding.cells]
    fix = [*finding.fix, finding.fix_value] if finding.fix else None
    words = describe(finding.check, cells, finding.difference, fix, names)
    return {
        **words,
        "severity": finding.severity,
        "code": finding.check,
        "cell_keys": cells,
        "fix_cell": fix,
        "resolved": "",
    }


def _current(cells: list, fix: list):
    return next((c[3] for c in cells if c[:3] == fix[:3]), None)


def current_findings(numbers: set[str] | None = None) -> tuple[list[dict], list[dict]]:
    """(findings of the checks on the stored figures, corrections applied; findings accepted
    with imports, each saying whether a recorded correction resolved it), in words; with
    ``numbers``, only those touching one of these municipalities (a region's own)."""
    from samvirke.population.selectors import corrections
    from samvirke.population.services import check_stored, stored_findings
    from samvirke.registry.models import Municipality

    names = dict(Municipality.objects.values_list("number", "name"))
    stored = list(stored_findings())
    known = {(f.check_name, tuple(map(tuple, f.cells))) for f in stored}
    live = [
        from_finding(f, names)
        for f in check_stored()
        if (f.check, tuple((*key, value) for key, value in f.cells)) not in known
    ]
    corrected = corrections()
    accepted = [
        {
            **describe(f.check_name, f.cells, f.difference, f.fix, names),
            "severity": f.severity,
            "source": f.source.title,
            "code": f.check_name,
            "cell_keys": f.cells,
            "fix_cell": f.fix,
            "resolved": resolved_text(f.cells, corrected, names),
        }
        for f in stored
    ]
    if numbers is not None:
        live, accepted = (
            [f for f in group if any(str(cell[0]) in numbers for cell in f["cell_keys"])]
            for group in (live, accepted)
        )
    return live, accepted


def resolved_text(cells: list, corrected: dict, names: dict[str, str]) -> str:
    """ "Corrected: Årdal 2025K3 growth 37 → −37" where a correction touches the finding."""
    hits = [corrected[tuple(c[:3])] for c in cells if tuple(c[:3]) in corrected]
    return "; ".join(
        _("Corrected: %(cell)s → %(value)s")
        % {
            "cell": cell_text(c.municipality.number, c.period, c.measure, c.source_value, names),
            "value": _n(c.value),
        }
        for c in hits
    )


def findings_touching(cells: set[tuple[str, str, str]]) -> list[str]:
    """Findings (in words) that involve any of the cells (municipality, period, measure)."""
    live, accepted = current_findings()
    return [
        f"{f['check']}: {f['fix'] or '; '.join(f['cells'])}"
        for f in live + accepted
        if not f.get("resolved") and any(tuple(cell[:3]) in cells for cell in f["cell_keys"])
    ]


def open_flagged_cells(live: list[dict], accepted: list[dict]) -> set[checks.CellKey]:
    """The cells the open (unresolved) findings put in doubt; derived figures that read them
    are marked uncertain until a correction resolves the finding."""
    return series.flagged_cells(
        (f["cell_keys"], f["fix_cell"]) for f in live + accepted if not f.get("resolved")
    )
