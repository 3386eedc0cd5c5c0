"""Issue 16 point 5 / issue 13 row 13: an import's queries do not grow with its records."""

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samvirke.interchange.exporter import dump, export_register
from samvirke.interchange.importer import _Batch, import_documents
from samvirke.registry.models import Cooperation, Municipality, Participation
from tests.interchange.helpers import snapshot


def _register(n: int, tag: str) -> dict:
    return {
        "municipalities": [{"number": f"{9000 + i:04d}", "name": f"K{tag}{i}"} for i in range(n)],
        "cooperations": [
            {
                "slug": f"{tag}-{i}",
                "name": f"Samarbeid {i}",
                "host": f"{9000 + i:04d}",
                "participants": [{"municipality": f"{9000 + i:04d}"}],
                "status_entries": [{"date": "2026-03", "text": "Godt i gang."}],
            }
            for i in range(n)
        ],
    }


def _queries(data: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        result = import_documents([("bulk.json", data)], reason="test")
    assert result.created > 0
    return len(queries)


def test_twenty_times_the_records_take_no_more_queries(sogn):
    few = _queries(_register(10, "a"))
    Cooperation.objects.filter(slug__startswith="a-").delete()
    Municipality.objects.filter(number__startswith="9").delete()
    many = _queries(_register(200, "b"))
    # one read per table, one insert per batch (SQLite caps a statement at 999 values, so
    # a batch of a wide table is ~60 rows) and its history: not several per record
    assert many - few < (200 - 10) // 5
    assert Cooperation.objects.filter(slug__startswith="b-").count() == 200
    assert Cooperation.history.filter(slug="b-199").get().history_change_reason == "test"


def test_a_unique_set_two_rows_would_share_is_the_databases_own_message(sogn):
    batch = _Batch(Municipality, list(Municipality.objects.all()))
    twin = Municipality(number="4640", name="Tvilling")
    batch.stage(twin, True, [], ("f", "kommune nr. 1", ()))
    [(obj, field, message)] = batch.unique_problems()
    assert (obj, field) == (twin, "number")
    assert message == twin.unique_error_message(Municipality, ("number",)).messages[0]
    assert batch.new == []


def test_rows_written_in_bulk_have_the_history_the_library_would_write(sogn):
    """interchange.bulk writes the rows and their history rows itself: every field of the
    history row equals the row's, type "+", the reason given, one row per record."""
    import_documents([("bulk.json", _register(30, "h"))], reason="import bulk.json")
    cooperations = Cooperation.objects.filter(slug__startswith="h-")
    assert cooperations.count() == 30
    tracked = [f.attname for f in Cooperation.history.model.tracked_fields]
    for cooperation in cooperations:
        [row] = Cooperation.history.filter(id=cooperation.pk)
        assert (row.history_type, row.history_change_reason) == ("+", "import bulk.json")
        assert {a: getattr(row, a) for a in tracked} == {
            a: getattr(cooperation, a) for a in tracked
        }
    participations = Participation.objects.filter(cooperation__in=cooperations)
    assert participations.count() == 30
    assert Participation.history.filter(id__in=participations.values("pk")).count() == 30


def test_a_deleted_records_key_is_never_given_to_a_new_one(sogn):
    """Keys are reserved above the highest ever given, so a deleted record's history never
    mixes with a new record's."""
    import_documents([("a.json", _register(3, "k"))], reason="test")
    last = Cooperation.objects.filter(slug__startswith="k-").order_by("pk").last()
    gone = last.pk
    last.delete()
    import_documents([("b.json", {"cooperations": [{"slug": "k-new", "name": "Ny"}]})], reason="t")
    new = Cooperation.objects.get(slug="k-new")
    assert new.pk > gone
    assert list(Cooperation.history.filter(id=new.pk).values_list("history_type", flat=True)) == [
        "+"
    ]
    assert Cooperation.objects.create(slug="k-after", name="Etter").pk > new.pk


def test_the_yaml_export_is_the_text_the_pure_python_dumper_writes(sogn):
    """The export uses libyaml's emitter for speed; the text must not change."""
    data = export_register()
    assert dump(data, "yaml") == yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=100
    )


def test_a_failure_after_rows_are_written_leaves_nothing_behind(sogn, monkeypatch):
    """Municipalities and cooperations are written, then the participations fail: the one
    transaction takes every row and history row back."""
    from samvirke.interchange import importer

    real = importer.create_with_history

    def fail_on_participations(objs, model, **kwargs):
        if model is Participation:
            assert Cooperation.objects.filter(slug__startswith="f-").count() == 20
            raise RuntimeError("disk full")
        real(objs, model, **kwargs)

    monkeypatch.setattr(importer, "create_with_history", fail_on_participations)
    before = (snapshot(), Cooperation.history.count(), Municipality.history.count())
    with pytest.raises(RuntimeError, match="disk full"):
        import_documents([("bulk.json", _register(20, "f"))], reason="test")
    assert (snapshot(), Cooperation.history.count(), Municipality.history.count()) == before
