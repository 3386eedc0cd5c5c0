"""Time the bulk imports: the national demo register and big population CSVs.

Builds everything in a scratch directory from fixed seeds, through the `samvirke`
command as a user would run it (each timing includes the command's start-up, printed
separately):

1. `load national-demo` into database A, `export --format json` (about 20 000 records);
   then `import` of that file into an empty database B (timed), and again (no changes);
   `export` of B as JSON and as YAML (timed);
2. with --records-x4: the national demo's cooperations four times over (about 80 000
   records with their participations, issue 13 row 13) imported into B (timed);
3. a long population CSV of 100 000 rows and one of 1 000 000 rows for the national
   municipalities (numbers 3000-3999 added first), imported into B (timed); and one row
   over the limit (1 000 001), which must be refused at once.

Run: .venv/bin/python benchmarks/imports.py [--rows 100000 1000000] [--records-x4]
DATABASE_URL is ignored: each run uses fresh SQLite files, unless --postgres URL names an
empty PostgreSQL server database to use for B. Usable as a module: `population_csv`,
`times_four`, `run`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMVIRKE = ROOT / ".venv" / "bin" / "samvirke"
MEASURES = ("population_end", "births", "deaths", "immigration", "emigration")


class Elapsed(float):
    """Wall-clock seconds of a command, printed with the CPU seconds it used: on a machine
    shared with other work the CPU time is the steadier figure."""

    cpu: float = 0.0

    def __format__(self, spec: str) -> str:
        return f"{float(self):{spec}} s (CPU {self.cpu:{spec}} s)"


def run(env: dict, *args: str, check: bool = True) -> tuple[Elapsed, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [str(SAMVIRKE), *args], env=env, capture_output=True, text=True, check=False
    )
    elapsed = Elapsed(time.perf_counter() - started)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    elapsed.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if check and done.returncode:
        sys.exit(f"samvirke {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed, (done.stdout + done.stderr).strip()


def population_csv(path: Path, rows: int, seed: int = 1) -> None:
    """Long CSV: municipalities 3000-3999 × quarters from 1900 × five measures."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write("region,period,measure,value\n")
        written, year = 0, 1900
        while written < rows:
            for quarter in range(1, 5):
                for number in range(3000, 4000):
                    for measure in MEASURES:
                        out.write(f"{number},{year}K{quarter},{measure},{rng.randint(0, 99999)}\n")
                        written += 1
                        if written == rows:
                            return
            year += 1


def times_four(register: Path, out: Path) -> int:
    """The register with each cooperation (and its participations) four times, as new
    cooperations "-x2" … "-x4"; returns the number of records and list items."""
    data = json.loads(register.read_text(encoding="utf-8"))
    copies = [
        {**cooperation, "slug": f"{cooperation['slug']}-x{n}"}
        for n in range(2, 5)
        for cooperation in data["cooperations"]
    ]
    data["cooperations"] = data["cooperations"] + copies
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return sum(
        1 + sum(len(v) for v in record.values() if isinstance(v, list))
        for records in data.values()
        if isinstance(records, list)
        for record in records
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--postgres", help="an empty PostgreSQL database for the imports")
    parser.add_argument(
        "--records-x4", action="store_true", help="also import ~80 000 records (row 13)"
    )
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="samvirke-bench-imports-"))
    # as in production: without DEBUG (which keeps and formats every SQL statement)
    base = {**os.environ, "SECRET_KEY": "benchmark-only"}
    base.pop("DEBUG", None)
    source = {**base, "DATABASE_URL": f"sqlite:///{scratch / 'a.sqlite3'}"}
    target = {
        **base,
        "DATABASE_URL": options.postgres or f"sqlite:///{scratch / 'b.sqlite3'}",
    }
    run(source, "migrate", "-v0")
    run(source, "load", "national-demo")
    register = scratch / "national.json"
    run(source, "export", "--format", "json", "--out", str(register))
    run(target, "migrate", "-v0")
    startup, _out = run(target, "check")
    print(f"database B: {target['DATABASE_URL'].split('://')[0]}; command start-up {startup:.1f}")
    elapsed, out = run(target, "import", str(register))
    print(f"import national demo ({register.stat().st_size / 2**20:.1f} MB): {elapsed:.1f}  {out}")
    elapsed, out = run(target, "import", str(register))
    print(f"import it again: {elapsed:.1f}  {out}")
    for fmt in ("json", "yaml"):
        elapsed, _out = run(target, "export", "--format", fmt, "--out", str(scratch / f"b.{fmt}"))
        print(f"export --format {fmt}: {elapsed:.1f}")
    if options.records_x4:
        bigger = scratch / "national-x4.json"
        records = times_four(register, bigger)
        elapsed, out = run(target, "import", str(bigger))
        print(
            f"import {records:,} records ({bigger.stat().st_size / 2**20:.1f} MB): "
            f"{elapsed:.1f}  {out}"
        )
    municipalities = scratch / "municipalities.json"
    municipalities.write_text(
        '{"municipalities": ['
        + ",".join(f'{{"number": "{n}", "name": "Kommune {n}"}}' for n in range(3000, 4000))
        + "]}"
    )
    run(target, "import", str(municipalities))
    # biggest first, so it stores every figure new; a smaller file then changes the first
    # of them (another seed): its output says how many figures it stored
    for rows in sorted(options.rows, reverse=True):
        path = scratch / f"population-{rows}.csv"
        population_csv(path, rows, seed=rows)
        elapsed, out = run(
            target, "population", "import", str(path), "--accept-findings", check=False
        )
        size = path.stat().st_size / 2**20
        print(f"population CSV {rows:,} rows ({size:.0f} MB): {elapsed:.1f}  {out[-300:]}")
    over = scratch / "population-over-the-limit.csv"
    population_csv(over, 1_000_001, seed=2)
    elapsed, out = run(target, "population", "import", str(over), "--accept-findings", check=False)
    print(f"population CSV 1,000,001 rows (refused): {elapsed:.1f}  {out[-300:]}")
    print(f"scratch files: {scratch}")


if __name__ == "__main__":
    main()
