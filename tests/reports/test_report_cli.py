"""`samvirke report` on the command line: clear messages instead of tracebacks or silence."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation


def test_status_into_a_missing_folder_says_so_and_writes_nothing(sogn, tmp_path):
    missing = tmp_path / "finst-ikkje" / "status.pptx"
    with translation.override("nn"), pytest.raises(CommandError) as caught:
        call_command("report", "status", "--period", "2026-03", "--out", str(missing))
    assert "finst-ikkje" in str(caught.value) and "finst ikkje" in str(caught.value)
    assert not missing.parent.exists()


def test_status_onto_a_folder_names_the_folder(sogn, tmp_path):
    with translation.override("nn"), pytest.raises(CommandError) as caught:
        call_command("report", "status", "--period", "2026-03", "--out", str(tmp_path))
    assert str(tmp_path) in str(caught.value)


def test_editions_says_when_there_are_none(db, capsys):
    with translation.override("nn"):
        call_command("report", "editions")
    assert capsys.readouterr().out.strip() == "Inga utgåve er publisert enno."
