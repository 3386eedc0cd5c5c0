"""A real samvirke server with the Sogn data, and headless Chromium (Debian's) to drive it.

The server runs in its own process on its own SQLite file, exactly as `make run` serves
it. Chromium comes from Debian's package; in CI a missing browser is a failure, never a
skip.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import httpx
import pytest
from django_otp.oath import totp

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
STAFF = ("redaktor", "eit-langt-passord-for-test")
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "screenshots"
SKIP_PREFIXES = (
    "/static/",
    "/i18n/",
    "/api/",
    "/admin/logout",
    "/rapportar/utgaver/",
    "/rapportar/status/",
    "/rapportar/vedtaksoppfolging/",
)
# the staff login's authenticator key (RFC 6238's test key): the tests compute its codes
TOTP_KEY = "3132333435363738393031323334353637383930"
SSB = Path(__file__).resolve().parent.parent / "fixtures" / "population" / "ssb"
AGES = ["population", "import-ssb", "--table"]
DOWNLOAD_SUFFIXES = (".pdf", ".pptx", ".xlsx", ".csv", ".ics")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser_available():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run must install Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="package")
def server(server_env):
    """Base URL of a running samvirke with the Sogn data and a staff login."""
    return server_env["url"]


@pytest.fixture(scope="package")
def server_env(browser_available, tmp_path_factory):
    """The running server's URL and the environment its commands run with."""
    folder = tmp_path_factory.mktemp("server")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'samvirke.sqlite3'}",
        "SECRET_KEY": "browser-tests-only",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "samvirke.settings",
        "SAMVIRKE_JOBS_SYNC": "true",  # a published edition is built in the request
    }
    samvirke = [sys.executable, "-m", "samvirke.cli"]
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["load", "sogn"],
        ["collectstatic", "--no-input", "-v0"],
        # persons by age (recorded SSB answers), so the age page is checked with figures
        [*AGES, "07459", "--ages", "--from-file", str(SSB / "07459-sogn-ages.json")],
        [*AGES, "projection", "--ages", "--from-file", str(SSB / "14288-ages.json")],
    ):
        subprocess.run(samvirke + command, env=env, check=True, capture_output=True)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.contrib.auth.models import User; "
            "from django_otp.plugins.otp_totp.models import TOTPDevice; "
            f"u = User.objects.create_superuser('{STAFF[0]}', 'r@example.no', '{STAFF[1]}'); "
            f"TOTPDevice.objects.create(user=u, name='app', key='{TOTP_KEY}')",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    process = subprocess.Popen(
        samvirke + ["serve", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(base + "/", timeout=1, follow_redirects=True).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("the samvirke server did not start")
    yield {"url": base, "env": env}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="package")
def chromium(browser_available):
    """One browser for the browser tests; ends with them, taking Playwright's event loop
    along, so later tests can use the database synchronously again."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def staff_page(chromium, server):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    login(page, server)
    yield page
    context.close()


def login(page, server: str) -> None:
    """Log the staff user in. django-otp takes each code once: a second login within the
    same 30-second step is refused, so wait for the next code and try again."""
    for _attempt in range(3):
        page.goto(server + "/admin/login/")
        page.fill("#id_username", STAFF[0])
        page.fill("#id_password", STAFF[1])
        page.fill("#id_otp_token", f"{totp(bytes.fromhex(TOTP_KEY)):06d}")
        page.click("input[type=submit]")
        page.wait_for_load_state()
        if page.url == server + "/admin/":
            return
        time.sleep(30 - time.time() % 30 + 1)  # the next TOTP step
    page.wait_for_url(server + "/admin/")


def crawl(page, server: str, start: str, *, within: str = "/", limit: int = 400) -> list[str]:
    """Every page reachable by the site's own links from ``start`` (paths, in visit order)."""
    from playwright.sync_api import Error as PlaywrightError

    seen, queue, order = set(), deque([start]), []
    while queue and len(order) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        try:
            response = page.goto(server + path)
        except PlaywrightError as exc:  # a link to a file (a meeting's paper) downloads it
            if "Download is starting" in str(exc):
                continue
            raise
        if (
            response is None
            or response.status != 200
            or "text/html" not in response.headers.get("content-type", "")
        ):
            continue
        order.append(path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urldefrag(href)[0])
            target = url.path + (f"?{url.query}" if url.query else "")
            if (
                url.netloc == urlparse(server).netloc
                and target.startswith(within)
                # a region's pages (/r/<slug>/…) skip the same staff and API pages
                and not re.sub(r"^/r/[^/]+", "", target).startswith(SKIP_PREFIXES)
                and not url.path.endswith(DOWNLOAD_SUFFIXES)
                and target not in seen
            ):
                queue.append(target)
    return order
