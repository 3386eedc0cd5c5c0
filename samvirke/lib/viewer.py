"""Who is looking: the one answer every read of the register filters by. Pure Python.

A request sets the viewer (access.middleware from the session, the API from a token);
commands run as the public unless they say otherwise. Ids, not model objects, so the
viewer can be built once per request and compared cheaply.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Viewer:
    everything: bool = False  # administrators and system tasks: drafts of every organisation
    draft_organisations: frozenset[int] = frozenset()  # board, staff, admin of these
    edit_organisations: frozenset[int] = frozenset()  # staff and admin of these
    admin_organisations: frozenset[int] = frozenset()  # give roles and tokens in these
    # (organisation, municipality): that organisation's drafts concerning that municipality
    reader_scopes: frozenset[tuple[int, int]] = frozenset()
    label: str = "public"

    @property
    def is_public(self) -> bool:
        return not (self.everything or self.draft_organisations or self.reader_scopes)


PUBLIC = Viewer()
SYSTEM = Viewer(everything=True, label="system")

_current: ContextVar[Viewer] = ContextVar("samvirke_viewer", default=PUBLIC)


def current() -> Viewer:
    return _current.get()


@contextmanager
def acting_as(viewer: Viewer) -> Iterator[Viewer]:
    token = _current.set(viewer)
    try:
        yield viewer
    finally:
        _current.reset(token)
