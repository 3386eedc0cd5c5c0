"""The decoder reads public JSON-stat samples as their publishers meant them."""

import json
from math import prod
from pathlib import Path

import pytest

from samvirke.population.calc.jsonstat import JsonStatError, decode

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "jsonstat"


def sample(name: str) -> dict:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name",
    ["canada.json", "galicia.json", "hierarchy.json", "oecd.json", "us-gsp.json", "cantabria.json"],
)
def test_every_public_sample_decodes_to_one_cell_per_position(name):
    document = sample(name)
    dataset = decode(document)
    assert len(dataset.cells) == prod(document["size"])
    assert dataset.dimensions == tuple(document["id"])


def test_a_one_item_status_list_applies_to_every_value():
    # json-stat.org's canada.json: "status": ["a"] (the older form for "all values")
    dataset = decode(sample("canada.json"))
    assert {cell.status for cell in dataset.cells} == {"a"}
    assert dataset.cells[0].value == sample("canada.json")["value"][0]


def test_status_given_per_position_stays_on_its_cell():
    document = sample("oecd.json")
    dataset = decode(document)
    marked = {int(k): v for k, v in document["status"].items()}
    assert {i: c.status for i, c in enumerate(dataset.cells) if c.status} == marked


def test_values_are_read_in_row_major_order():
    # galicia.json: the first value is the total population of Galicia in 2001 (2 695 880)
    document = sample("galicia.json")
    dataset = decode(document)
    assert dataset.cells[0].value == 2695880
    last = dataset.cells[-1]
    assert last.value == document["value"][-1]
    assert last.coordinates == {dim: dataset.categories[dim][-1] for dim in dataset.dimensions}


def test_text_values_are_refused_with_the_position():
    # json-stat.org's order.json holds text, not numbers: not population figures
    with pytest.raises(JsonStatError, match="position 0 is not a number"):
        decode(sample("order.json"))


def test_a_one_item_value_list_is_not_spread_over_every_cell():
    # only 'status' has the one-item form; one value for two cells is an error
    document = {**sample("canada.json"), "value": [1]}
    with pytest.raises(JsonStatError, match="'value' holds 1 numbers"):
        decode(document)
