"""A moment before the register's history begins has no answer: never an empty register."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from samvirke.interchange.exporter import BeforeHistory, export_register, history_begins


def test_export_as_of_before_history_fails_with_a_message(sogn, tmp_path):
    out = tmp_path / "register.yaml"
    with pytest.raises(CommandError, match="historikken til registeret byrjar"):
        call_command("export", "--as-of", "2020-01-01", "--out", str(out))
    assert not out.exists()


def test_no_empty_deck_is_written_before_history(sogn, tmp_path):
    out = tmp_path / "deck.pptx"
    with pytest.raises(CommandError, match="historikken til registeret byrjar"):
        call_command(
            "report", "status", "--period", "2026-03", "--as-of", "2020-01-01",
            "--format", "pptx", "--out", str(out),
        )  # fmt: skip
    assert not out.exists()


def test_as_of_after_the_history_begins_still_answers(sogn):
    begins = history_begins()
    assert begins is not None
    with pytest.raises(BeforeHistory):
        export_register(as_of=begins - dt.timedelta(seconds=1))
    later = export_register(as_of=timezone.now())
    assert len(later["cooperations"]) == len(export_register()["cooperations"]) > 0
