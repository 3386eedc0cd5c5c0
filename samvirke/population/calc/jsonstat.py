"""A JSON-stat 2.0 decoder that keeps status symbols. Pure Python; no Django.

SSB's PxWebApi v2 answers with one dataset: ``id`` lists the dimensions in order,
``size`` their lengths, and ``value`` is flat in row-major order, so the position of
category indices (i_0, …, i_n) is Σ i_k · Π_{j>k} size_j. Where a status symbol applies
(".", "..", ":"), the value is null and the symbol is kept, never turned into 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from math import prod


class JsonStatError(ValueError):
    """The document is not a JSON-stat 2.0 dataset this decoder can read; says why."""


@dataclass(frozen=True)
class Cell:
    coordinates: dict[str, str]  # dimension id → category code
    value: float | int | None
    status: str  # "" where none


@dataclass(frozen=True)
class Dataset:
    label: str
    source: str
    updated: str
    dimensions: tuple[str, ...]
    categories: dict[str, list[str]]  # dimension → codes in index order
    labels: dict[str, dict[str, str]]  # dimension → code → label
    cells: list[Cell]


def decode(document: object) -> Dataset:
    if not isinstance(document, dict):
        raise JsonStatError("the response is not a JSON object")
    if document.get("class") != "dataset":
        raise JsonStatError(f"class is {document.get('class')!r}, not 'dataset'")
    if str(document.get("version", "")) != "2.0":
        raise JsonStatError(f"version is {document.get('version')!r}, not '2.0'")
    ids, sizes = document.get("id"), document.get("size")
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise JsonStatError("'id' and 'size' must be lists of the same length")
    if not all(isinstance(s, int) and s >= 0 for s in sizes):
        raise JsonStatError("'size' must hold whole numbers")
    dimensions = document.get("dimension")
    if not isinstance(dimensions, dict):
        raise JsonStatError("'dimension' is missing")
    categories, labels = {}, {}
    for dim, size in zip(ids, sizes, strict=True):
        codes, names = _category(dimensions, dim)
        if len(codes) != size:
            raise JsonStatError(f"dimension {dim!r} has {len(codes)} categories, size says {size}")
        categories[dim], labels[dim] = codes, names
    count = prod(sizes)
    values = _values(document.get("value"), count)
    statuses = _statuses(document.get("status"), count)
    cells = []
    for position, combination in enumerate(product(*(categories[d] for d in ids))):
        value = values[position]
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise JsonStatError(f"value at position {position} is not a number: {value!r}")
        cells.append(
            Cell(dict(zip(ids, combination, strict=True)), value, statuses.get(position, ""))
        )
    return Dataset(
        label=str(document.get("label", "")),
        source=str(document.get("source", "")),
        updated=str(document.get("updated", "")),
        dimensions=tuple(ids),
        categories=categories,
        labels=labels,
        cells=cells,
    )


def position(sizes: list[int], indices: list[int]) -> int:
    """Row-major position of category indices: Σ i_k · Π_{j>k} size_j."""
    result = 0
    for size, index in zip(sizes, indices, strict=True):
        result = result * size + index
    return result


def _category(dimensions: dict, dim: str) -> tuple[list[str], dict[str, str]]:
    entry = dimensions.get(dim)
    if not isinstance(entry, dict) or not isinstance(entry.get("category"), dict):
        raise JsonStatError(f"dimension {dim!r} has no category")
    category = entry["category"]
    index = category.get("index")
    names = category.get("label") or {}
    if isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, dict):
        if sorted(index.values()) != list(range(len(index))):
            raise JsonStatError(f"dimension {dim!r} has a broken category index")
        codes = [str(code) for code, _ in sorted(index.items(), key=lambda item: item[1])]
    elif index is None and isinstance(names, dict) and len(names) == 1:
        codes = [str(next(iter(names)))]
    else:
        raise JsonStatError(f"dimension {dim!r} has no category index")
    return codes, {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}


def _values(raw: object, count: int) -> list:
    if isinstance(raw, list):
        if len(raw) != count:
            raise JsonStatError(f"'value' holds {len(raw)} numbers, the sizes give {count}")
        return raw
    if isinstance(raw, dict):
        values = [None] * count
        for key, value in raw.items():
            index = _index(key, count, "value")
            values[index] = value
        return values
    raise JsonStatError("'value' is missing")


def _statuses(raw: object, count: int) -> dict[int, str]:
    if raw is None:
        return {}
    if isinstance(raw, str):
        return dict.fromkeys(range(count), raw)
    if isinstance(raw, list):
        if len(raw) == 1 and count != 1:
            # the older form: a one-item list applies to every value (json-stat.org's canada.json)
            return dict.fromkeys(range(count), str(raw[0])) if raw[0] else {}
        if len(raw) != count:
            raise JsonStatError(f"'status' holds {len(raw)} entries, the sizes give {count}")
        return {i: str(s) for i, s in enumerate(raw) if s}
    if isinstance(raw, dict):
        return {_index(key, count, "status"): str(symbol) for key, symbol in raw.items()}
    raise JsonStatError("'status' is neither a list, an object nor a string")


def _index(key: object, count: int, what: str) -> int:
    try:
        index = int(str(key))
    except ValueError:
        raise JsonStatError(f"{what} key {key!r} is not a position") from None
    if not 0 <= index < count:
        raise JsonStatError(f"{what} position {index} is outside 0..{count - 1}")
    return index
