"""samvirke's settings: every deployment knob comes from the environment.

Embedded default (no variables set): SQLite and the secret key in ./var, DEBUG
off, hosts 127.0.0.1 and localhost. Production sets DATABASE_URL, SECRET_KEY
(or SECRET_KEY_FILE) and ALLOWED_HOSTS, and fails loudly without a key.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from samvirke.lib.env import embedded_secret_key, env_bool, env_int, env_list, env_secret

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = BASE_DIR.parent / "var"

DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# The embedded setup: no database named and served on this machine only. It finds its own
# secret key in var/secret_key (made on first use), so `.venv/bin/samvirke …` works in a
# plain shell. A production setting (DATABASE_URL, or a real host name) must name its key.
LOCAL_ONLY = set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "testserver", "[::1]"}
EMBEDDED = LOCAL_ONLY and not os.environ.get("DATABASE_URL")
SECRET_KEY = env_secret("SECRET_KEY") or ""
if not SECRET_KEY and EMBEDDED:
    SECRET_KEY = embedded_secret_key(VAR_DIR / "secret_key")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off and DATABASE_URL "
            "or ALLOWED_HOSTS is set; only the embedded setup reads var/secret_key by itself."
        )
    SECRET_KEY = "insecure-debug-only-key"  # noqa: S105 - only ever used with DEBUG on

# django-ninja is not an installed app: importing the package as Django does for each app
# loads all of it and pydantic (0.2 s of every command's start-up). Its Swagger page's
# templates and static files are found here instead (api/urls.py renders them).
NINJA_DIR = Path(find_spec("ninja").origin).parent  # type: ignore[union-attr,arg-type]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "samvirke.registry",
    "samvirke.access",
    "samvirke.governance",
    "samvirke.population",
    "samvirke.finance",
    "samvirke.workflows",
    "samvirke.meetings",
    "samvirke.interchange",
    "samvirke.reports",
    "samvirke.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "samvirke.security.CSPMiddleware",  # django-csp's, the headers built once
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samvirke.security.RejectNulMiddleware",
    "samvirke.middleware.LanguageMiddleware",
    # after the language (its 404 speaks it), before anything that reads path_info
    "samvirke.middleware.RegionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "samvirke.security.SessionLifetimeMiddleware",
    # after the session checks: a session that just ended makes the viewer the public
    "samvirke.access.middleware.AccessMiddleware",
    "samvirke.security.RefusedAccessLogMiddleware",
    "axes.middleware.AxesMiddleware",
    # last: it knows the viewer and the language; the headers above still apply to a hit
    "samvirke.portal.cache.PublicPageCacheMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "samvirke.security.PasswordSprayBackend",  # many usernames from one address: refused
    "axes.backends.AxesStandaloneBackend",  # login throttling first
    "django.contrib.auth.backends.ModelBackend",
]

# Single sign-on through OpenID Connect (ID-porten, Entra ID), when OIDC_RP_CLIENT_ID is set.
# Users are matched by e-mail to existing users (roles are given in samvirke), unless
# OIDC_CREATE_USER is true. The staff pages still ask for samvirke's second factor.
OIDC_ENABLED = bool(os.environ.get("OIDC_RP_CLIENT_ID"))
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(2, "mozilla_django_oidc.auth.OIDCAuthenticationBackend")
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = env_secret("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = "RS256"  # the provider's keys, from its JWKS endpoint
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
    OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)  # seconds for each call to the provider
    OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", False)
    for _name in ("AUTHORIZATION", "TOKEN", "USER", "JWKS"):
        _key = f"OIDC_OP_{_name}_ENDPOINT"
        if not os.environ.get(_key):
            raise ImproperlyConfigured(f"{_key} must be set when OIDC_RP_CLIENT_ID is.")
        globals()[_key] = os.environ[_key]
    if not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured("OIDC_RP_CLIENT_SECRET (or _FILE) must be set with OIDC.")

ROOT_URLCONF = "samvirke.urls"
WSGI_APPLICATION = "samvirke.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'samvirke.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a real embedded database for a few concurrent users: write-ahead logging
    # (readers never wait for a writer), a busy timeout (a writer waits its turn instead of
    # failing with "database is locked") and transactions that take the write lock when
    # they begin (no deadlock when a read transaction later writes). See README.md.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env_int("SAMVIRKE_SQLITE_TIMEOUT", 30),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache for several workers in production (REDIS_URL=redis://host:6379/0);
# the embedded default keeps a per-process cache and needs no Redis.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Public pages are served from that cache until the register changes (portal/cache.py).
SAMVIRKE_PAGE_CACHE = env_bool("SAMVIRKE_PAGE_CACHE", default=True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nn"
LANGUAGES = [("nn", "Nynorsk"), ("nb", "Bokmål"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"  # absolute: a region's script prefix (/r/<slug>/) is not added
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [NINJA_DIR / "static"]  # ninja/swagger-ui… for the API docs page
# Uploaded agreement documents: outside the static files and never served by URL directly;
# a view hands them out after checking the reader may see the agreement.
DOCUMENTS_ROOT = Path(os.environ.get("SAMVIRKE_DOCUMENTS_ROOT", VAR_DIR / "documents"))
DOCUMENT_MAX_BYTES = env_int("SAMVIRKE_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)

# --- scaleout (issue 21): files in storage ---------------------------------------------
# Agreement documents and published editions go through Django's storage API, under the
# names "documents" and "editions" (samvirke/lib/storage.py). Embedded default: private
# folders under var/. With AWS_STORAGE_BUCKET_NAME: an S3-compatible bucket through
# django-storages (AWS_S3_ENDPOINT_URL for MinIO/Ceph/other providers; credentials from the
# usual AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables or ~/.aws files, read by boto3),
# private objects, no public URLs: the views hand the files out after their access checks.
EDITIONS_ROOT = Path(os.environ.get("SAMVIRKE_EDITIONS_ROOT", VAR_DIR / "editions"))
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:

    def _bucket(prefix: str) -> dict:
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "location": prefix,
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
            },
        }

    _FILES = {"documents": _bucket("documents"), "editions": _bucket("editions")}
else:
    _FILES = {
        "documents": {"BACKEND": "samvirke.registry.documents.DocumentStorage"},
        "editions": {
            "BACKEND": "samvirke.lib.storage.PrivateFileSystemStorage",
            "OPTIONS": {"setting": "EDITIONS_ROOT"},
        },
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressing every file (gzip and brotli) made `make run`'s collectstatic take minutes;
    # the embedded setup only hashes the names, production also compresses.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        if EMBEDDED
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    **_FILES,
}
# --- end scaleout: files in storage -------------------------------------------------------
WHITENOISE_USE_FINDERS = DEBUG

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "/"
# Staff and administrators sign in to the staff pages with a second factor (TOTP, RFC 6238);
# `samvirke otp USER` registers an authenticator app.
OTP_TOTP_ISSUER = "samvirke"
LOGOUT_REDIRECT_URL = "/"

# Production: a deployment that is neither DEBUG nor served on this machine only.
PRODUCTION = not DEBUG and not LOCAL_ONLY
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = 31_536_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Sessions end after 30 idle minutes and at most 10 hours after login (security.py).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_LIFETIME = 10 * 60 * 60

# Login throttling: five failures lock the username and address for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# ... and an address that fails for more than this many usernames within that hour is
# refused for every username (password spraying; security.PasswordSprayBackend).
SAMVIRKE_SPRAY_USERNAMES = env_int("SAMVIRKE_SPRAY_USERNAMES", 10)

CONTENT_SECURITY_POLICY = {
    # Everything is our own, the API's Swagger page included (django-ninja's bundled copy,
    # served with the static files: no CDN).
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],  # reports' and the admin's style attributes
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "samvirke.security": {"handlers": ["console"], "level": "INFO", "propagate": False}
    },
}

# Reminders (samvirke reminders): who gets the daily list, and the SMTP server to send it.
SAMVIRKE_REMINDER_EMAILS = env_list("SAMVIRKE_REMINDER_EMAILS", "")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "samvirke@localhost")
# Meeting notices: e-mail the invited members when staff call a meeting (off unless set),
# with links to the portal at this address.
SAMVIRKE_MEETING_NOTICES = env_bool("SAMVIRKE_MEETING_NOTICES", default=False)
SAMVIRKE_BASE_URL = os.environ.get("SAMVIRKE_BASE_URL", "http://localhost:8000").rstrip("/")

# The organisation whose region the portal presents (its member municipalities).
SAMVIRKE_ORGANISATION = os.environ.get("SAMVIRKE_ORGANISATION", "sogn-ko")

# --- scaleout (issue 21): shared state, jobs, health, logs -------------------------------
# With REDIS_URL every app server shares the cache (above) and the sessions (cached_db:
# Redis in front of the database). Login throttling (django-axes) counts failures in the
# database, so it counts across servers with or without Redis. Nothing another server
# needs is kept in process memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Jobs: django-q2 (docs/architecture.md says why). The broker is the database by default
# (SQLite or PostgreSQL: nothing more to run), Redis when REDIS_URL is set. Workers:
# `samvirke qcluster` (`make run` starts one beside the server). Schedules (daily reminders,
# nightly SSB refresh) are rows in the database, made by the jobs app's migration.
INSTALLED_APPS += ["django_q", "samvirke.jobs"]
_JOB_TIMEOUT = env_int("SAMVIRKE_JOB_TIMEOUT", 1800)  # seconds a job may run (national decks)
Q_CLUSTER = {
    "name": "samvirke",
    "workers": env_int("SAMVIRKE_JOB_WORKERS", 2),
    "timeout": _JOB_TIMEOUT,
    "retry": _JOB_TIMEOUT + 600,
    "max_attempts": 1,
    "catch_up": False,  # a server that was down runs a missed daily job once, not per day
    "sync": env_bool("SAMVIRKE_JOBS_SYNC", False),  # run jobs in the caller (tests, debugging)
    "label": "Jobs",
    **({"redis": REDIS_URL} if REDIS_URL else {"orm": "default"}),
}
# SSB tables fetched again each night (e.g. 01222,07459); empty: no nightly refresh.
SAMVIRKE_SSB_REFRESH = env_list("SAMVIRKE_SSB_REFRESH", "")

# /healthz and /readyz first (before the host and HTTPS checks); a request id for every log.
MIDDLEWARE.insert(0, "samvirke.operations.HealthMiddleware")
MIDDLEWARE.insert(1, "samvirke.operations.RequestIdMiddleware")
# SAMVIRKE_LOG_FORMAT=json: one JSON object a line (time, level, logger, message, request_id).
LOGGING["filters"] = {"request_id": {"()": "samvirke.operations.RequestIdFilter"}}
LOGGING["handlers"]["console"]["filters"] = ["request_id"]
LOGGING["formatters"] = {
    "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    },
}
LOGGING["handlers"]["console"]["formatter"] = (
    "json" if os.environ.get("SAMVIRKE_LOG_FORMAT") == "json" else "text"
)
# --- end scaleout: shared state, jobs, health, logs --------------------------------------
