"""The status report's content, built from register data as exported (now or as of a date).

Built from the export's plain data rather than the ORM, so the same code builds today's
report and any past edition (from `export_register(as_of=…)`), and the renderers (PPTX,
PDF, HTML) take only the frozen `StatusReport` and never touch the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class StatusReport:
    organisation: str
    title: str
    period: str
    language: str
    sections: tuple[Section, ...] = field(default_factory=tuple)


def build_status_report(
    data: dict,
    period: str,
    *,
    organisation: str = "sogn-ko",
    language: str = "nn",
    include_drafts: bool = False,
) -> StatusReport:
    """Assemble the status report for a month ("2026-03") from exported register data.

    ``include_drafts`` says the data holds drafts marked for this reader (see
    services.status_report); the title then says so.
    """
    with translation.override(language):
        month = partial_date.parse(period)
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
        sections = [
            *_population_sections(data, members, names),
            *_finding_sections(data, names),
            _age_section(data),
            *[
                _cooperation_section(c, data, month, names)
                for c in sorted(_published(data.get("cooperations", [])), key=lambda c: c["name"])
            ],
            _other_decisions_section(data),
            _network_section(data),
            _organisation_section(data, organisation, names),
            *_principle_sections(data, organisation),
        ]
        return StatusReport(
            org_name, title, period, language, tuple(s for s in sections if s is not None)
        )


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
    sections = []
    growth = _table(
        values, members, names, "growth", _("Population growth per quarter"), corrected, printed
    )
    if growth:
        table, totals, periods = growth
        chart = Chart(
            _("Population growth per quarter, the region"),
            "bar",
            tuple(periods),
            ((_("Sum"), tuple(float(t) if t is not None else None for t in totals)),),
            _("Column chart of the Sum row of the table."),
        )
        sections.append(
            Section(
                "population_growth",
                _("Population growth"),
                tables=(table,),
                chart=chart,
                lead=_correction_note(corrected, members, names, "growth"),
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
    )
    if ends:
        table, totals, periods = ends
        sections.append(_target_section(values, members, table, totals, periods, corrected, names))
    return sections


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


def _table(values, members, names, measure, caption, corrected=None, printed=None):
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
        if given is None or given == t:
            return _num(t)
        return _("%(computed)s (the source: %(printed)s)") % {
            "computed": _num(t),
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


def _finding_sections(data: dict, names: dict) -> list[Section]:
    values, corrected, _printed = _population_values(data)
    stored = data.get("population_findings", [])
    known = {(f["check"], tuple(map(tuple, f["cells"]))) for f in stored}
    open_: list[tuple[str, list, list | None]] = []
    items = []
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
            "findings", _("Findings of the consistency checks"), blocks=(Block("", tuple(items)),)
        )
    ]


def _cooperation_section(c: dict, data: dict, month, names: dict) -> Section:
    facts = [
        (_("Host municipality"), names.get(c.get("host"), _("unknown"))),
        (_("Phase"), _choice("registry", "cooperation", "phase", c.get("phase"))),
        (_("Start"), _date(c.get("start")) if c.get("start") else _("unknown")),
    ]
    if c.get("resources") is not None:
        facts.append(
            (
                _("Resources"),
                _("%(n)s full-time equivalents") % {"n": str(c["resources"]).replace(".", ",")},
            )
        )
    participants = c.get("participants", [])
    if participants:
        facts.append(
            (
                _("Participants"),
                ", ".join(
                    f"{names.get(p['municipality'], p['municipality'])} "
                    f"({_choice('registry', 'participation', 'status', p.get('status', 'ukjend'))})"
                    for p in participants
                ),
            )
        )
    financing = c.get("financing", [])
    if financing:
        facts.append(
            (
                _("Financing"),
                "; ".join(_financing_line(data, f) for f in financing),
            )
        )
    leader = _person_name(data, c.get("project_leader")) or c.get("project_leader_note", "")
    if leader:
        facts.append((_("Project leader"), leader))
    status = tuple(
        e["text"]
        for e in c.get("status_entries", [])
        if e.get("published") and _overlaps(e.get("date"), month)
    )
    decisions = tuple(
        f"{_date(d.get('date'))}: {d['title']} ({_body_name(data, d['body'])})"
        for d in sorted(_published(data.get("decisions", [])), key=lambda d: d.get("date", ""))
        if c["slug"] in d.get("cooperations", [])
    )
    steps = tuple(
        f"{_date(s['due']) + ': ' if s.get('due') else ''}{s['text']}"
        for s in c.get("next_steps", [])
        if not s.get("done")
    )
    blocks = tuple(
        b
        for b in (
            Block(_("Status"), status),
            Block(_("Decisions"), decisions),
            Block(_("Next steps"), steps),
        )
        if b.items
    )
    return Section(
        "cooperation", c["name"], facts=tuple(facts), blocks=blocks, lead=c.get("description", "")
    )


def _financing_line(data: dict, line: dict) -> str:
    source = _organisation_name(data, line.get("source")) or line.get("source_note", "")
    amount = line.get("amount")
    return f"{source}: {_num(amount) + ' kr' if amount is not None else _('amount unknown')}"


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
            f"{_date(d.get('date'))}: {d['title']} ({_body_name(data, d['body'])})",
            (d["text"], *(f"{_('Follow-up')}: {f['text']}" for f in d.get("follow_ups", []))),
        )
        for d in sorted(decisions, key=lambda d: d.get("date", ""), reverse=True)
    )
    return Section("decisions", _("Other decisions"), blocks=blocks)


def _network_section(data: dict) -> Section | None:
    networks = _published(data.get("networks", []))
    if not networks:
        return None
    rows = tuple(
        (
            n["name"],
            _("yes")
            if n.get("committed")
            else _("unknown")
            if n.get("committed") is None
            else _("no"),
            _date(n["established"]) if n.get("established") else _("unknown"),
        )
        for n in sorted(networks, key=lambda n: n["name"])
    )
    table = Table(
        _("Networks"),
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
    sections = []
    for kind in ("prinsipp", "mal", "hypotese", "avtalepunkt", "rolle", "arbeidsform", "bakgrunn"):
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
