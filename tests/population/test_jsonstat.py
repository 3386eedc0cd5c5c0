import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samvirke.population.calc.jsonstat import JsonStatError, decode, position

SSB = Path(__file__).resolve().parent.parent / "fixtures" / "population" / "ssb"


def load(name):
    return json.loads((SSB / name).read_text(encoding="utf-8"))


def test_it_decodes_table_01222_in_row_major_order():
    data = decode(load("01222-vik-sogndal.json"))
    assert data.dimensions == ("Region", "ContentsCode", "Tid")
    cells = {
        (c.coordinates["Region"], c.coordinates["ContentsCode"], c.coordinates["Tid"]): c.value
        for c in data.cells
    }
    assert cells[("4639", "Folketilvekst10", "2025K3")] == -19
    assert cells[("4640", "Folketallet11", "2025K4")] == 12552
    assert data.labels["Region"]["4639"] == "Vik"


def test_status_symbols_are_kept_and_never_zero():
    data = decode(load("01222-status.json"))
    marked = [c for c in data.cells if c.status]
    assert {c.status for c in marked} == {".."}
    assert all(c.value is None for c in marked)
    assert {c.coordinates["Region"] for c in marked} == {"4639"}


def test_value_and_status_may_be_sparse_objects():
    doc = {
        "version": "2.0",
        "class": "dataset",
        "id": ["a", "b"],
        "size": [2, 2],
        "dimension": {
            "a": {"category": {"index": ["x", "y"]}},
            "b": {"category": {"index": {"p": 0, "q": 1}}},
        },
        "value": {"0": 1, "3": 4},
        "status": {"1": ":"},
    }
    cells = [(c.coordinates["a"], c.coordinates["b"], c.value, c.status) for c in decode(doc).cells]
    assert cells == [
        ("x", "p", 1, ""),
        ("x", "q", None, ":"),
        ("y", "p", None, ""),
        ("y", "q", 4, ""),
    ]


@given(
    st.lists(st.integers(1, 5), min_size=1, max_size=4).flatmap(
        lambda sizes: st.tuples(st.just(sizes), st.tuples(*[st.integers(0, s - 1) for s in sizes]))
    )
)
def test_position_is_the_row_major_formula(case):
    sizes, indices = case
    expected = sum(i * __import__("math").prod(sizes[k + 1 :]) for k, i in enumerate(indices))
    assert position(sizes, list(indices)) == expected


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ([], "not a JSON object"),
        ({"class": "collection", "version": "2.0"}, "not 'dataset'"),
        ({"class": "dataset", "version": "1.0"}, "not '2.0'"),
        ({"class": "dataset", "version": "2.0", "id": ["a"], "size": [1, 2]}, "same length"),
        (
            {
                "class": "dataset",
                "version": "2.0",
                "id": ["a"],
                "size": [2],
                "dimension": {"a": {"category": {"index": ["x"]}}},
                "value": [1, 2],
            },
            "size says 2",
        ),
        (
            {
                "class": "dataset",
                "version": "2.0",
                "id": ["a"],
                "size": [1],
                "dimension": {"a": {"category": {"index": ["x"]}}},
                "value": [1, 2],
            },
            "holds 2",
        ),
        (
            {
                "class": "dataset",
                "version": "2.0",
                "id": ["a"],
                "size": [1],
                "dimension": {"a": {"category": {"index": ["x"]}}},
                "value": ["ti"],
            },
            "not a number",
        ),
    ],
)
def test_broken_documents_get_a_clear_error(doc, message):
    with pytest.raises(JsonStatError, match=message):
        decode(doc)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@given(
    st.fixed_dictionaries(
        {
            "version": st.sampled_from(["2.0", "1.0"]),
            "class": st.just("dataset"),
            "id": st.lists(st.sampled_from(["Region", "Tid"]), max_size=2),
            "size": st.lists(st.integers(-1, 3), max_size=2),
            "dimension": json_values,
            "value": json_values,
            "status": json_values,
        }
    )
)
def test_no_document_crashes_the_decoder(doc):
    try:
        decode(doc)
    except JsonStatError:
        pass
