import subprocess
import sys
from pathlib import Path

from samvirke.cli import main

REPO = Path(__file__).resolve().parent.parent


def test_help_lists_the_commands_in_plain_words(capsys):
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    for command in (
        "load sogn",
        "export",
        "import FILE",
        "serve",
        "createsuperuser",
        "allocate",
        "population check",
        "population forecast",
        "report status",
        "report publish",
    ):
        assert command in text


def test_the_installed_command_runs_django_commands():
    samvirke = Path(sys.executable).parent / "samvirke"
    result = subprocess.run(
        [str(samvirke), "load", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={"SECRET_KEY": "test", "PATH": "/usr/bin:/bin"},
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "--if-empty" in result.stdout
