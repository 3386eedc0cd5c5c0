"""Helpers for tests that empty the register or compare whole exports."""

from samvirke.interchange.exporter import dump, export_register
from samvirke.interchange.schema import ENTITIES


def empty_register() -> None:
    """Delete every record, dependants first, as an empty installation would be."""
    for entity in reversed(ENTITIES):
        entity.model._default_manager.all().delete()


def snapshot() -> str:
    return dump(export_register(), "json")
