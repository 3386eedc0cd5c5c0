"""Time the Sogn status deck in each format (content built once from the Sogn dataset files).

Run: SECRET_KEY=x .venv/bin/python benchmarks/reports.py   (no database needed: the Sogn
YAML files are in the export format the report builder reads)
"""

from __future__ import annotations

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


def sogn_data() -> dict:
    data: dict = {}
    for path in sorted(DATA.glob("*.yaml")):
        for key, records in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            data.setdefault(key, []).extend(records)
    return data


def main() -> None:
    data = sogn_data()
    start = time.perf_counter()
    report = build_status_report(data, "2026-03", organisation="sogn-ko")
    built = time.perf_counter() - start
    print(f"content: {built:.3f} s ({len(report.sections)} sections)")
    for file_format in ("pptx", "pdf", "html"):
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            content = services.render(
                build_status_report(data, "2026-03", organisation="sogn-ko"), file_format
            )
            runs.append(time.perf_counter() - start)
        print(
            f"{file_format}: best {min(runs):.2f} s, worst {max(runs):.2f} s of 3 "
            f"({len(content):,} bytes; content included; target under 3 s)"
        )


if __name__ == "__main__":
    main()
