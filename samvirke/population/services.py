"""Population imports and checks: every write of population figures goes through here.

An import is checked together with the figures already stored; if the checks find an
error the import is refused with the report and nothing is written, unless the caller
accepts the findings, which are then stored with the import's source and shown wherever
the numbers are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samvirke.access.audit import channel_user, with_channel
from samvirke.lib.numbers import number
from samvirke.population.calc import checks, series
from samvirke.population.calc.files import MAX_BYTES, FileFormatError
from samvirke.population.models import (
    Correction,
    Finding,
    Measure,
    PopulationValue,
    period_code,
)
from samvirke.population.selectors import effective_values, given_totals
from samvirke.portal.version import register_changed
from samvirke.registry.models import Municipality, Source

CellValues = dict[tuple[str, str, str], tuple[int | None, str]]


class PopulationImportError(ValueError):
    """The import cannot be stored; ``message`` says why (and names where)."""

    def __init__(self, message: str, findings: list[checks.Finding] | None = None):
        self.message = message
        self.findings = findings or []
        super().__init__(message)


@dataclass(frozen=True)
class ImportReport:
    source: Source
    stored: int
    findings: list[checks.Finding]


def stored_values(municipalities: list[str] | None = None) -> dict[checks.CellKey, int | None]:
    """All stored figures as cells (municipality number, period, measure) → persons."""
    queryset = PopulationValue.objects.all()
    if municipalities is not None:
        queryset = queryset.filter(municipality__number__in=municipalities)
    rows = queryset.values_list("municipality__number", "period", "measure", "value")
    return {(number, period, measure): value for number, period, measure, value in rows}


def check_stored() -> list[checks.Finding]:
    """The checks on the register's figures as they stand, corrections applied (no file's
    Sum rows).

    Cached until the figures change: every change leaves a history row, so the newest
    history rows name the state (a national register takes seconds to check).
    """
    key = "population-checks:" + ":".join(
        f"{row[0]}:{row[1].isoformat()}" if row else "-"
        for row in (
            model.history.order_by("-history_id").values_list("history_id", "history_date").first()
            for model in (PopulationValue, Correction)
        )
    )
    found = cache.get(key)
    if found is None:
        found = checks.check(effective_values())
        cache.set(key, found, timeout=None)
    return found


class CorrectionError(ValueError):
    """The correction cannot be stored; ``message`` says why. Nothing was stored."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@transaction.atomic
def correct(
    *,
    municipality: str,
    period: str,
    measure: str,
    value: int,
    note: str = "",
    user=None,
) -> Correction:
    """Record that a source figure should read ``value``: refused (nothing stored) unless
    the cell exists, and the new value restores at least one broken identity and breaks
    none that holds. The source's value stays on the figure and on the correction."""
    from samvirke.population.findings import cell_text, check_label

    names = dict(Municipality.objects.values_list("number", "name"))
    where = cell_text(municipality, period, measure, None, names).rsplit(" = ", 1)[0]
    figure = (
        PopulationValue.objects.select_for_update()
        .filter(municipality__number=municipality, period=period, measure=measure)
        .first()
    )
    if figure is None or figure.value is None:
        raise CorrectionError(
            _("%(cell)s has no figure in the register, so there is nothing to correct.")
            % {"cell": where}
        )
    key = (municipality, period, measure)
    totals, given = given_totals()
    values = {**effective_values(), key: figure.value, **totals}
    assessment = series.assess_correction(values, key, value, given)
    if assessment.broken:
        raise CorrectionError(
            _("%(cell)s = %(value)s would break: %(checks)s. Nothing was stored.")
            % {
                "cell": where,
                "value": value,
                "checks": "; ".join(str(check_label(i.check)) for i in assessment.broken),
            }
        )
    if not assessment.restored:
        raise CorrectionError(
            _(
                "%(cell)s = %(value)s restores no broken identity; a correction must make a "
                "check agree. Nothing was stored."
            )
            % {"cell": where, "value": value}
        )
    correction = Correction.objects.filter(
        municipality=figure.municipality, period=period, measure=measure
    ).first() or Correction(municipality=figure.municipality, period=period, measure=measure)
    correction.source_value = figure.value
    correction.value = value
    correction.restores = sorted({i.check for i in assessment.restored})
    correction.note = note
    correction.recorded_by = user
    correction.recorded_at = timezone.now()
    correction.full_clean()
    correction.save()
    return correction


def stored_findings():
    """Findings stored with imports that were accepted despite them."""
    return Finding.objects.select_related("source").order_by("source__slug", "order")


def import_values(
    values: CellValues,
    *,
    given_totals: dict[tuple[str, str], int] | None = None,
    source_kind: str,
    source_title: str,
    reference: str = "",
    retrieved_at: datetime | None = None,
    accept_findings: bool = False,
) -> ImportReport:
    """Store figures with their source, after checking them with what is stored."""
    numbers = sorted({number for number, _, _ in values})
    known = {m.number: m for m in Municipality.objects.filter(number__in=numbers)}
    unknown = [n for n in numbers if n not in known]
    if unknown:
        raise PopulationImportError(
            _("Unknown municipality numbers: %s. Nothing was stored.") % ", ".join(unknown)
        )
    merged = {**stored_values(numbers), **{k: v for k, (v, _) in values.items()}}
    findings = checks.check(merged, given_totals)
    if checks.errors(findings) and not accept_findings:
        raise PopulationImportError(
            _(
                "The checks found errors; nothing was stored. Use --accept-findings to store "
                "the figures with the findings attached."
            ),
            findings,
        )
    with transaction.atomic():
        source = _new_source(source_kind, source_title, reference, retrieved_at)
        stored = _store(values, known, source)
        for order, finding in enumerate(f for f in findings if f.severity == "error"):
            Finding.objects.create(
                source=source,
                order=order + 1,
                check_name=finding.check,
                severity=finding.severity,
                cells=[[*key, value] for key, value in finding.cells],
                difference=finding.difference,
                fix=[*finding.fix, finding.fix_value] if finding.fix else None,
            )
    return ImportReport(source, stored, findings)


def _new_source(kind: str, title: str, reference: str, retrieved_at) -> Source:
    moment = retrieved_at or timezone.now()
    base = slugify(f"{kind}-{title}-{moment:%Y%m%d%H%M%S}")[:90] or kind
    slug, n = base, 1
    while Source.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Source.objects.create(
        slug=slug, kind=kind, title=title[:200], reference=reference[:300], retrieved_at=moment
    )


def _store(values: CellValues, municipalities: dict[str, Municipality], source: Source) -> int:
    """Write the figures that differ from what is stored, in batches, each with its history
    row. Checked set-wise first: every period and measure once, every value's range.
    Rows travel as plain tuples: a model instance per figure cost most of a big import."""
    _validate(values)
    ids = {number: m.pk for number, m in municipalities.items()}
    existing = {
        (number, period, measure): (pk, value, status)
        for pk, number, period, measure, value, status in PopulationValue.objects.filter(
            municipality__number__in=list(municipalities)
        )
        .order_by()
        .values_list("pk", "municipality__number", "period", "measure", "value", "status")
    }
    new: list[tuple] = []
    changed: list[tuple] = []
    for key, (value, status) in sorted(values.items()):
        row = existing.get(key)
        if row is None:
            new.append((ids[key[0]], key[1], key[2], value, status, source.pk))
        elif (row[1], row[2]) != (value, status):
            changed.append((value, status, source.pk, row[0]))
    _write(new, changed, source)
    if new or changed:
        register_changed()  # plain SQL sends no signals: cached public pages must go
    return len(new) + len(changed)


def _write(new: list[tuple], changed: list[tuple], source: Source) -> None:
    """Insert and update in plain SQL batches, then write every history row with one
    INSERT … SELECT per kind: the ORM's per-row cost made a 1 M-row file take minutes.
    Every row written carries the new source, which is how the history finds them.
    ``new``: (municipality id, period, measure, value, status, source id);
    ``changed``: (value, status, source id, row id)."""
    table = PopulationValue._meta.db_table
    history = PopulationValue.history.model._meta.db_table
    columns = ["municipality_id", "period", "measure", "value", "status", "source_id"]
    q = connection.ops.quote_name
    user = channel_user()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({q('id')}) FROM {q(table)}")  # noqa: S608 - names quoted
        newest_before = cursor.fetchone()[0] or 0
        insert = (
            f"INSERT INTO {q(table)} ({', '.join(q(c) for c in columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        if connection.vendor == "postgresql" and new:
            # COPY: PostgreSQL's bulk path, several times faster than batched INSERTs
            copy_sql = f"COPY {q(table)} ({', '.join(q(c) for c in columns)}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for row in new:
                    copy.write_row(row)
        else:
            for start in range(0, len(new), BATCH):
                cursor.executemany(insert, new[start : start + BATCH])
        update = (
            f"UPDATE {q(table)} SET {q('value')} = %s, {q('status')} = %s, "  # noqa: S608
            f"{q('source_id')} = %s WHERE {q('id')} = %s"
        )
        if connection.vendor == "postgresql" and changed:
            # one UPDATE … FROM a COPY-filled scratch table instead of a statement a row
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS samvirke_changed_figures "
                "(value integer, status text, source_id bigint, id bigint) ON COMMIT DROP"
            )
            cursor.execute("TRUNCATE samvirke_changed_figures")
            with cursor.cursor.copy("COPY samvirke_changed_figures FROM STDIN") as copy:
                for row in changed:
                    copy.write_row(row)
            cursor.execute(
                f"UPDATE {q(table)} AS t SET {q('value')} = c.value, "  # noqa: S608
                f"{q('status')} = c.status, {q('source_id')} = c.source_id "
                f"FROM samvirke_changed_figures AS c WHERE t.{q('id')} = c.id"
            )
        else:
            for start in range(0, len(changed), BATCH):
                cursor.executemany(update, changed[start : start + BATCH])
        kept = ["id", *columns]
        for kind, condition in (("+", ">"), ("~", "<=")):
            cursor.execute(
                f"INSERT INTO {q(history)} ({', '.join(q(c) for c in kept)}, "  # noqa: S608
                f"{q('history_date')}, {q('history_change_reason')}, {q('history_type')}, "
                f"{q('history_user_id')}) "
                f"SELECT {', '.join(q(c) for c in kept)}, %s, %s, %s, %s FROM {q(table)} "
                f"WHERE {q('source_id')} = %s AND {q('id')} {condition} %s",
                [
                    timezone.now(),
                    with_channel(""),
                    kind,
                    user.pk if user else None,
                    source.pk,
                    newest_before,
                ],
            )


BATCH = 2000


def _validate(values: CellValues) -> None:
    """What full_clean checked row by row, once per distinct period and measure."""
    measures = {measure for _n, _p, measure in values}
    unknown = sorted(measures - set(Measure.values))
    if unknown:
        raise PopulationImportError(
            _("Unknown measures: %s. Nothing was stored.") % ", ".join(unknown)
        )
    for period in {period for _n, period, _m in values}:
        try:
            period_code(period)
        except ValidationError as exc:
            raise PopulationImportError(f"{period}: {' '.join(exc.messages)}") from None
    low, high = -(2**31), 2**31 - 1
    for key, (value, _status) in values.items():
        if value is not None and not low <= value <= high:
            raise PopulationImportError(
                _("%(cell)s: %(value)d is out of range. Nothing was stored.")
                % {"cell": " ".join(key), "value": value}
            )


def file_too_large_message(path: str, size: int) -> str | None:
    """The refusal of a file over MAX_BYTES, before it is read; None when it may be read."""
    if size <= MAX_BYTES:
        return None
    return _(
        "%(file)s is %(size)d MB; a population file may be at most %(limit)d MB. Split it "
        "(by municipality or by period) and import the parts one by one. Nothing was stored."
    ) % {"file": path, "size": size // 2**20, "limit": MAX_BYTES // 2**20}


def file_error_message(path: str, exc: FileFormatError) -> str:
    """A file problem in words, naming file, line and column."""
    texts = {
        "bad_header": _("the first line must be “region,period,measure,value”"),
        "wrong_cell_count": _("expected %(expected)s cells, found %(got)s"),
        "bad_region": _("“%(value)s” is not a four-digit municipality number"),
        "bad_period": _("“%(value)s” is not a period such as 2025K3 or 2025"),
        "bad_measure": _(
            "“%(value)s” is not a measure (population_start, population_end, "
            "growth, births, deaths, birth_surplus, immigration, emigration, "
            "in_moves, out_moves, net_migration)"
        ),
        "duplicate": _("“%(value)s” appears more than once"),
        "not_a_number": _("“%(value)s” is not a whole number or an SSB symbol (. .. :)"),
        "bad_label": _("“%(value)s” is not a row label such as “K-4639 Vik” or “Sum”"),
        "empty": _("the file is empty"),
        "unreadable": _("the line cannot be read as CSV (%(reason)s)"),
        "too_many_digits": _(
            "a number of %(digits)s digits is not a population figure (at most %(limit)s)"
        ),
        "nul": _("the file holds a NUL character; a population file is text"),
        "too_many_figures": _(
            "the file holds %(figures)s figures; at most %(limit)s can be imported at once. "
            "Split it (by municipality or by period) and import the parts one by one. "
            "Nothing was stored"
        ),
    }
    where = _("%(file)s, line %(line)s") % {"file": path, "line": exc.line}
    if exc.column:
        where += _(", column %s") % exc.column
    params = exc.params
    if exc.code == "too_many_figures":  # 1 000 001, as people read it
        params = {key: number(value) for key, value in params.items()}
    return f"{where}: {texts.get(exc.code, exc.code) % params}"
