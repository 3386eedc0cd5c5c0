"""Issue 13 row 4: SQLite (the embedded default) under concurrent writers, readers and
imports answers every request, never a 5xx "database is locked".

A real server in its own process on its own SQLite file, as `make run` serves it; a few
API writers and token readers and two imports at once, each a fixed number of times (no
timing is asserted).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

SAMVIRKE = [str(Path(sys.executable).parent / "samvirke")]
WRITERS, READERS, REQUESTS_EACH = 4, 4, 10
REVIEWS = "/api/v1/agreements/sogn-ko-samarbeidsavtale/reviews"
READS = ["/api/v1/cooperations/barnevern", "/api/v1/agreements", "/api/v1/cooperations"]
MAKE_STAFF = """
from django.contrib.auth import get_user_model
from samvirke.access.models import Grant
from samvirke.registry.models import Organisation
user = get_user_model().objects.create_user("skrivar", password="eit-langt-passord-for-test")
Grant.objects.create(user=user, organisation=Organisation.objects.get(slug="sogn-ko"),
                     role="tilsett")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(env, *args) -> str:
    done = subprocess.run(
        [*SAMVIRKE, *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sqlite-server")
    database = folder / "samvirke.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "concurrency-test-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "samvirke.settings",
        "SAMVIRKE_DOCUMENTS_ROOT": str(folder / "documents"),
    }
    _run(env, "migrate", "--no-input")
    _run(env, "load", "sogn")
    _run(env, "shell", "--no-imports", "-c", MAKE_STAFF)
    created = _run(env, "token", "create", "last", "--user", "skrivar", "--organisation",
                   "sogn-ko", "--role", "tilsett")  # fmt: skip
    secret = created.strip().splitlines()[-1]
    port = _free_port()
    server = subprocess.Popen(
        [*SAMVIRKE, "serve", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _attempt in range(600):
        try:
            httpx.get(f"{url}/api/v1/cooperations", timeout=5)
            break
        except httpx.TransportError:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            time.sleep(0.1)
    yield {"url": url, "env": env, "secret": secret, "database": database}
    server.terminate()
    server.wait(timeout=30)


def test_row_4_sqlite_answers_concurrent_writers_readers_and_imports(sqlite_server):
    url, secret = sqlite_server["url"], sqlite_server["secret"]
    headers = {"Authorization": f"Bearer {secret}"}

    def write(n: int) -> list[int]:
        with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
            return [
                client.post(
                    REVIEWS,
                    # one review a day: writer n in month n + 1, request i on day i + 1
                    json={"date": f"2027-{n + 1:02d}-{i + 1:02d}", "outcome": "revider"},
                ).status_code
                for i in range(REQUESTS_EACH)
            ]

    def read(n: int) -> list[int]:
        with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
            return [
                client.get(READS[(n + i) % len(READS)]).status_code for i in range(REQUESTS_EACH)
            ]

    imports = [
        subprocess.Popen(
            [*SAMVIRKE, "load", "sogn"],
            env=sqlite_server["env"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _n in range(2)
    ]
    with ThreadPoolExecutor(WRITERS + READERS) as pool:
        writes = [pool.submit(write, n) for n in range(WRITERS)]
        reads = [pool.submit(read, n) for n in range(READERS)]
        write_codes = [code for f in writes for code in f.result()]
        read_codes = [code for f in reads for code in f.result()]
    for process in imports:
        _out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()
    assert write_codes == [201] * (WRITERS * REQUESTS_EACH), write_codes
    assert read_codes == [200] * (READERS * REQUESTS_EACH), read_codes
    # every write landed once
    count = _run(
        sqlite_server["env"],
        "shell",
        "--no-imports",
        "-c",
        "from samvirke.workflows.models import AgreementReview;"
        "print(AgreementReview.objects.count())",
    )
    assert int(count.strip().splitlines()[-1]) == WRITERS * REQUESTS_EACH


def test_row_4_a_token_read_writes_nothing(sqlite_server):
    """After its first use (noted at most once a minute) a token's reads write nothing:
    SQLite's data version, which changes with every commit of another connection, stays."""
    import sqlite3

    url, secret = sqlite_server["url"], sqlite_server["secret"]
    headers = {"Authorization": f"Bearer {secret}"}
    assert httpx.get(f"{url}/api/v1/cooperations", headers=headers).status_code == 200
    watcher = sqlite3.connect(sqlite_server["database"])
    try:
        before = watcher.execute("PRAGMA data_version").fetchone()[0]
        for path in READS:
            assert httpx.get(f"{url}{path}", headers=headers, timeout=60).status_code == 200
        assert watcher.execute("PRAGMA data_version").fetchone()[0] == before
    finally:
        watcher.close()
