"""The status report's content, built from register data as exported (now or as of a date).

Built from the export's plain data rather than the ORM, so the same code builds today's
report and any past edition (from `export_register(as_of=…)`), and the renderers (PPTX,
PDF, HTML) take only the frozen `StatusReport` and never touch the database.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samvirke.lib import partial_date
from samvirke.population.calc import ages as ages_calc
from samvirke.population.calc import checks, series
from samvirke.population.calc import forecast as forecast_calc
from samvirke.population.calc.periods import is_quarter, quarter_index
from samvirke.population.calc.tables import column_totals
from samvirke.population.findings import describe, from_finding, plain_words


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None
    numeric: tuple[bool, ...] = ()

    @property
    def marked_header(self) -> list[tuple[str, bool]]:
        """The header cells with whether the column holds numbers (never the first)."""
        numeric = self.numeric or (False,) + (True,) * (len(self.header) - 1)
        return [
            (h, bool(n) and i > 0)
            for i, (h, n) in enumerate(zip(self.header, numeric, strict=True))
        ]

    @property
    def marked_rows(self) -> list[tuple[tuple[str, bool], ...]]:
        """Each row's cells with whether the column holds numbers (for right alignment)."""
        numeric = self.numeric or (False,) * len(self.header)
        return [tuple(zip(row, numeric, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Chart:
    title: str
    kind: str  # "bar" or "line"
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    description: str = ""  # the text alternative


@dataclass(frozen=True)
class Block:
    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    key: str  # population, cooperation, findings, networks, organisation, principles …
    title: str
    facts: tuple[tuple[str, str], ...] = ()
    blocks: tuple[Block, ...] = ()
    tables: tuple[Table, ...] = ()
    chart: Chart | None = None
    lead: str = ""
    # What the slides leave out but the speaker's notes and the web/PDF version keep:
    # unknown fields ("Vertskommune: ukjend") and details of grouped cooperations.
    notes: tuple[str, ...] = ()
    # Short cooperations shown together on one slide (key "grouped"), each in full on the web.
    parts: tuple[Section, ...] = ()
    # False: kept in the web/PDF version and in the notes of the slide before, not a slide.
    on_slides: bool = True


@dataclass(frozen=True)
class StatusReport:
    organisation: str
    title: str
    period: str
    language: str
    sections: tuple[Section, ...] = field(default_factory=tuple)
    heading: str = ""  # the organisation's own name over the title ("Sognaregionen")
    organisation_name: str = ""  # the full name ("Sogn kommunalt oppgåvefellesskap")


def build_status_report(
    data: dict,
    period: str,
    *,
    organisation: str,
    language: str = "nn",
    include_drafts: bool = False,
) -> StatusReport:
    """Assemble ``organisation``'s status report for a month ("2026-03") from exported data.

    Only the organisation's own cooperations (owned or carried), bodies, decisions and
    networks are taken, in the board's order (``board_sections``; without one, a standard
    order). ``include_drafts`` says the data holds drafts marked for this reader (see
    services.status_report); the title then says so.
    """
    with translation.override(language):
        month = partial_date.parse(period)
        data = known_by(data, month.last)
        names = {m["number"]: m["name"] for m in data.get("municipalities", [])}
        org = next((o for o in data.get("organisations", []) if o["slug"] == organisation), None)
        members = org.get("members", []) if org else []
        org_name = org.get("short_name") or org["name"] if org else ""
        title = _("Status %(month)s %(year)s") % {
            "month": str(MONTHS[month.first.month]),
            "year": month.first.year,
        }
        if include_drafts:
            title = _("%s (draft, with unpublished records)") % title
        own = _own(data, organisation)
        cooperations = {c["slug"]: c for c in own["cooperations"]}
        plan = _board_plan(data, organisation, list(cooperations))
        built: dict[str, Section] = {
            slug: _cooperation_section(c, own, month, names) for slug, c in cooperations.items()
        }
        sections: list[Section | None] = [_summary_section(own, plan, built, month, organisation)]
        for kind, heading, slugs in plan:
            sections += _planned(kind, heading, slugs, built, own, organisation, members, names)
        return StatusReport(
            org_name,
            title,
            period,
            language,
            tuple(s for s in sections if s is not None),
            heading=(org or {}).get("report_title", ""),
            organisation_name=(org or {}).get("name", ""),
        )


# The standard order where an organisation has recorded none: the same parts as Sogn's deck.
STANDARD_PLAN = (
    "folketilvekst",
    "folketalsmaal",
    "alder",
    "samarbeid",
    "nettverk",
    "vedtak",
    "skiljeark",
    "organisasjon",
    "prinsipp",
)


def _board_plan(
    data: dict, organisation: str, cooperations: list[str]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(kind, the organisation's own heading, cooperation slugs) in the board's order.

    A cooperation the plan does not place comes last, alphabetically, so nothing is lost.
    """
    stored = sorted(
        (s for s in data.get("board_sections", []) if s.get("organisation") == organisation),
        key=lambda s: s["order"],
    )
    plan = [
        (s["kind"], s.get("title", ""), tuple(c for c in s.get("cooperations", []) if c))
        for s in stored
    ] or [(kind, "", ()) for kind in STANDARD_PLAN]
    placed = {slug for _k, _t, slugs in plan for slug in slugs}
    rest = tuple(sorted((c for c in cooperations if c not in placed), key=lambda c: c))
    if rest:
        at = next((i + 1 for i, p in reversed(list(enumerate(plan))) if p[0] == "samarbeid"), 0)
        at = at or next((i for i, p in enumerate(plan) if p[0] == "skiljeark"), len(plan))
        plan.insert(at, ("samarbeid", "", rest))
    return plan


def _planned(kind, heading, slugs, built, data, organisation, members, names) -> list:
    if kind == "folketilvekst":
        growth = _population_sections(data, members, names)[:1]
        return [_titled(s, heading) for s in growth] + _finding_sections(data, names)
    if kind == "folketalsmaal":
        return [_titled(s, heading) for s in _population_sections(data, members, names)[1:]]
    if kind == "alder":
        return [_titled(_age_section(data), heading)]
    if kind == "samarbeid":
        return [built[slug] for slug in slugs if slug in built]
    if kind == "samla":
        parts = tuple(built[slug] for slug in slugs if slug in built)
        return [_grouped_section(heading or _("Other cooperations"), parts)] if parts else []
    if kind == "nettverk":
        return [_titled(_network_section(data), heading)]
    if kind == "vedtak":
        return [_titled(_other_decisions_section(data), heading)]
    if kind == "skiljeark":
        return [Section("divider", heading or _("Background"))]
    if kind == "organisasjon":
        return [_titled(_organisation_section(data, organisation, names), heading)]
    if kind == "prinsipp":
        return _principle_sections(data, organisation)
    return []


def _titled(section: Section | None, heading: str) -> Section | None:
    if section is None or not heading:
        return section
    return replace(section, title=heading)


def _own(data: dict, organisation: str) -> dict:
    """The export's records that belong to the organisation (a national register holds many).

    Its cooperations are those it owns or carries, and those its board has placed in its
    order (the board reports on them, as Sogn KO's on TryggEst and Green Hydra).
    """
    placed = {
        slug
        for s in data.get("board_sections", [])
        if s.get("organisation") == organisation
        for slug in s.get("cooperations", [])
    }
    cooperations = [
        c
        for c in _published(data.get("cooperations", []))
        if organisation in (c.get("owner"), c.get("organisation")) or c["slug"] in placed
    ]
    slugs = {c["slug"] for c in cooperations}
    bodies = [b for b in data.get("bodies", []) if b.get("organisation") == organisation]
    # staff: its own and those of the organisations it works with as one team
    team = {organisation} | {
        o["slug"]
        for o in data.get("organisations", [])
        if organisation in o.get("works_with", []) or o["slug"] in _works_with(data, organisation)
    }
    body_slugs = {b["slug"] for b in bodies} | {
        b["slug"] for b in data.get("bodies", []) if b.get("cooperation") in slugs
    }
    return {
        **data,
        "cooperations": cooperations,
        "decisions": [
            d
            for d in data.get("decisions", [])
            if d.get("body") in body_slugs or set(d.get("cooperations", [])) & slugs
        ],
        "networks": [n for n in data.get("networks", []) if n.get("organisation") == organisation],
        "staff": [s for s in data.get("staff", []) if s.get("organisation") in team],
    }


def _works_with(data: dict, organisation: str) -> list[str]:
    found = (o for o in data.get("organisations", []) if o["slug"] == organisation)
    return next((o.get("works_with", []) for o in found), [])


def known_by(data: dict, day) -> dict:
    """The data without what happened after ``day``: decisions (with their follow-ups) and
    status entries dated later. A report for a period shows only what was known at its end;
    undated records stay (when they happened is unknown), and planned meetings and next steps
    are plans that were known before they fall due."""

    def later(text: str | None) -> bool:
        if not text:
            return False
        try:
            return partial_date.parse(text).first > day
        except ValueError:
            return False

    kept = dict(data)
    kept["decisions"] = [d for d in data.get("decisions", []) if not later(d.get("date"))]
    kept["cooperations"] = [
        {**c, "status_entries": [e for e in c["status_entries"] if not later(e.get("date"))]}
        if "status_entries" in c
        else c
        for c in data.get("cooperations", [])
    ]
    return kept


def _published(records: list[dict]) -> list[dict]:
    return [r for r in records if r.get("published")]


def _num(value) -> str:
    return number_format(value, force_grouping=True) if value is not None else ""


def _date(text: str | None) -> str:
    if not text:
        return _("date unknown")
    return partial_date.describe(partial_date.parse(text), {k: str(v) for k, v in MONTHS.items()})


def _population_values(data: dict) -> tuple[dict, dict, dict]:
    """(effective values, corrections by cell, the sources' printed Sums by (period, measure))."""
    source = {
        (v["municipality"], v["period"], v["measure"]): v.get("value")
        for v in data.get("population", [])
    }
    corrected = {
        (c["municipality"], c["period"], c["measure"]): c
        for c in data.get("population_corrections", [])
    }
    printed = {
        (cell[1], cell[2]): cell[3]
        for f in data.get("population_findings", [])
        if f["check"] == "given_total"
        for cell in f["cells"]
        if cell[0] == checks.SUM
    }
    values = series.effective(source, {k: c["value"] for k, c in corrected.items()})
    return values, corrected, printed


def _population_sections(data: dict, members: list[str], names: dict) -> list[Section]:
    values, corrected, printed = _population_values(data)
    # until a finding is resolved, what reads a cell it flags is uncertain (as on /folketal/);
    # read from the report's data, so a published edition keeps its marks
    flagged = series.flagged_cells(
        (cells, fix) for _check, cells, fix in _open_findings(data, values, corrected, names)
    )
    sections = []
    doubtful = series.uncertain_periods(flagged, members, "growth")
    growth = _table(
        values,
        members,
        names,
        "growth",
        _("Population growth per quarter"),
        corrected,
        printed,
        doubtful,
    )
    if growth:
        table, totals, periods = growth
        note = _uncertain_note(flagged, members, names, "growth")
        chart = Chart(
            _("Population growth per quarter, the region"),
            "bar",
            tuple(f"{p} ?" if p in doubtful else p for p in periods),
            ((_("Sum"), tuple(float(t) if t is not None else None for t in totals)),),
            " ".join(filter(None, [_("Column chart of the Sum row of the table."), note])),
        )
        lead = _correction_note(corrected, members, names, "growth")
        sections.append(
            Section(
                "population_growth",
                _("Population growth"),
                tables=(table,),
                chart=chart,
                lead="\n".join(filter(None, [lead, note])),
            )
        )
    ends = _table(
        values,
        members,
        names,
        "population_end",
        _("Population at end of quarter"),
        corrected,
        printed,
        series.uncertain_periods(flagged, members, "population_end"),
    )
    if ends:
        table, totals, periods = ends
        section = _target_section(values, members, table, totals, periods, corrected, names)
        sections.append(_with_uncertain_forecast(section, flagged, members, names))
    return sections


def _uncertain_note(flagged: set, members, names, measure: str) -> str:
    """ "? The Sum for 2025K3 is uncertain: it builds on Årdal 2025K3, which the checks have
    flagged …" for each period whose Sum reads a flagged cell."""
    by_period: dict[str, list[str]] = defaultdict(list)
    for m, p, _me in series.depends_on_flagged(flagged, members, (measure,)):
        by_period[p].append(f"{names.get(m, m)} {p}")
    return " ".join(
        _(
            "? The Sum for %(period)s is uncertain: it builds on %(cells)s, which the checks "
            "have flagged; see the checks."
        )
        % {"period": p, "cells": ", ".join(cells)}
        for p, cells in sorted(by_period.items(), key=lambda item: quarter_index(item[0]))
    )


def _with_uncertain_forecast(section: Section, flagged: set, members, names) -> Section:
    """The region's forecast (and its answer to the target) marked uncertain while it reads
    figures an open finding flags: the same rule as /folketal/ and the forecast API."""
    doubtful = series.depends_on_flagged(flagged, members, ("growth", "population_end"))
    if not doubtful:
        return section
    cells = ", ".join(f"{names.get(m, m)} {p}" for m, p, _me in doubtful)
    note = _(
        "? Uncertain: the forecast builds on %(cells)s, which the checks have flagged and no "
        "correction has resolved yet; see the checks."
    ) % {"cells": cells}
    lines = [section.lead, _uncertain_note(flagged, members, names, "population_end")]
    chart = section.chart
    if chart:
        marked = tuple(
            (_("Forecast (uncertain)") if name == _("Forecast") else name, values)
            for name, values in chart.series
        )
        chart = replace(chart, series=marked, description=f"{chart.description} {note}")
    lead = "\n".join(filter(None, [*lines, note]))
    return replace(section, lead=lead, chart=chart)


def _correction_note(corrected: dict, members, names, measure: str | None = None) -> str:
    """ "* Årdal 2025K3: corrected from 37 to −37; see the checks." for the cells used."""
    return " ".join(
        _("* %(who)s %(period)s: corrected from %(source)s to %(value)s; see the checks.")
        % {
            "who": names.get(m, m),
            "period": p,
            "source": _num(c.get("source_value")),
            "value": _num(c["value"]),
        }
        for (m, p, me), c in sorted(corrected.items())
        if m in members and (measure is None or me == measure)
    )


def _table(
    values, members, names, measure, caption, corrected=None, printed=None, uncertain=frozenset()
):
    periods = sorted(
        {p for (m, p, me) in values if me == measure and m in members},
        key=lambda p: quarter_index(p) if is_quarter(p) else 0,
    )
    if not periods:
        return None
    corrected, printed = corrected or {}, printed or {}
    rows = [[values.get((m, p, measure)) for p in periods] for m in members]
    totals = column_totals(rows)

    def shown(m: str, p: str, v) -> str:
        if v is None:
            return ".."
        return f"{_num(v)}*" if (m, p, measure) in corrected else _num(v)

    def total(p: str, t) -> str:
        given = printed.get((p, measure))
        mark = " ?" if p in uncertain and t is not None else ""  # the footnote says why
        if given is None or given == t:
            return _num(t) + mark
        return _("%(computed)s (the source: %(printed)s)") % {
            "computed": _num(t) + mark,
            "printed": _num(given),
        }

    table = Table(
        caption,
        (_("Municipality"), *periods),
        tuple(
            (
                f"K-{m} {names.get(m, m)}",
                *(shown(m, p, v) for p, v in zip(periods, row, strict=True)),
            )
            for m, row in zip(members, rows, strict=True)
        ),
        (_("Sum"), *(total(p, t) for p, t in zip(periods, totals, strict=True))),
        (False, *([True] * len(periods))),
    )
    return table, totals, periods


def _target_section(values, members, table, totals, periods, corrected, names) -> Section:
    known = [(p, t) for p, t in zip(periods, totals, strict=True) if t is not None]
    last_period, last_population = known[-1]
    target, by_year = series.default_target(last_population, last_period)
    title = _("%(target)s by %(year)s?") % {"target": _num(target), "year": by_year}
    growth = series.summed_growth(
        {(m, p): v for (m, p, me), v in values.items() if me == "growth"}, members
    )
    lead, chart = "", None
    try:
        model = forecast_calc.fit(
            [(p, g) for p, g in growth if quarter_index(p) <= quarter_index(last_period)]
        )
        answer = forecast_calc.answer_target(model, last_period, last_population, target, by_year)
        points = forecast_calc.forecast(model, last_period, last_population, 8)
        lead = _(
            "Expected to reach %(target)s in %(expected)s (80 %% interval: %(early)s to "
            "%(late)s); probability by the end of %(year)s: %(p)s %%."
        ) % {
            "target": _num(target),
            "expected": answer.expected or "–",
            "early": answer.earliest or "–",
            "late": answer.latest or "–",
            "year": by_year,
            "p": round(answer.probability_by * 100),
        }
        note = _correction_note(corrected, members, names)
        if note:
            lead = f"{lead} {_('The forecast uses corrected figures.')} {note}"
        categories = tuple([p for p, _t in known] + [p.period for p in points])
        history = tuple([float(t) for _p, t in known] + [None] * len(points))
        expected = tuple(
            [None] * (len(known) - 1) + [float(last_population)] + [round(p.mean) for p in points]
        )
        chart = Chart(
            _("Population at end of quarter, the region, with forecast"),
            "line",
            categories,
            ((_("Registered"), history), (_("Forecast"), expected)),
            _("Line chart: registered population and the forecast's expected path."),
        )
    except forecast_calc.ForecastError:
        lead = _("There are too few consecutive quarters of growth to forecast.")
    return Section("population_target", title, tables=(table,), chart=chart, lead=lead)


def _open_findings(data: dict, values, corrected, names) -> list[tuple[str, list, list | None]]:
    """(check, cells, fix) of each finding no correction resolves: those stored with the data
    and those the checks find in its figures."""
    stored = data.get("population_findings", [])
    known = {(f["check"], tuple(map(tuple, f["cells"]))) for f in stored}
    open_: list[tuple[str, list, list | None]] = []
    for f in stored:
        hit = [corrected[tuple(c[:3])] for c in f["cells"] if tuple(c[:3]) in corrected]
        if hit:
            continue  # resolved: the correction is noted where the figure is shown
        open_.append((f["check"], f["cells"], f.get("fix")))
    for finding in checks.check(values):
        if (finding.check, tuple((*k, v) for k, v in finding.cells)) in known:
            continue
        words = from_finding(finding, names)
        open_.append((finding.check, words["cell_keys"], words["fix_cell"]))
    return open_


def _finding_sections(data: dict, names: dict) -> list[Section]:
    values, corrected, _printed = _population_values(data)
    open_ = _open_findings(data, values, corrected, names)
    items = []
    by_fix: dict[tuple, list] = defaultdict(list)
    for check, cells, fix in open_:
        if fix:
            by_fix[tuple(fix)].append((check, cells, fix))
        else:
            words = describe(check, cells, 0, None, names)
            items.append(f"{words['check']}: {'; '.join(words['cells'])}.")
    items = [plain_words(group, names) + "." for group in by_fix.values()] + items
    if not items:
        return []
    return [
        Section(
            "findings",
            _("Findings of the consistency checks"),
            blocks=(Block("", tuple(items)),),
            on_slides=False,
        )
    ]


def _cooperation_section(c: dict, data: dict, month, names: dict) -> Section:
    """One cooperation: known facts on the slide; what is unknown goes to the notes."""
    facts: list[tuple[str, str]] = []
    unknown: list[str] = []
    host = names.get(c.get("host"), "")
    phase = c.get("phase") or "ukjend"
    phase_label = _choice("registry", "cooperation", "phase", phase)
    if phase != "ukjend" and c.get("phase_interpreted"):
        phase_label = _("%(phase)s (read from the source)") % {"phase": phase_label}
    for label, value, known in (
        (_("Host municipality"), host, bool(host)),
        (_("Phase"), phase_label, phase != "ukjend"),
        (_("Start"), _date(c.get("start")), bool(c.get("start"))),
    ):
        if known:
            facts.append((label, value))
        elif label != _("Host municipality") or _host_applies(c):
            unknown.append(label)
    if c.get("resources") is not None:
        facts.append(
            (
                _("Resources"),
                _("%(n)s full-time equivalents") % {"n": str(c["resources"]).replace(".", ",")},
            )
        )
    participants = c.get("participants", [])
    if c.get("stated_count") is not None:
        facts.append((_("Participants"), _stated_count(c)))
    if participants:
        facts.append((_("Participants"), _participants(participants, names)))
        if any(p.get("status", "ukjend") == "ukjend" for p in participants):
            unknown.append(_("Participation status of %s") % _unknown_names(participants, names))
    financing = c.get("financing", [])
    if financing:
        facts.append((_("Financing"), "; ".join(_financing_line(data, f) for f in financing)))
        unknown += [
            _("amount from %s") % _financing_source(data, f)
            for f in financing
            if f.get("amount") is None
        ]
    status, status_heading = _status_items(c, month)
    said = {_plain(item) for item in status}
    leader = _person_name(data, c.get("project_leader")) or c.get("project_leader_note", "")
    if leader and not _repeats(leader, status):
        facts.append((_("Project leader"), leader))
    decisions = _decision_lines(
        [
            d
            for d in _published(data.get("decisions", []))
            if c["slug"] in d.get("cooperations", [])
        ],
        data,
    )
    steps = tuple(
        _dated(s.get("due"), s["text"])
        for s in c.get("next_steps", [])
        if not s.get("done") and _plain(s["text"]) not in said
    )
    blocks = tuple(
        b
        for b in (
            Block(status_heading, status),
            Block(_("Decisions"), decisions),
            Block(_("Next steps"), steps),
        )
        if b.items
    )
    lead = " ".join(
        sentence
        for sentence in _sentences(c.get("description", ""))
        if not _repeats(sentence, status)
    )
    notes = (_("Not known: %s.") % "; ".join(unknown),) if unknown else ()
    if phase != "ukjend" and c.get("phase_basis"):
        said_so = _("The phase is read from: “%s”") if c.get("phase_interpreted") else None
        notes += ((said_so or _("The phase as the source states it: “%s”")) % c["phase_basis"],)
    return Section(
        "cooperation", c["name"], facts=tuple(facts), blocks=blocks, lead=lead, notes=notes
    )


def _host_applies(c: dict) -> bool:
    """The register's rule (Cooperation.host_applies) on exported data."""
    from samvirke.registry.models import Cooperation

    return bool(c.get("host")) or not (
        c.get("no_host") or c.get("legal_model") in Cooperation.HOSTLESS_MODELS
    )


def _stated_count(c: dict) -> str:
    """ "5 av 6 kommunar (desember 2025); kjelda seier ikkje kva kommunar" """
    n, total = c["stated_count"], c.get("stated_count_of")
    text = (
        _("%(n)s of %(total)s municipalities") % {"n": n, "total": total}
        if total is not None
        else _("%(n)s municipalities") % {"n": n}
    )
    if c.get("stated_count_date"):
        text += f" ({_date(c['stated_count_date'])})"
    return text + "; " + _("the source does not say which")


def _decision_lines(decisions: list[dict], data: dict) -> tuple[str, ...]:
    """One line a decision, dated; the same decision taken by several councils (the same
    title and date) is one line naming the councils, not one line each."""
    councils = {b["slug"] for b in data.get("bodies", []) if b.get("kind") == "kommunestyre"}
    rows: dict[tuple[str, str, str], list[str]] = {}
    for d in sorted(decisions, key=lambda d: (d.get("date", ""), d["title"])):
        body = "" if d["body"] in councils else d["body"]
        rows.setdefault((d.get("date", ""), d["title"], body), []).append(
            _body_name(data, d["body"])
        )
    return tuple(
        _dated(date, f"{title} ({'; '.join(bodies)})") for (date, title, _b), bodies in rows.items()
    )


def _status_items(c: dict, month) -> tuple[tuple[str, ...], str]:
    """The month's status lines; without any, the latest before it, carried forward, dated."""
    published = [e for e in c.get("status_entries", []) if e.get("published") and e.get("date")]
    this_month = tuple(e["text"] for e in published if _overlaps(e["date"], month))
    if this_month:
        return this_month, _("Status")
    earlier = [e for e in published if partial_date.parse(e["date"]).last < month.first]
    if not earlier:
        return (), _("Status")
    latest = max(partial_date.parse(e["date"]).last for e in earlier)
    carried = tuple(e["text"] for e in earlier if partial_date.parse(e["date"]).last == latest)
    when = next(e["date"] for e in earlier if partial_date.parse(e["date"]).last == latest)
    return carried, _("Status as of %(date)s (no new status entries since)") % {"date": _date(when)}


def _participants(participants: list[dict], names: dict) -> str:
    """Grouped by their decision: "Vedteke: Vik, Sogndal"; an unknown status is left out."""
    by_status: dict[str, list[str]] = defaultdict(list)
    for p in participants:
        by_status[p.get("status") or "ukjend"].append(
            names.get(p["municipality"], p["municipality"])
        )
    order = ("vedteke", "ikkje_vedteke", "utmeld")
    parts = [
        f"{_choice('registry', 'participation', 'status', status)}: {', '.join(by_status[status])}"
        for status in order
        if status in by_status
    ]
    if "ukjend" in by_status:
        rest = ", ".join(by_status["ukjend"])
        parts.append(_("also %s") % rest if parts else rest)
    return "; ".join(parts)


def _unknown_names(participants: list[dict], names: dict) -> str:
    return ", ".join(
        names.get(p["municipality"], p["municipality"])
        for p in participants
        if (p.get("status") or "ukjend") == "ukjend"
    )


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text or "") if s.strip()]


def _dated(due: str | None, text: str) -> str:
    """ "1. januar 2027: Etablering" (no date in front when the text already says it)."""
    if not due:
        return text
    when = _date(due)
    return text if when.casefold() in text.casefold() else f"{when}: {text}"


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _repeats(text: str, lines: tuple[str, ...]) -> bool:
    """Whether a sentence only repeats what the status lines say (its words nearly all there).

    The same sentence, or one made of the status lines' own words (at least 85 % of its
    words, and at least five words, so a short remark is never dropped for common words).
    """
    if any(_plain(text) in _plain(line) for line in lines):
        return True
    words = _words(text)
    said = set().union(*(_words(line) for line in lines)) if lines else set()
    return len(words) >= 5 and len(words & said) >= 0.85 * len(words)


def _plain(text: str) -> str:
    """A line compared for repetition: case, spacing and the closing full stop ignored."""
    return " ".join(text.split()).rstrip(".").casefold()


def _grouped_section(title: str, parts: tuple[Section, ...]) -> Section:
    """Short cooperations on one slide: each with its lead or first status line."""
    blocks = tuple(
        Block(part.title, (part.lead,) if part.lead else _first_items(part)) for part in parts
    )
    notes = tuple(
        line
        for part in parts
        for line in (
            part.title,
            *(f"{label}: {value}" for label, value in part.facts),
            *(item for block in part.blocks for item in block.items),
            *part.notes,
        )
    )
    return Section("grouped", title, blocks=blocks, parts=parts, notes=notes)


def _first_items(part: Section) -> tuple[str, ...]:
    return next((b.items[:2] for b in part.blocks if b.items), ())


def _summary_section(
    data: dict, plan, built: dict[str, Section], month, organisation: str
) -> Section | None:
    """The board's minute: per cooperation its phase, mark, what is new, what comes next."""
    cooperations = {c["slug"]: c for c in data.get("cooperations", [])}
    order = [slug for _k, _t, slugs in plan for slug in slugs if slug in cooperations]
    if not order:
        return None
    rows, details = [], []
    for slug in order:
        c = cooperations[slug]
        overdue = _overdue(c, data, month)
        rows.append(
            (
                c["name"],
                _choice("registry", "cooperation", "phase", c.get("phase"))
                if c.get("phase", "ukjend") != "ukjend"
                else "–",
                _mark(c, overdue),
                _news(c, month),
                _short(_next_for_board(c, data, month, organisation), NEXT_CHARACTERS),
                _short("; ".join(overdue)) or "–",
            )
        )
        details.append(
            f"{c['name']}: {_next_for_board(c, data, month, organisation)}; {_('Overdue')}: "
            + ("; ".join(overdue) or "–")
        )
        details.extend(f"{c['name']}, {_('new')}: {text}" for text in _new_entries(c, month))
    table = Table(
        _("Summary: each cooperation this month"),
        (
            _("Cooperation"),
            _("Phase"),
            _("Mark"),
            _("New this month"),
            _("Next"),
            _("Overdue"),
        ),
        tuple(rows),
        numeric=(False,) * 6,
    )
    return Section("summary", _("Summary"), tables=(table,), notes=tuple(details))


NEWS_CHARACTERS = 26  # the first words of a new status entry in the summary (one line)
NEXT_CHARACTERS = 48  # what comes next, in at most two lines (the notes hold it whole)


def _short(text: str, most: int = 64) -> str:
    """A summary cell: the first ``most`` characters, cut at a word ("…"); the notes hold all."""
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def _mark(c: dict, overdue: list[str]) -> str:
    if c.get("progress"):
        return _choice("registry", "cooperation", "progress", c["progress"])
    if overdue:
        return _choice("registry", "cooperation", "progress", "forseinka")
    return "–"


def _new_entries(c: dict, month) -> list[str]:
    """The texts of the cooperation's published status entries dated in the month."""
    return [
        e["text"]
        for e in c.get("status_entries", [])
        if e.get("published") and e.get("date") and _overlaps(e["date"], month)
    ]


def _news(c: dict, month) -> str:
    """What is new: the first new entry's first words, and how many more there are (the
    notes give them whole)."""
    entries = [e for e in c.get("status_entries", []) if e.get("published") and e.get("date")]
    new = _new_entries(c, month)
    if new:
        text = _short(new[0], NEWS_CHARACTERS)
        if len(new) > 1:
            text += f" (+{len(new) - 1})"  # how many more (one line; the notes give them all)
        return text
    earlier = [e["date"] for e in entries if partial_date.parse(e["date"]).last < month.first]
    if earlier:
        latest = max(earlier, key=lambda d: partial_date.parse(d).last)
        return _("nothing new since %s") % _date(latest)
    return "–"


# the bodies a board's "next" is about: the organisation's board and its council of
# representatives (a steering group's or another organisation's meeting is not the board's)
BOARD_KINDS = ("styre", "representantskap")


def _next_for_board(c: dict, data: dict, month, organisation: str) -> str:
    """What comes to the board next: the cooperation's item on the first meeting of the
    organisation's board or council of representatives dated from this month on (with the
    meeting's date and title); without one, the first open step or follow-up due from this
    month on, with its date."""
    boards = {
        b["slug"]
        for b in data.get("bodies", [])
        if b.get("organisation") == organisation and b.get("kind") in BOARD_KINDS
    }
    meetings = {
        m["slug"]: m
        for m in data.get("meetings", [])
        if m.get("published")
        and m.get("body") in boards
        and m.get("date")
        and partial_date.parse(m["date"]).last >= month.first
    }
    items = sorted(
        (partial_date.parse(meetings[i["meeting"]]["date"]).first, i.get("order", 0), i)
        for i in data.get("agenda_items", [])
        if i.get("meeting") in meetings and c["slug"] in i.get("cooperations", [])
    )
    if items:
        item = items[0][2]
        meeting = meetings[item["meeting"]]
        when = _date(meeting["date"])
        if meeting.get("title"):
            when = f"{when}, {meeting['title']}"
        return f"{when}: {item['title']}"
    dated = [
        (s["due"], s["text"]) for s in c.get("next_steps", []) if s.get("due") and not s.get("done")
    ] + [
        (f["due"], f["text"])
        for d in _published(data.get("decisions", []))
        if c["slug"] in d.get("cooperations", [])
        for f in d.get("follow_ups", [])
        if f.get("due") and f.get("status") != "fullfort"
    ]
    coming = sorted(
        (partial_date.parse(due).first, due, text)
        for due, text in dated
        if partial_date.parse(due).last >= month.first
    )
    if not coming:
        return "–"
    _first, due, text = coming[0]
    return _dated(due, text)


def _overdue(c: dict, data: dict, month) -> list[str]:
    """Open steps and follow-ups whose due date ended before the month began."""
    dated = [
        (s["due"], s["text"]) for s in c.get("next_steps", []) if s.get("due") and not s.get("done")
    ] + [
        (f["due"], f["text"])
        for d in _published(data.get("decisions", []))
        if c["slug"] in d.get("cooperations", [])
        for f in d.get("follow_ups", [])
        if f.get("due") and f.get("status") != "fullfort"
    ]
    return [_dated(due, text) for due, text in dated if partial_date.parse(due).last < month.first]


def _financing_source(data: dict, line: dict) -> str:
    return _organisation_name(data, line.get("source")) or line.get("source_note", "")


def _financing_line(data: dict, line: dict) -> str:
    source = _financing_source(data, line)
    amount = line.get("amount")
    if amount is None:
        return f"{source} ({_choice('registry', 'financingline', 'kind', line.get('kind'))})"
    return f"{source}: {_num(amount)} kr"


def _overlaps(text: str | None, month) -> bool:
    if not text:
        return False
    when = partial_date.parse(text)
    return when.first <= month.last and month.first <= when.last


def _other_decisions_section(data: dict) -> Section | None:
    """Decisions that concern no single cooperation (orders, principles), with follow-ups."""
    decisions = [d for d in _published(data.get("decisions", [])) if not d.get("cooperations")]
    if not decisions:
        return None
    blocks = tuple(
        Block(
            _dated(d.get("date"), f"{d['title']} ({_body_name(data, d['body'])})"),
            (d["text"], *(f"{_('Follow-up')}: {f['text']}" for f in d.get("follow_ups", []))),
        )
        for d in sorted(decisions, key=lambda d: d.get("date", ""), reverse=True)
    )
    # On the web and in the PDF; on the slides only in the notes (the principles slide
    # holds what the board decided on principles, as the source does).
    return Section("decisions", _("Other decisions"), blocks=blocks, on_slides=False)


def _network_section(data: dict) -> Section | None:
    networks = _published(data.get("networks", []))
    if not networks:
        return None
    rows = tuple(
        (
            n["name"],
            _("yes") if n.get("committed") else "–" if n.get("committed") is None else _("no"),
            _date(n["established"]) if n.get("established") else "–",
        )
        for n in sorted(networks, key=lambda n: n["name"])
    )
    table = Table(
        _("Networks (– : not known)"),
        (_("Network"), _("Committed network"), _("Established")),
        rows,
        numeric=(False, False, False),
    )
    return Section("networks", _("Networks"), tables=(table,))


def _organisation_section(data: dict, organisation: str, names: dict) -> Section | None:
    blocks = []
    for body in data.get("bodies", []):
        if body.get("organisation") != organisation:
            continue
        items = tuple(
            f"{_person_name(data, m.get('person')) or m.get('holder_title', '')}, "
            f"{names.get(m.get('municipality'), '')} "
            f"({_choice('governance', 'membership', 'role', m['role'])})".replace(", (", " (")
            for m in body.get("memberships", [])
        )
        blocks.append(Block(body["name"], items))
    staff = [s for s in data.get("staff", [])]
    if staff:
        blocks.append(
            Block(
                _("Staff"),
                tuple(
                    f"{_person_name(data, s['person'])}, {s['title']} "
                    f"{str(s.get('position_share', '')).replace('.', ',')} %, "
                    f"{_organisation_name(data, s['organisation'])}"
                    f" ({_('formal employer')}: {_organisation_name(data, s.get('employer'))})"
                    for s in staff
                ),
            )
        )
    if not blocks:
        return None
    return Section("organisation", _("Organisation"), blocks=tuple(blocks))


def _principle_sections(data: dict, organisation: str) -> list[Section]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for p in data.get("principles", []):
        if p.get("organisation") == organisation:
            grouped[p["kind"]].append(p)
    titles = {
        "prinsipp": _("Principles for cooperation agreements"),
        "mal": _("Goals"),
        "hypotese": _("Hypothesis"),
        "avtalepunkt": _("The cooperation agreement"),
        "rolle": _("Roles"),
        "arbeidsform": _("How investigations are done"),
        "bakgrunn": _("Background"),
    }
    # Goals and the hypothesis share a slide, as in the source ("Eksisterende samarbeid").
    grouped["mal"] += grouped.pop("hypotese", [])
    if grouped["mal"] and any(p["kind"] == "hypotese" for p in grouped["mal"]):
        titles["mal"] = _("Goals and hypothesis")
    sections = []
    for kind in ("prinsipp", "mal", "avtalepunkt", "rolle", "arbeidsform", "bakgrunn"):
        if grouped[kind]:
            blocks = tuple(
                Block(
                    p["title"],
                    tuple(line for line in p.get("text", "").splitlines() if line.strip()),
                )
                for p in sorted(grouped[kind], key=lambda p: p["order"])
            )
            sections.append(Section("principles", titles[kind], blocks=blocks))
    return sections


def _choice(app: str, model: str, field_name: str, value: str | None) -> str:
    from django.apps import apps

    field_obj = apps.get_model(app, model)._meta.get_field(field_name)
    return str(dict(field_obj.choices).get(value, value or _("unknown"))).capitalize()


def _organisation_name(data: dict, slug: str | None) -> str:
    return next((o["name"] for o in data.get("organisations", []) if o["slug"] == slug), "")


def _person_name(data: dict, slug: str | None) -> str:
    return next((p["name"] for p in data.get("persons", []) if p["slug"] == slug), "")


def _body_name(data: dict, slug: str) -> str:
    return next((b["name"] for b in data.get("bodies", []) if b["slug"] == slug), slug)


def _age_section(data: dict) -> Section | None:
    """The elderly wave: share 67+ now and ahead per area, the region's measures, in words.

    Every figure is a ratio of sums of SSB's one-year counts, stored with the report's data
    (``age_structure``: see population.ages.report_data)."""
    structure = data.get("age_structure") or {}
    now, years = structure.get("now"), structure.get("years", [])
    if not now or not structure.get("figures"):
        return None
    measures = {
        (f["area"], f["year"], f["alternative"]): ages_calc.Measures(
            **{k: f[k] for k in ("total", "young", "working_age", "aged_67_plus", "aged_80_plus")}
        )
        for f in structure["figures"]
    }

    def at(area: str, year: str) -> ages_calc.Measures | None:
        return measures.get((area, year, "")) if year == now else measures.get((area, year, "MMMM"))

    columns = [now, *years]
    share_rows = tuple(
        (
            area["name"],
            *(
                _percent(m.share_67_plus if m else None)
                for m in (at(area["code"], y) for y in columns)
            ),
        )
        for area in structure["areas"]
    )
    tables = [
        Table(
            _("Share of the population 67 or older (projection: main alternative MMMM)"),
            (_("Area"), *columns),
            share_rows,
            numeric=(False, *([True] * len(columns))),
        )
    ]
    region = next((a for a in structure["areas"] if a["kind"] == "region"), None)
    lead = ""
    if region is not None:
        code = region["code"]
        figures = [at(code, y) for y in columns]
        base = figures[0]
        tables.append(
            Table(
                _("%s: measures now and ahead") % region["name"],
                (_("Measure"), *columns),
                (
                    (
                        _("Share 67 or older"),
                        *(_percent(m.share_67_plus if m else None) for m in figures),
                    ),
                    (
                        _("Share 80 or older"),
                        *(_percent(m.share_80_plus if m else None) for m in figures),
                    ),
                    (
                        _("Dependency ratio (0–19 and 67+ per 20–66)"),
                        *(_ratio(m.dependency_ratio if m else None) for m in figures),
                    ),
                    (
                        _("Working age (20–66), change since %s") % now,
                        "",
                        *(
                            _change(ages_calc.change(base.working_age, m.working_age))
                            if base and m
                            else ".."
                            for m in figures[1:]
                        ),
                    ),
                ),
                numeric=(False, *([True] * len(columns))),
            )
        )
        later = at(code, "2040")
        if base and later:
            lead = (
                _one_in_sentence(region["name"], "2040", later.share_67_plus)
                + " "
                + _("Now: %(share)s (%(year)s).")
                % {"share": _percent(base.share_67_plus), "year": now}
            )
    municipalities = [a for a in structure["areas"] if a["kind"] == "municipality"]
    chart_years = [y for y in (now, "2040") if all(at(a["code"], y) for a in municipalities)]
    chart = None
    if municipalities and len(chart_years) == 2:
        chart = Chart(
            _("Share 67 or older, %(now)s and 2040") % {"now": now},
            "bar",
            tuple(a["name"] for a in municipalities),
            tuple(
                (
                    y,
                    tuple(
                        round(float(at(a["code"], y).share_67_plus) * 100, 1)
                        for a in municipalities
                    ),
                )
                for y in chart_years
            ),
            _(
                "Columns per municipality: per cent of the inhabitants 67 or older; the table "
                "gives the figures."
            ),
        )
    findings = tuple(structure.get("findings", ()))
    return Section(
        "age_structure",
        _("The elderly wave"),
        tables=tuple(tables),
        chart=chart,
        lead=lead,
        blocks=(Block(_("Findings of the consistency checks"), findings),) if findings else (),
    )


def _one_in_sentence(name: str, year: str, share) -> str:
    one_in = ages_calc.one_in(share)
    if one_in:
        return _(
            "In %(year)s, one in %(n)s inhabitants of %(name)s is 67 or older (%(share)s)."
        ) % {
            "year": year,
            "n": one_in,
            "name": name,
            "share": _percent(share),
        }
    return _("In %(year)s, %(share)s of the inhabitants of %(name)s are 67 or older.") % {
        "year": year,
        "share": _percent(share),
        "name": name,
    }


def _percent(share) -> str:
    if share is None:
        return ".."
    return f"{number_format(round(float(share) * 100, 1), 1)} %"


def _ratio(value) -> str:
    return ".." if value is None else number_format(round(float(value), 2), 2)


def _change(value) -> str:
    if value is None:
        return ".."
    percent = round(float(value) * 100, 1)
    return f"{'+' if percent > 0 else ''}{number_format(percent, 1)} %"
