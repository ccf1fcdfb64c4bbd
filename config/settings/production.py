"""Production settings: base plus what a real installation must have, checked at start.

    DJANGO_SETTINGS_MODULE=config.settings.production

Fails loudly (ImproperlyConfigured, naming every missing variable) unless DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS and DATABASE_URL (PostgreSQL) are set. DEBUG is always off. Everything else
keeps base's environment variables; the ones added here are listed in docs/OPERATIONS.md.
`manage.py check --deploy` is clean with these settings (tests/ops/test_production_settings.py)."""

import os

from django.core.exceptions import ImproperlyConfigured

from common.env import env_bool, env_int, env_list, env_str

REQUIRED = {
    "DJANGO_SECRET_KEY": "a long random key (python -c 'import secrets; print(secrets.token_urlsafe(50))')",
    "DJANGO_ALLOWED_HOSTS": "the host names the platform answers to, comma-separated",
    "DATABASE_URL": "the PostgreSQL database, postgres://user:password@host:5432/name",
}
_missing = [f"  {name}: {hint}" for name, hint in REQUIRED.items() if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured(
        "config.settings.production needs these environment variables (see docs/OPERATIONS.md):\n" + "\n".join(_missing)
    )
if not os.environ["DATABASE_URL"].startswith(("postgres://", "postgresql://", "pgsql://")):
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production (postgres://…)")
if env_bool("DJANGO_DEBUG", False):
    raise ImproperlyConfigured("DJANGO_DEBUG must be off with config.settings.production")

from .base import *  # noqa: E402, F403
from .base import LOGGING, STORAGES  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Static files: hashed, compressed names served by WhiteNoise from STATIC_ROOT (collectstatic;
# common.storage.StaticStorage is WhiteNoise's CompressedManifestStaticFilesStorage).
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "common.storage.StaticStorage"},
}

# One cache shared by every gunicorn and worker process, so that the rate limits
# (common/ratelimit.py) count per installation, not per process. Django's database cache needs
# no other server; `manage.py createcachetable` (scripts/serve.sh, the compose migrate service)
# creates its table. CPF_CACHE=memory keeps the per-process default (one process only).
if env_str("CPF_CACHE", "database") == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cpf_cache",
        }
    }

# Uploaded files (consent forms, protocols, expense documents, job results): a directory by
# default (DJANGO_MEDIA_ROOT, base.py). CPF_MEDIA_STORAGE=s3 stores them in an S3-compatible
# object storage through django-storages, which is not among the pinned requirements: add it
# first (docs/OPERATIONS.md, "Scale out").
MEDIA_STORAGE = env_str("CPF_MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "s3":
    try:
        import storages  # noqa: F401
    except ImportError as exc:
        raise ImproperlyConfigured(
            "CPF_MEDIA_STORAGE=s3 needs django-storages[s3] in requirements/base.in and base.txt"
        ) from exc
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("CPF_S3_BUCKET"),
            "endpoint_url": env_str("CPF_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("CPF_S3_REGION", "") or None,
            "access_key": env_str("CPF_S3_ACCESS_KEY"),
            "secret_key": env_str("CPF_S3_SECRET_KEY"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured("CPF_MEDIA_STORAGE must be 'filesystem' or 's3'")

# E-mail (invitations, password resets, sign-up confirmations) over SMTP by default: the console
# backend of development would print links and addresses into the logs. Server, port and
# credentials: DJANGO_EMAIL_* in base.py.
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# HTTPS. Behind a reverse proxy that terminates TLS (Caddy in deploy/compose.yaml) set
# DJANGO_PROXY_SSL_HEADER=1 so that X-Forwarded-Proto tells Django the request was HTTPS: only
# when the proxy overwrites that header, never when clients can reach gunicorn directly.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes from inside the network speak plain HTTP
if env_bool("DJANGO_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS: list[str] = []
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' preload list is a decision of the domain's owner (the Region), taken
    # outside the application and hard to undo; the check would only repeat that it was not taken.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Connections kept open across requests; health checks before reuse (a restarted PostgreSQL).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CPF_DB_CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# One JSON object per line on stdout (common/logging.py): no request data, no personal data.
LOGGING = {
    **LOGGING,
    "formatters": {"json": {"()": "common.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["no_row_data"],
        }
    },
}
