"""Entry points for loading the embedded datasets."""

from __future__ import annotations

from pathlib import Path

from samvirke.interchange.importer import ImportResult, import_files

DATASETS_DIR = Path(__file__).resolve().parent.parent / "data"


def dataset_names() -> list[str]:
    return sorted(p.name for p in DATASETS_DIR.iterdir() if p.is_dir())


def load_dataset(name: str) -> ImportResult:
    """Load an embedded dataset (``sogn``); loading it again changes nothing."""
    paths = sorted((DATASETS_DIR / name).glob("*.yaml"))
    return import_files(paths, reason=f"dataset {name}")
