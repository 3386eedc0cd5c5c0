"""Who changed what, whatever the path: every history row says through which channel.

The admin and the portal record the logged-in user (simple_history's request middleware).
API calls with a token act as the user who created the token, and the row says which
token. Commands record "samvirke COMMAND (operating-system user)" and, when the
environment names one in SAMVIRKE_USER, the samvirke user.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

_channel: ContextVar[str] = ContextVar("samvirke_channel", default="")


@contextmanager
def channel(label: str) -> Iterator[None]:
    token = _channel.set(label)
    try:
        yield
    finally:
        _channel.reset(token)


def with_channel(reason: str) -> str:
    """A change reason with the current channel, for history rows written in bulk (which
    send no signal)."""
    label = _channel.get()
    return f"{reason} [{label}]".strip()[:100] if label else reason


def channel_user():
    """The samvirke user a command's bulk-written history rows name (SAMVIRKE_USER), or None."""
    username = os.environ.get("SAMVIRKE_USER", "")
    if username and _channel.get().startswith("samvirke "):
        return get_user_model().objects.filter(username=username).first()
    return None


@receiver(pre_create_historical_record)
def _record_channel(sender, history_instance, **kwargs):
    label = _channel.get()
    if not label:
        return
    reason = history_instance.history_change_reason or ""
    history_instance.history_change_reason = f"{reason} [{label}]".strip()[:100]
    username = os.environ.get("SAMVIRKE_USER", "")
    if history_instance.history_user_id is None and username and label.startswith("samvirke "):
        history_instance.history_user = get_user_model().objects.filter(username=username).first()
