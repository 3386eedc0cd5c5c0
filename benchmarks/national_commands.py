"""The national register's command timings for benchmarks/national.py: export, import into
empty SQLite and PostgreSQL databases, and the status deck for one region.

Each runs the `samvirke` command as a user would, so each time includes the command's
start-up (Python and Django loading; `samvirke check`'s time is given beside it). The
command's CPU time (user and system) is given beside its wall time: steadier on a shared
machine. The caller's environment should not set PYTHONDONTWRITEBYTECODE (national.py drops
it), as a user's machine caches the compiled modules.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMVIRKE = ROOT / ".venv" / "bin" / "samvirke"
PERIOD = "2026-03"


def run(env: dict, *args: str, rounds: int = 1) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the run with the least wall time of ``rounds``."""
    best = (float("inf"), float("nan"))
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [str(SAMVIRKE), *args], env=env, capture_output=True, text=True, check=False
        )
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode:
            sys.exit(f"samvirke {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        best = min(best, (elapsed, cpu))
    return best


def command_timings(
    env: dict, work: Path, postgres: str | None, region: str, rounds: int = 1
) -> dict[str, tuple[float | None, str]]:
    """{label: (seconds or None when not run, note)} for the register env's DATABASE_URL
    names (the national demo beside Sogn's data). Export, check and the deck run ``rounds``
    times (the best shown); each import once, into an empty database."""
    startup, startup_cpu = run(env, "check", rounds=rounds)
    note = f"start-up {startup:.2f} s (CPU {startup_cpu:.2f} s)"
    register = work / "national.json"
    seconds, cpu = run(env, "export", "--format", "json", "--out", str(register), rounds=rounds)
    timings: dict[str, tuple[float | None, str]] = {
        "export": (
            seconds,
            f"CPU {cpu:.2f} s; {register.stat().st_size / 2**20:.1f} MB JSON; {note}",
        )
    }
    sqlite = {**env, "DATABASE_URL": f"sqlite:///{work / 'imported.sqlite3'}"}
    run(sqlite, "migrate", "-v0")
    seconds, cpu = run(sqlite, "import", str(register))
    timings["import national demo, SQLite"] = (seconds, f"CPU {cpu:.2f} s; {note}")
    if postgres:
        target = {**env, "DATABASE_URL": postgres}
        run(target, "migrate", "-v0")
        seconds, cpu = run(target, "import", str(register))
        timings["import national demo, PostgreSQL"] = (seconds, f"CPU {cpu:.2f} s; {note}")
    else:
        timings["import national demo, PostgreSQL"] = (None, "give --postgres URL (empty db)")
    deck = work / "deck.pptx"
    seconds, cpu = run(
        env, "report", "status", "--period", PERIOD, "--organisation", region,
        "--format", "pptx", "--out", str(deck), rounds=rounds,
    )  # fmt: skip
    timings["national status deck, one region"] = (
        seconds,
        f"CPU {cpu:.2f} s; {region} {PERIOD} as PowerPoint, "
        f"{deck.stat().st_size / 1024:.0f} KB; {note}",
    )
    return timings
