"""Issue 16 point 5 / issue 13 row 13: an import's queries do not grow with its records."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samvirke.interchange.importer import _Batch, import_documents
from samvirke.registry.models import Cooperation, Municipality


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
