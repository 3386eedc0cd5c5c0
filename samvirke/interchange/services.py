"""Entry points for loading the embedded datasets."""

from __future__ import annotations

from pathlib import Path

from samvirke.interchange.importer import ImportResult, import_files

DATASETS_DIR = Path(__file__).resolve().parent.parent / "data"


def dataset_names() -> list[str]:
    return sorted(p.name for p in DATASETS_DIR.iterdir() if p.is_dir())


def load_dataset(name: str, *, update: bool = False) -> ImportResult:
    """Load an embedded dataset (``sogn``); loading it again changes nothing.

    Staff work is never lost: what the dataset lacks is added; a record staff have
    changed (edited, unpublished) is kept as it is and reported in
    ``result.differences``, unless ``update`` asks for the dataset's values (each change
    saved with history); records and list items that are not in the dataset are kept.
    """
    paths = sorted((DATASETS_DIR / name).glob("*.yaml"))
    return import_files(paths, reason=f"dataset {name}", update=update, remove=False)
