"""The Dockerfile and compose.yaml people copy: parsed and checked against the settings
(building and running them needs a Docker daemon, which CI does not have)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def dockerfile() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def test_the_image_runs_gunicorn_as_a_non_root_user():
    instructions = dockerfile()
    kinds = [kind for kind, _arg in instructions]
    assert kinds[0] == "FROM"
    user = [arg for kind, arg in instructions if kind == "USER"]
    assert user and user[-1] not in {"root", "0"}
    assert kinds.index("USER") > max(i for i, k in enumerate(kinds) if k == "RUN")
    command = [arg for kind, arg in instructions if kind == "CMD"][-1]
    assert command.startswith('["gunicorn"') and "samvirke.wsgi:application" in command
    installs = " ".join(arg for kind, arg in instructions if kind == "RUN")
    assert "'.[production]'" in installs and "collectstatic" in installs


def test_compose_has_the_whole_deployment():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "minio", "app1", "app2", "worker", "proxy"} <= set(services)
    apps = [services[name] for name in ("app1", "app2", "worker")]
    for app in apps:  # the same image and the same shared state
        assert app["image"] == "samvirke:latest"
        env = app["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["AWS_S3_ENDPOINT_URL"] == "http://minio:9000" and env["AWS_STORAGE_BUCKET_NAME"]
    assert services["worker"]["command"] == ["samvirke", "qcluster"]
    proxy = " ".join(services["proxy"]["command"])
    assert "app1:8000" in proxy and "app2:8000" in proxy
    assert "migrate" in " ".join(services["migrate"]["command"])


def test_every_variable_compose_sets_is_one_samvirke_reads():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    settings = (ROOT / "samvirke" / "settings.py").read_text()
    for name in compose["services"]["app1"]["environment"]:
        known = (
            f'"{name}"' in settings
            or name.startswith("AWS_")
            and name
            in {
                "AWS_ACCESS_KEY_ID",  # read by boto3 from the environment
                "AWS_SECRET_ACCESS_KEY",
            }
        )
        assert known, name


def test_the_readme_shows_how_to_start_it():
    readme = (ROOT / "README.md").read_text()
    assert "docker compose up --build" in readme and "samvirke qcluster" in readme
    assert re.search(r"/readyz", readme)
