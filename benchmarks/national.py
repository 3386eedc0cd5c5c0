"""samvirke beside Datasette on the national demo register (issue 16).

Builds the national demo register (`samvirke load national-demo`, beside the Sogn data) in a
fresh SQLite file, serves it as `make run` does (gunicorn, one worker per core), installs
Datasette 0.65.5 in its own virtualenv and serves the same SQLite file read-only, then runs
the same load on both with wrk (Debian's; `apt-get install wrk`), alternating, and prints
req/s, p50, p99 and the ratio per page.

Run: .venv/bin/python benchmarks/national.py [--duration 10] [--connections 32] [--rounds 2]
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

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DATASETTE_VENV = ROOT / "var" / "datasette-venv"
DATASETTE = "datasette==0.65.5"

# (label, samvirke path, Datasette path): the same rows on both sides
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
    ("cached home page", "/", None),
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


def wrk(url: str, duration: int, connections: int) -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms) from wrk --latency."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        print(f"  ! {non_2xx.group(1)} error responses from {url}")

    def percentile(p: str) -> float:
        match = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", out)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return rate, percentile("50"), percentile("99")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--no-page-cache", action="store_true", help="measure the pages as rendered every time"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    work = Path(tempfile.mkdtemp(prefix="samvirke-national-"))
    db = work / "db.sqlite3"  # Datasette names the database "db" after the file
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "SECRET_KEY": "benchmark-only",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("REDIS_URL", None)
    if args.no_page_cache:
        env["SAMVIRKE_PAGE_CACHE"] = "false"
    print("Building the national demo register …", flush=True)
    for command in (["migrate", "-v0"], ["load", "sogn"]):
        subprocess.run([BIN / "samvirke", *command], env=env, check=True)
    start = time.perf_counter()
    subprocess.run([BIN / "samvirke", "load", "national-demo"], env=env, check=True)
    print(f"  load national-demo: {time.perf_counter() - start:.1f} s (with start-up)")
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
    samvirke_port, datasette_port = free_port(), free_port()
    servers = [
        subprocess.Popen(
            [
                BIN / "gunicorn",
                "samvirke.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{samvirke_port}",
                "--timeout",
                "60",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [
                DATASETTE_VENV / "bin" / "datasette",
                "serve",
                "-i",
                db,
                "--port",
                str(datasette_port),
                "--setting",
                "sql_time_limit_ms",
                "10000",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    try:
        samvirke = f"http://127.0.0.1:{samvirke_port}"
        datasette = f"http://127.0.0.1:{datasette_port}"
        wait_for(samvirke + "/samarbeid/")
        wait_for(datasette + "/db.json")
        print(
            f"\nwrk -t2 -c{args.connections} -d{args.duration}s, gunicorn {workers} workers, "
            f"{args.rounds} alternating rounds (best round shown), page cache "
            f"{'off' if args.no_page_cache else 'on'}\n"
        )
        print(
            f"{'page':<20} {'samvirke req/s':>15} {'p50 ms':>8} {'p99 ms':>8}"
            f" {'Datasette req/s':>16} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>7}"
        )
        for label, ours, theirs in PAGES:
            theirs = theirs.format(coop=coop, muni=muni) if theirs else None
            best_ours, best_theirs = (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)
            for _ in range(args.rounds):
                result = wrk(samvirke + ours, args.duration, args.connections)
                best_ours = max(best_ours, result)
                if theirs:
                    result = wrk(datasette + theirs, args.duration, args.connections)
                    best_theirs = max(best_theirs, result)
            ratio = f"{best_ours[0] / best_theirs[0]:.1f}×" if theirs else "–"
            their_cols = (
                f"{best_theirs[0]:>16.0f} {best_theirs[1]:>8.1f} {best_theirs[2]:>8.1f}"
                if theirs
                else f"{'–':>16} {'–':>8} {'–':>8}"
            )
            print(
                f"{label:<20} {best_ours[0]:>15.0f} {best_ours[1]:>8.1f} {best_ours[2]:>8.1f}"
                f" {their_cols} {ratio:>7}",
                flush=True,
            )
    finally:
        for server in servers:
            server.terminate()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
