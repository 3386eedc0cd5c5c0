"""Quorum (vedtaksførleik), kommunelova § 11-9: a body may decide when at least half of
its members are present. Pure Python."""

from __future__ import annotations


def quorate(members: int, present: int | None) -> bool | None:
    """Whether ``present`` of ``members`` is a quorum; None when attendance is unknown."""
    if present is None or members <= 0:
        return None
    return 2 * present >= members


def needed(members: int) -> int:
    """How many members must be present: at least half."""
    return (members + 1) // 2
