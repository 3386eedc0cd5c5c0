"""Time the Sogn status deck in each format (content built once from the Sogn dataset files).

Run: SECRET_KEY=x .venv/bin/python benchmarks/reports.py [--runs 5]   (no database needed:
the Sogn YAML files are in the export format the report builder reads)

Each run builds the content and renders it. It prints wall-clock and CPU seconds: on a
shared machine the wall clock also counts the time other processes hold the cores (the
load average is printed before and after), while CPU seconds are this process's own work.
The first PDF of a process also loads Pango and the fonts ("cold"), a cost a server pays
once; it is printed on its own line and left out of best/worst.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import django
import yaml

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samvirke.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
django.setup()

from samvirke.reports import services  # noqa: E402
from samvirke.reports.content import build_status_report  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "samvirke" / "data" / "sogn"
TARGET = 3.0  # seconds a format, wall clock


def sogn_data() -> dict:
    data: dict = {}
    for path in sorted(DATA.glob("*.yaml")):
        for key, records in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            data.setdefault(key, []).extend(records)
    return data


def timed(data: dict, file_format: str) -> tuple[float, float, int]:
    """(wall s, CPU s, bytes) of one build and render."""
    wall, cpu = time.perf_counter(), time.process_time()
    content = services.render(
        build_status_report(data, "2026-03", organisation="sogn-ko"), file_format
    )
    return time.perf_counter() - wall, time.process_time() - cpu, len(content)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    data = sogn_data()
    print(f"load average (1, 5, 15 min): {load()}; {os.cpu_count()} cores")
    start = time.perf_counter()
    report = build_status_report(data, "2026-03", organisation="sogn-ko")
    print(f"content: {time.perf_counter() - start:.3f} s ({len(report.sections)} sections)")
    wall, cpu, _size = timed(data, "pdf")
    print(f"pdf cold (first in the process: Pango, fonts): {wall:.2f} s wall, {cpu:.2f} s CPU")
    for file_format in ("pptx", "pdf", "html"):
        results = [timed(data, file_format) for _ in range(runs)]
        walls, cpus = [r[0] for r in results], [r[1] for r in results]
        print(
            f"{file_format}: wall best {min(walls):.2f} s, worst {max(walls):.2f} s; "
            f"CPU best {min(cpus):.2f} s, worst {max(cpus):.2f} s of {runs} "
            f"({results[0][2]:,} bytes; content included; target under {TARGET:.0f} s)"
        )
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
