"""Findings in words, for the CLI, the portal and the API."""

from __future__ import annotations

from django.utils.translation import gettext as _

from samvirke.population.calc import checks
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
    shown = "–" if value is None else value
    return (
        f"{who} {period} {Measure(measure).label if measure in Measure.values else measure}"
        f" = {shown}"
    )


def describe(
    check: str, cells: list, difference: int, fix: list | None, names: dict[str, str]
) -> dict:
    """A finding as words: {check, cells (list of text), difference, fix (text or "")}."""
    fix_text = ""
    if fix:
        municipality, period, measure, value = fix
        fix_text = _("One cell explains it: %(cell)s should be %(value)s.") % {
            "cell": cell_text(municipality, period, measure, _current(cells, fix), names),
            "value": value,
        }
    return {
        "check": check_label(check),
        "cells": [cell_text(*cell, names=names) for cell in cells],
        "difference": difference,
        "fix": fix_text,
    }


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
    }


def _current(cells: list, fix: list):
    return next((c[3] for c in cells if c[:3] == fix[:3]), None)


def current_findings() -> tuple[list[dict], list[dict]]:
    """(findings of the checks on the stored figures, findings accepted with imports), in words."""
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
    accepted = [
        {
            **describe(f.check_name, f.cells, f.difference, f.fix, names),
            "severity": f.severity,
            "source": f.source.title,
            "cell_keys": f.cells,
        }
        for f in stored
    ]
    return live, accepted


def findings_touching(cells: set[tuple[str, str, str]]) -> list[str]:
    """Findings (in words) that involve any of the cells (municipality, period, measure)."""
    live, accepted = current_findings()
    return [
        f"{f['check']}: {f['fix'] or '; '.join(f['cells'])}"
        for f in live + accepted
        if any(tuple(cell[:3]) in cells for cell in f["cell_keys"])
    ]
