"""Two app servers and a worker, as in production: real processes (gunicorn, `samvirke
qcluster`) sharing one PostgreSQL database, Redis and an S3-compatible bucket (moto's
server mode), each with its own empty local folders.

A login on one server is valid on the other; failed logins count across both; a document
uploaded through one is downloaded through the other; an edition built by the worker is
downloaded through both; nothing lands on any local disk; /readyz names what is missing.
Needs PostgreSQL (SCALEOUT_POSTGRES_URL, default the local server) and Redis
(SCALEOUT_REDIS_URL); skipped, saying so, where they are not running.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from pypdf import PdfWriter

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("SCALEOUT_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/7")
PASSWORD = "eit-langt-passord-for-testen"


def _reachable(url: str, default_port: int) -> bool:
    host_port = re.sub(r"^\w+://([^@/]*@)?", "", url).split("/")[0]
    host, _sep, port = host_port.partition(":")
    try:
        socket.create_connection((host, int(port or default_port)), timeout=2).close()
        return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not (_reachable(POSTGRES, 5432) and _reachable(REDIS, 6379)),
    reason="needs PostgreSQL and Redis running (SCALEOUT_POSTGRES_URL, SCALEOUT_REDIS_URL)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, processes: list[subprocess.Popen], seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for p in processes:
            assert p.poll() is None, f"{p.args} exited with {p.returncode}"
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(url)


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class FormFields(HTMLParser):
    """Every field a browser would send from the page's forms (no JavaScript)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name") or ""
        if "__prefix__" in name:
            return
        if tag == "input" and name and a.get("type") not in {"submit", "file", "button"}:
            ticked = a.get("type") in {"checkbox", "radio"}
            if ticked and "checked" not in a:
                return
            self.fields.append((name, a.get("value") or ("on" if ticked else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None


def csrf(client: httpx.Client, url: str) -> str:
    page = client.get(url).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def login(client: httpx.Client, base: str, username: str, password: str, code: str):
    token = csrf(client, f"{base}/admin/login/")
    return client.post(
        f"{base}/admin/login/?next=/admin/",
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": password,
            "otp_token": code,
        },
        headers={"Referer": f"{base}/admin/login/"},
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """moto, a fresh database, two servers and a worker; torn down afterwards."""
    import psycopg
    import redis

    tmp = tmp_path_factory.mktemp("two-servers")
    processes: list[subprocess.Popen] = []
    s3_port = free_port()
    processes.append(
        subprocess.Popen(
            [BIN / "moto_server", "-H", "127.0.0.1", "-p", str(s3_port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    endpoint = f"http://127.0.0.1:{s3_port}"
    database = f"samvirke_scaleout_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    redis.Redis.from_url(REDIS).flushdb()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "samvirke.settings",
        "SECRET_KEY": "two-servers-test-only",
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "REDIS_URL": REDIS,
        "AWS_STORAGE_BUCKET_NAME": "samvirke-test",
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SAMVIRKE_LOG_FORMAT": "json",
    }
    wait_for(f"{endpoint}/", processes, 60)
    httpx.put(f"{endpoint}/samvirke-test")  # moto accepts the bucket without signing

    def run(*args: str) -> str:
        done = subprocess.run(
            [BIN / "samvirke", *args], env=env, cwd=tmp, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    run("migrate", "--no-input", "--verbosity", "0")
    run("load", "sogn")
    run("collectstatic", "--no-input", "--verbosity", "0")
    codes = run(
        "shell",
        "-c",
        "from django.contrib.auth.models import User\n"
        "from django_otp.plugins.otp_static.models import StaticDevice\n"
        "for name in ('stab', 'stengd'):\n"
        f"    u = User.objects.create_superuser(name, name + '@example.org', '{PASSWORD}')\n"
        "    d = StaticDevice.objects.create(user=u, name='backup')\n"
        "    for n in range(3): d.token_set.create(token=f'{name}-{n}')\n"
        "print('ok')",
    )
    assert "ok" in codes
    servers = {}
    for name in ("a", "b", "worker"):
        disk = tmp / name
        (disk / "documents").mkdir(parents=True)
        (disk / "editions").mkdir()
        own = {
            **env,
            "SAMVIRKE_DOCUMENTS_ROOT": str(disk / "documents"),
            "SAMVIRKE_EDITIONS_ROOT": str(disk / "editions"),
        }
        log = open(tmp / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        if name == "worker":
            command = [BIN / "samvirke", "qcluster"]
        else:
            port = free_port()
            servers[name] = f"http://127.0.0.1:{port}"
            command = [BIN / "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "2"]
            command += ["samvirke.wsgi:application"]
        processes.append(
            subprocess.Popen(command, env=own, cwd=disk, stdout=log, stderr=subprocess.STDOUT)
        )
    for base in servers.values():
        wait_for(f"{base}/healthz", processes)
    try:
        yield {"servers": servers, "tmp": tmp, "env": env, "run": run}
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def local_files(tmp: Path) -> list[Path]:
    return [
        p
        for name in ("a", "b", "worker")
        for p in (tmp / name).rglob("*")
        if p.is_file() and p.suffix != ".log"
    ]


def test_both_servers_are_ready(world):
    for base in world["servers"].values():
        response = httpx.get(f"{base}/readyz")
        assert response.status_code == 200, response.text
        assert response.json()["checks"] == {
            "database": "ok",
            "cache": "ok",
            "documents": "ok",
            "editions": "ok",
        }


def test_a_login_on_one_server_is_valid_on_the_other(world):
    a, b = world["servers"]["a"], world["servers"]["b"]
    with httpx.Client() as client:
        response = login(client, a, "stab", PASSWORD, "stab-0")
        assert response.status_code == 302 and response.headers["location"] == "/admin/"
        assert client.get(f"{b}/admin/").status_code == 200  # the same session cookie on B
        page = client.get(f"{b}/admin/registry/agreement/").text
        assert "gis-vertskommuneavtale" in page or "GIS" in page


def test_failed_logins_count_across_both_servers(world):
    a, b = world["servers"]["a"], world["servers"]["b"]
    with httpx.Client() as client:
        for base in (a, b, a, b):
            response = login(client, base, "stengd", "feil-passord", "stengd-0")
            assert response.status_code == 200  # the form again, with an error
        # the fifth failure, on B: B has seen two and A two; together they make five
        login(client, b, "stengd", "feil-passord", "stengd-0")
        # now even the right password and code are refused on A
        response = login(client, a, "stengd", PASSWORD, "stengd-1")
        assert response.status_code == 429
        assert client.get(f"{a}/admin/").status_code == 302  # not logged in


def test_a_document_uploaded_on_one_server_downloads_from_the_other(world):
    a, b = world["servers"]["a"], world["servers"]["b"]
    content = pdf_bytes()
    with httpx.Client() as client:
        login(client, a, "stab", PASSWORD, "stab-1")
        pk = world["run"](
            "shell",
            "-c",
            "from samvirke.registry.models import Agreement\n"
            "print('pk', Agreement.objects.get(slug='gis-vertskommuneavtale').pk)",
        )
        pk = re.search(r"^pk (\d+)$", pk, re.M).group(1)
        url = f"{a}/admin/registry/agreement/{pk}/change/"
        parser = FormFields()
        parser.feed(client.get(url).text)
        fields = [(k, v) for k, v in parser.fields if not k.startswith("documents-")]
        fields += [
            ("documents-TOTAL_FORMS", "1"),
            ("documents-INITIAL_FORMS", "0"),
            ("documents-MIN_NUM_FORMS", "0"),
            ("documents-MAX_NUM_FORMS", "1000"),
            ("documents-0-title", "Signert avtale"),
            ("_save", "Lagre"),
        ]
        response = client.post(
            url,
            data=dict(_grouped(fields)),
            files={"documents-0-file": ("avtale.pdf", content, "application/pdf")},
            headers={"Referer": url},
        )
        errors = re.findall(r'class="errorlist[^"]*"[^>]*><li>(.*?)</li>', response.text)
        assert response.status_code == 302, errors
    with httpx.Client() as public:
        page = public.get(f"{b}/avtalar/gis-vertskommuneavtale/").text
        link = re.search(r'href="(/avtalar/gis-vertskommuneavtale/dokument/\d+/)"', page).group(1)
        download = public.get(f"{b}{link}")
    assert download.status_code == 200 and download.content == content
    assert download.headers["content-type"] == "application/pdf"
    assert local_files(world["tmp"]) == []


def _grouped(fields):
    grouped: dict[str, list[str]] = {}
    for key, value in fields:
        grouped.setdefault(key, []).append(value)
    return {k: v if len(v) > 1 else v[0] for k, v in grouped.items()}.items()


def test_an_edition_built_by_the_worker_downloads_from_both_servers(world):
    a, b = world["servers"]["a"], world["servers"]["b"]
    with httpx.Client() as client:
        login(client, a, "stab", PASSWORD, "stab-2")
        token = csrf(client, f"{a}/rapportar/")
        response = client.post(
            f"{a}/rapportar/publiser/",
            data={"csrfmiddlewaretoken": token, "period": "2026-03"},
            headers={"Referer": f"{a}/rapportar/"},
        )
        assert response.status_code == 302
        build = response.headers["location"]
        deadline = time.monotonic() + 300  # a wait limit, not a measurement
        while time.monotonic() < deadline:
            page = client.get(f"{b}{build}").text  # progress, as server B sees it
            if 'value="100"' in page or "feila" in page:
                break
            time.sleep(1)
        slug = re.search(r"/rapportar/utgaver/([\w-]+)\.pdf", page).group(1)
    files = [httpx.get(f"{base}/rapportar/utgaver/{slug}.pdf") for base in (a, b)]
    assert files[0].status_code == files[1].status_code == 200
    assert files[0].content == files[1].content and files[0].content.startswith(b"%PDF")
    assert files[0].headers["repr-digest"].startswith("sha-256=:")
    assert local_files(world["tmp"]) == []


def test_readyz_names_what_is_unreachable(world, tmp_path):
    env = {
        **world["env"],
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:1",
    }
    port = free_port()
    server = subprocess.Popen(
        [BIN / "gunicorn", "-b", f"127.0.0.1:{port}", "-w", "1", "samvirke.wsgi:application"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", [server])
        response = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=120)
    finally:
        server.terminate()
        server.wait(20)
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert all(checks[name].startswith("failed") for name in checks), checks
