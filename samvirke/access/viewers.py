"""Turning a user or a token into a viewer (lib.viewer.Viewer) that every read filters by."""

from __future__ import annotations

from samvirke.access.models import DRAFT_ROLES, EDIT_ROLES, ApiToken, Role, Scope
from samvirke.lib.viewer import PUBLIC, Viewer


def for_user(user) -> Viewer:
    if user is None or not user.is_authenticated or not user.is_active:
        return PUBLIC
    if user.is_superuser:
        return Viewer(everything=True, label=user.get_username())
    return _from_scopes(list(user.grants.all()), user.get_username())


def for_token(token: ApiToken) -> Viewer:
    if token.created_by.is_superuser and token.role == Role.ADMIN:
        return Viewer(everything=True, label=f"token {token.key_id}")
    return _from_scopes([token], f"token {token.key_id}")


def _from_scopes(scopes: list[Scope], label: str) -> Viewer:
    return Viewer(
        draft_organisations=frozenset(s.organisation_id for s in scopes if s.role in DRAFT_ROLES),
        edit_organisations=frozenset(s.organisation_id for s in scopes if s.role in EDIT_ROLES),
        admin_organisations=frozenset(s.organisation_id for s in scopes if s.role == Role.ADMIN),
        reader_scopes=frozenset(
            (s.organisation_id, s.municipality_id)
            for s in scopes
            if s.role == Role.READER and s.municipality_id
        ),
        label=label,
    )
