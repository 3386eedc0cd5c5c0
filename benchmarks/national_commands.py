"""The national register's command timings for benchmarks/national.py: export, import into
empty SQLite and PostgreSQL databases, and the status deck for one region.

Each runs the `samvirke` command as a user would, so each time includes the command's
start-up (Python and Django loading; `samvirke check`'s time is given beside it).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMVIRKE = ROOT / ".venv" / "bin" / "samvirke"
PERIOD = "2026-03"


def run(env: dict, *args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [str(SAMVIRKE), *args], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"samvirke {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def command_timings(
    env: dict, work: Path, postgres: str | None, region: str
) -> dict[str, tuple[float | None, str]]:
    """{label: (seconds or None when not run, note)} for the register env's DATABASE_URL
    names (the national demo beside Sogn's data)."""
    startup = run(env, "check")
    note = f"start-up {startup:.1f} s"
    register = work / "national.json"
    timings: dict[str, tuple[float | None, str]] = {
        "export": (
            run(env, "export", "--format", "json", "--out", str(register)),
            f"{register.stat().st_size / 2**20:.1f} MB JSON; {note}",
        )
    }
    sqlite = {**env, "DATABASE_URL": f"sqlite:///{work / 'imported.sqlite3'}"}
    run(sqlite, "migrate", "-v0")
    timings["import national demo, SQLite"] = (run(sqlite, "import", str(register)), note)
    if postgres:
        target = {**env, "DATABASE_URL": postgres}
        run(target, "migrate", "-v0")
        timings["import national demo, PostgreSQL"] = (run(target, "import", str(register)), note)
    else:
        timings["import national demo, PostgreSQL"] = (None, "give --postgres URL (empty db)")
    deck = work / "deck.pptx"
    seconds = run(
        env, "report", "status", "--period", PERIOD, "--organisation", region,
        "--format", "pptx", "--out", str(deck),
    )  # fmt: skip
    timings["national status deck, one region"] = (
        seconds,
        f"{region} {PERIOD} as PowerPoint, {deck.stat().st_size / 1024:.0f} KB; {note}",
    )
    return timings
