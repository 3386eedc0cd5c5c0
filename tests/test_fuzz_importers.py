"""Every importer, fed hostile input by hypothesis: clear errors only, and nothing written
when it fails. (The JSON-stat decoder's own fuzz test is in population/test_jsonstat.py.)"""

from __future__ import annotations

import copy
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samvirke.interchange.exporter import dump, export_register
from samvirke.interchange.importer import RegisterFileError, import_documents, read_documents
from samvirke.population.calc import files

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["2025-02-30", "4640", "x" * 400, "'; DROP TABLE x; --", "<script>"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)


def fingerprint() -> tuple:
    """Row counts of every table, history included: any write changes it."""
    return tuple(
        model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"registry", "governance", "finance", "population", "workflows"}
    )


@pytest.fixture(scope="module")
def sogn_export(django_db_blocker):
    with django_db_blocker.unblock():
        return json.loads(dump(export_register(), "json"))


@FUZZ
@given(
    entity=st.sampled_from(
        [
            "cooperations",
            "agreements",
            "decisions",
            "duties",
            "investigations",
            "population",
            "cost_keys",
            "transfers",
        ]
    ),
    index=st.integers(0, 50),
    key=st.text(min_size=1, max_size=12),
    value=json_values,
    existing_key=st.booleans(),
)
def test_a_damaged_register_file_is_refused_clearly_and_stores_nothing(
    sogn, sogn_export, entity, index, key, value, existing_key
):
    data = copy.deepcopy(sogn_export)
    records = data[entity]
    record = records[index % len(records)]
    if existing_key:
        key = sorted(record)[index % len(record)]
    record[key] = value
    before = fingerprint()
    try:
        import_documents([("register.json", data)], reason="fuzz")
    except RegisterFileError as exc:
        assert exc.problems and all(str(p).startswith("register.json") for p in exc.problems)
        assert fingerprint() == before


@FUZZ
@given(document=json_values)
def test_any_document_shape_gets_a_clear_error(sogn, document):
    before = fingerprint()
    try:
        import_documents([("x.yaml", document)], reason="fuzz")
    except RegisterFileError as exc:
        assert exc.problems
        assert fingerprint() == before


@FUZZ
@given(
    raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
    suffix=st.sampled_from([".yaml", ".json"]),
)
def test_any_bytes_in_a_register_file_parse_or_get_a_clear_error(tmp_path_factory, raw, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"register{suffix}"
    path.write_bytes(raw)
    try:
        read_documents([path])
    except RegisterFileError as exc:
        assert all(str(p).startswith(path.name) for p in exc.problems)


lines = st.lists(
    st.lists(
        st.sampled_from(
            [
                "4640",
                "K-4640 Sogndal",
                "2025K1",
                "2025K3",
                "growth",
                "12 319",
                "-5",
                "..",
                "Sum",
                "",
                "x",
                "1e9",
                "99999999999999999999",
            ]
        )
        | st.text(max_size=8),
        min_size=1,
        max_size=6,
    ),
    max_size=6,
)


@FUZZ
@given(
    rows=lines,
    separator=st.sampled_from([",", "\t", ";"]),
    header=st.sampled_from(["region,period,measure,value", "Kommune\t2025K1\t2025K2", ""]),
)
def test_population_files_parse_or_name_line_and_column(rows, separator, header):
    text = "\n".join([header, *(separator.join(r) for r in rows)])
    for parse in (files.parse_long_csv, lambda t: files.parse_wide_table(t, "growth")):
        try:
            parse(text)
        except files.FileFormatError as exc:
            assert exc.line >= 1 and str(exc)


@FUZZ
@given(rows=lines, separator=st.sampled_from([",", "\t"]))
def test_the_population_import_command_stores_all_or_nothing(
    sogn, tmp_path_factory, rows, separator
):
    header = "region,period,measure,value" if separator == "," else "Kommune\t2025K1\t2025K2"
    path = tmp_path_factory.mktemp("fuzz") / "figures.csv"
    path.write_text("\n".join([header, *(separator.join(r) for r in rows)]), encoding="utf-8")
    before = fingerprint()
    try:
        call_command("population", "import", str(path), "--measure", "growth")
    except CommandError as exc:
        assert str(exc)
        assert fingerprint() == before
