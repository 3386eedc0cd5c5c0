"""samvirke beside Datasette on the national demo register (issue 16), and every target.

Builds the national demo register (`samvirke load national-demo`, beside the Sogn data) in a
fresh SQLite file, serves it as `make run` does (gunicorn, one worker per core) twice: with
the public page cache and without it (every page rendered); installs Datasette 0.65.5 in its
own virtualenv and serves the same SQLite file read-only, then runs the same load on all
with wrk (Debian's; `apt-get install wrk`), alternating, and prints req/s, p50, p99, the
servers' CPU time per request (steadier than req/s on a shared machine) and the ratio per
page. Then the commands (benchmarks/national_commands.py): export, import of that export into
empty SQLite and PostgreSQL databases, the status deck for one region. Last, one row per
target of the issue with its measured value and ratio to the target.

The commands run as on a user's machine: PYTHONDONTWRITEBYTECODE is dropped from their
environment, so Python caches samvirke's compiled modules (.pyc) as it does there.

Run: .venv/bin/python benchmarks/national.py [--duration 10] [--connections 32] [--rounds 2]
     [--postgres postgres://…/EMPTY_DB] (without it, the PostgreSQL import row says "not run")
Only the commands, in about a minute on a register built before (its file is only read):
     .venv/bin/python benchmarks/national.py --commands-only [--register FILE.sqlite3]
     [--command-rounds 3] (each command run N times, the best shown)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from national_commands import command_timings

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DATASETTE_VENV = ROOT / "var" / "datasette-venv"
DATASETTE = "datasette==0.65.5"

# (label, samvirke path, Datasette path): the same rows on both sides; each samvirke page is
# measured without the page cache ("rendered") and with it ("cached")
PAGES = [
    ("list of 50", "/samarbeid/", "/db/registry_cooperation?_size=50"),
    (
        "list, phase=drift",
        "/samarbeid/?phase=drift",
        "/db/registry_cooperation?_size=50&phase=drift",
    ),
    ("cooperation page", "/samarbeid/demo-region-03-001/", "/db/registry_cooperation/{coop}"),
    ("municipality page", "/kommunar/9100/", "/db/registry_municipality/{muni}"),
    ("API list (50)", "/api/v1/cooperations", "/db/registry_cooperation.json?_size=50"),
    ("OpenAPI", "/api/v1/openapi.json", None),
    ("home page", "/", None),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of the processes so far (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def server_pids(pid: int) -> list[int]:
    """The process and its children (gunicorn's workers)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid:
            children.append(int(stat.parent.name))
    return [pid, *children]


def wrk(url: str, duration: int, connections: int, pids: list[int]) -> tuple[float, ...]:
    """(requests/s, p50 ms, p99 ms, server CPU ms per request) from wrk --latency."""
    cpu_before = cpu_seconds(pids)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = cpu_seconds(pids) - cpu_before
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        print(f"  ! {non_2xx.group(1)} error responses from {url}")

    def percentile(p: str) -> float:
        match = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", out)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return rate, percentile("50"), percentile("99"), cpu * 1000 / max(requests, 1)


def best(results: list[tuple[float, ...]]) -> tuple[float, ...]:
    """The round with the most requests per second (the least disturbed by other load)."""
    return max(results, default=(0.0, float("nan"), float("nan"), float("nan")))


def gunicorn(port: int, env: dict, workers: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            BIN / "gunicorn",
            "samvirke.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--postgres", help="an empty PostgreSQL database for the import row")
    parser.add_argument("--region", default="demo-region-03", help="the status deck's region")
    parser.add_argument(
        "--commands-only", action="store_true", help="only the commands: no servers, no wrk"
    )
    parser.add_argument(
        "--register",
        type=Path,
        help="an SQLite file that already holds Sogn and the national demo (only read): "
        "skips building one",
    )
    parser.add_argument(
        "--command-rounds", type=int, default=1, help="run each command N times, the best shown"
    )
    args = parser.parse_args()
    if not args.commands_only and not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    if args.register and not args.commands_only:
        raise SystemExit("--register only with --commands-only (Datasette serves db.sqlite3)")

    work = Path(tempfile.mkdtemp(prefix="samvirke-national-"))
    db = args.register or work / "db.sqlite3"  # Datasette names the database after the file
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db.resolve()}",
        "SECRET_KEY": "benchmark-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("REDIS_URL", None)
    # as on a user's machine, Python caches the compiled modules (.pyc) between commands
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not args.register:
        build(env)
    results = {} if args.commands_only else page_results(args, env, db)

    print(
        f"\nCommands (wall time, each with the command's start-up; best of "
        f"{args.command_rounds}; load average {load_average()})",
        flush=True,
    )
    commands = command_timings(env, work, args.postgres, args.region, args.command_rounds)
    print(f"  (load average after: {load_average()})")
    for label, (seconds, note) in commands.items():
        shown = f"{seconds:.2f} s" if seconds is not None else "not run"
        print(f"  {label:<38} {shown:>9}  {note}")
    print_targets(results, commands)
    shutil.rmtree(work, ignore_errors=True)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def build(env: dict) -> None:
    print("Building the national demo register …", flush=True)
    for command in (["migrate", "-v0"], ["load", "sogn"]):
        subprocess.run([BIN / "samvirke", *command], env=env, check=True)
    start = time.perf_counter()
    subprocess.run([BIN / "samvirke", "load", "national-demo"], env=env, check=True)
    print(f"  load national-demo: {time.perf_counter() - start:.1f} s (with start-up)")


def page_results(args: argparse.Namespace, env: dict, db: Path) -> dict:
    """{(page label, server): (req/s, p50, p99, CPU ms)} for samvirke's servers and
    Datasette's, printed as they come."""
    subprocess.run([BIN / "samvirke", "collectstatic", "--no-input", "-v0"], env=env, check=True)

    if not (DATASETTE_VENV / "bin" / "datasette").exists():
        print(f"Installing {DATASETTE} in {DATASETTE_VENV} …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", DATASETTE_VENV], check=True)
        subprocess.run(
            [DATASETTE_VENV / "bin" / "pip", "install", "--quiet", DATASETTE], check=True
        )
    ids = subprocess.run(
        [
            "sqlite3",
            db,
            "select id from registry_cooperation where slug='demo-region-03-001';"
            "select id from registry_municipality where number='9100';",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    coop, muni = ids[0], ids[1]

    workers = os.cpu_count() or 2
    ports = {"rendered": free_port(), "cached": free_port(), "datasette": free_port()}
    servers = {
        "rendered": gunicorn(ports["rendered"], {**env, "SAMVIRKE_PAGE_CACHE": "false"}, workers),
        "cached": gunicorn(ports["cached"], env, workers),
        "datasette": subprocess.Popen(
            [
                DATASETTE_VENV / "bin" / "datasette",
                "serve",
                "-i",
                db,
                "--port",
                str(ports["datasette"]),
                "--setting",
                "sql_time_limit_ms",
                "10000",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    }
    results: dict[tuple[str, str], tuple[float, ...]] = {}
    try:
        base = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        wait_for(base["rendered"] + "/samarbeid/")
        wait_for(base["cached"] + "/samarbeid/")
        wait_for(base["datasette"] + "/db.json")
        pids = {name: server_pids(server.pid) for name, server in servers.items()}
        print(
            f"\nwrk -t2 -c{args.connections} -d{args.duration}s, gunicorn {workers} workers, "
            f"{args.rounds} alternating rounds (the best round shown); rendered: page cache "
            "off, cached: page cache on; CPU: the server's CPU ms per request\n"
        )
        print(
            f"{'page':<20} {'server':<10} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms':>7}"
            f" {'ratio to Datasette':>19}"
        )
        for label, ours, theirs in PAGES:
            theirs = theirs.format(coop=coop, muni=muni) if theirs else None
            runs: dict[str, list] = {"rendered": [], "cached": [], "datasette": []}
            for _ in range(args.rounds):
                for name in ("rendered", "cached"):
                    runs[name].append(
                        wrk(base[name] + ours, args.duration, args.connections, pids[name])
                    )
                if theirs:
                    runs["datasette"].append(
                        wrk(
                            base["datasette"] + theirs,
                            args.duration,
                            args.connections,
                            pids["datasette"],
                        )
                    )
            for name in ("rendered", "cached", "datasette"):
                if not runs[name]:
                    continue
                results[label, name] = result = best(runs[name])
                ratio = ""
                if theirs and name != "datasette":
                    reference = best(runs["datasette"])
                    ratio = (
                        f"{result[0] / reference[0]:.1f}× (CPU {reference[3] / result[3]:.1f}×)"
                        if reference[0] and result[0] and result[3]
                        else "–"
                    )
                print(
                    f"{label:<20} {name:<10} {result[0]:>7.0f} {result[1]:>8.1f} "
                    f"{result[2]:>8.1f} {result[3]:>7.2f} {ratio:>19}",
                    flush=True,
                )
    finally:
        for server in servers.values():
            server.terminate()
            server.wait()
    return results


def print_targets(results: dict, commands: dict) -> None:
    """One row per target of issue 16: measured, target, ratio (≥ 1 meets it)."""

    def vs_datasette(label: str, server: str) -> float:
        ours, theirs = results.get((label, server)), results.get((label, "datasette"))
        return ours[0] / theirs[0] if ours and theirs and theirs[0] else float("nan")

    def rate(label: str, server: str) -> float:
        return results[label, server][0] if (label, server) in results else float("nan")

    rows = []
    for server in ("rendered", "cached") if results else ():
        rows += [
            (f"list of 50 ({server})", vs_datasette("list of 50", server), 10, "×", False),
            (
                f"list p99 at 32 clients ({server})",
                results.get(("list of 50", server), (0, 0, float("nan")))[2],
                100,
                "ms",
                True,
            ),
            (
                f"cooperation page ({server})",
                vs_datasette("cooperation page", server),
                3,
                "×",
                False,
            ),
            (
                f"municipality page ({server})",
                vs_datasette("municipality page", server),
                3,
                "×",
                False,
            ),
            (f"API list ({server})", vs_datasette("API list (50)", server), 5, "×", False),
            (f"OpenAPI ({server})", rate("OpenAPI", server), 1000, "req/s", False),
        ]
    if results:
        rows.append(
            ("cached public page (home)", rate("home page", "cached"), 1500, "req/s", False)
        )
    for label, target in (
        ("import national demo, SQLite", 8),
        ("import national demo, PostgreSQL", 15),
        ("export", 2),
        ("national status deck, one region", 2),
    ):
        seconds = commands.get(label, (None, ""))[0]
        rows.append((label, float("nan") if seconds is None else seconds, target, "s", True))
    print(f"\n{'target':<40} {'measured':>12} {'target':>12} {'ratio':>7}  met")
    for label, value, target, unit, at_most in rows:
        ratio = (target / value if at_most else value / target) if value == value else None
        sign = "≤" if at_most else "≥"
        shown = f"{value:.1f} {unit}" if value == value else "not run"
        met = "–" if ratio is None else ("yes" if ratio >= 1 else "no")
        ratio_text = f"{ratio:.2f}" if ratio is not None else "–"
        print(
            f"{label:<40} {shown:>12} {sign + ' ' + str(target) + ' ' + unit:>12} "
            f"{ratio_text:>7}  {met}"
        )


if __name__ == "__main__":
    main()
