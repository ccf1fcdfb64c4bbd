"""Settings shared by every environment; environments differ only by environment variables."""

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from common.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
# The development key is only accepted when DEBUG is on: production must set its own.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-insecure-key-only-for-debug" if DEBUG else None)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_htmx",
    "ninja",  # the API docs from its own static files, not from a CDN (CSP, no third-party requests)
    "django_tasks",
    "django_tasks_db",
    "common",
    "accounts",
    "audit",
    "core",
    "territory",
    "network",
    "funding",
    "conciliazione",
    "families",
    "activities",
    "directory",
    "monitoring",
    "portal",
    "jobs",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "common.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "common.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "common.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "common.context_processors.platform",
                "core.context_processors.navigation",
                "portal.context_processors.portal",
            ],
            "builtins": ["common.templatetags.formatting"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep the embedded database usable by concurrent requests.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # SPID/CIE through the Region's OpenID Connect gateway; inert unless OIDC_RP_CLIENT_ID is set.
    "accounts.oidc.FiscalNumberBackend",
]

# Single sign-on (accounts.oidc, mozilla-django-oidc): the Region's SPID/CIE gateway as an OpenID
# Connect provider. Endpoints from the environment, or from OIDC_OP_DISCOVERY_URL
# (…/.well-known/openid-configuration); docs/OPERATIONS.md "Accesso SPID/CIE".
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_DISCOVERY_URL = env_str("OIDC_OP_DISCOVERY_URL", "")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid profile")
OIDC_FISCAL_NUMBER_CLAIMS = env_list(
    "OIDC_FISCAL_NUMBER_CLAIMS", "fiscalNumber,fiscal_number,https://attributes.eid.gov.it/fiscal_number"
)
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if (
    OIDC_ENABLED
    and not OIDC_OP_DISCOVERY_URL
    and not (OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT and OIDC_OP_JWKS_ENDPOINT)
):
    raise ImproperlyConfigured(
        "OIDC_RP_CLIENT_ID is set: set OIDC_OP_DISCOVERY_URL or the authorization, token and JWKS endpoints"
    )
OIDC_CREATE_USER = False  # never: a login only finds an existing account (accounts.oidc)
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
# A SPID (level 2) or CIE login is already two-factor: it satisfies CPF_REQUIRE_2FA.
CPF_OIDC_IS_STRONG = env_bool("CPF_OIDC_IS_STRONG", True)
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Lockout after repeated failed logins (django-axes), per username and IP.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Rate limits (common/ratelimit.py, fixed windows per client): login attempts whatever the
# username, and wrong API tokens (then every token request of that client waits for the window).
CPF_LOGIN_RATE_LIMIT = env_int("CPF_LOGIN_RATE_LIMIT", 20)
CPF_LOGIN_RATE_WINDOW = env_int("CPF_LOGIN_RATE_WINDOW", 600)
CPF_API_TOKEN_FAILURE_LIMIT = env_int("CPF_API_TOKEN_FAILURE_LIMIT", 10)
CPF_API_TOKEN_FAILURE_WINDOW = env_int("CPF_API_TOKEN_FAILURE_WINDOW", 600)
# Password-reset requests per client and per address (hashed), in one window; the same refusal
# whether or not the address has an account.
CPF_PASSWORD_RESET_RATE_LIMIT = env_int("CPF_PASSWORD_RESET_RATE_LIMIT", 5)
CPF_PASSWORD_RESET_EMAIL_LIMIT = env_int("CPF_PASSWORD_RESET_EMAIL_LIMIT", 3)
CPF_PASSWORD_RESET_RATE_WINDOW = env_int("CPF_PASSWORD_RESET_RATE_WINDOW", 3600)
# Wrong invitation or password-reset links per client (then every link of that client waits).
CPF_LINK_FAILURE_LIMIT = env_int("CPF_LINK_FAILURE_LIMIT", 10)
CPF_LINK_FAILURE_WINDOW = env_int("CPF_LINK_FAILURE_WINDOW", 600)
# Wrong two-factor codes per client, whatever the user (per user: 5 every 5 minutes, fixed).
CPF_TWOFACTOR_FAILURE_LIMIT = env_int("CPF_TWOFACTOR_FAILURE_LIMIT", 10)
CPF_TWOFACTOR_FAILURE_WINDOW = env_int("CPF_TWOFACTOR_FAILURE_WINDOW", 600)
# SPID/CIE refusals are not counted against a shared office address (accounts.oidc.axes_username).
AXES_USERNAME_CALLABLE = "accounts.oidc.axes_username"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Roles that read family records are signed out after this many minutes without a request
# (sliding window, accounts.middleware.IdleTimeoutMiddleware).
CPF_IDLE_TIMEOUT_MINUTES = env_int("CPF_IDLE_TIMEOUT_MINUTES", 30)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy and Permissions-Policy: common/security.py (no inline script or style).
# Where browsers send reports of refused content (empty: no reports).
CSP_REPORT_URI = env_str("CPF_CSP_REPORT_URI", "")

LANGUAGE_CODE = "it"
# The back office speaks Italian and English; the public portal also the languages of
# the families who use the Centres most (common.middleware.ChosenLanguageMiddleware keeps the
# back office to BACKOFFICE_LANGUAGES). Names in their own language, for the switcher.
BACKOFFICE_LANGUAGES = ("it", "en")
LANGUAGES = [
    ("it", "Italiano"),
    ("en", "English"),
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("es", "Español"),
    ("fr", "Français"),
    ("ro", "Română"),
    ("sq", "Shqip"),
    ("uk", "Українська"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Options of an object-storage backend (production.py, CPF_MEDIA_STORAGE=s3) are not strings.
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Every stored upload (signed consent forms, protocols, expense documents, ATS logos) is checked by
# common/uploads.py: at most this size, type read from the content.
CPF_UPLOAD_MAX_BYTES = env_int("CPF_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Public portal: e-mail of online sign-ups (console in development), the accessibility statement
# published through the AgID form (AgID guidelines require the link), rate limits per client.
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "centriperlafamiglia@localhost")
# SMTP in production (DJANGO_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend): the
# Region's mail relay; the password only from the environment.
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 20)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Invitations to new accounts (accounts.invitations): the one-time link's life; password reset
# links (Django's) live as long.
CPF_INVITATION_HOURS = env_int("CPF_INVITATION_HOURS", 72)
PASSWORD_RESET_TIMEOUT = env_int("CPF_PASSWORD_RESET_HOURS", 2) * 3600
# Two-factor sign-in (accounts.twofactor) is optional for everyone; CPF_REQUIRE_2FA=1 makes it
# compulsory for the roles that read family records (operators, coordinators, receiving services).
CPF_REQUIRE_2FA = env_bool("CPF_REQUIRE_2FA", False)
PORTAL_ACCESSIBILITY_URL = env_str("CPF_ACCESSIBILITY_URL", "https://form.agid.gov.it/view/")
PORTAL_REGION_URL = env_str("CPF_REGION_URL", "https://www.regione.lombardia.it/")
PORTAL_RATE_LIMIT = env_int("CPF_PORTAL_RATE_LIMIT", 60)  # requests per minute per client (search, API)
PORTAL_FORM_RATE_LIMIT = env_int("CPF_PORTAL_FORM_RATE_LIMIT", 5)  # forms sent per 10 minutes per client
# Who runs this installation, for the footer and the /informazioni/ pages (legal notes, privacy,
# accessibility, contacts): installation-specific, so empty values are shown as "to be filled in".
PLATFORM_OPERATOR = env_str("CPF_PLATFORM_OPERATOR", "")
PLATFORM_SUPPORT_EMAIL = env_str("CPF_SUPPORT_EMAIL", "")
PLATFORM_SUPPORT_PHONE = env_str("CPF_SUPPORT_PHONE", "")
PLATFORM_DPO_EMAIL = env_str("CPF_DPO_EMAIL", "")
PLATFORM_ACCESSIBILITY_EMAIL = env_str("CPF_ACCESSIBILITY_EMAIL", "")

# Shown on every page when the database holds the synthetic demo dataset.
DEMO_MODE = env_bool("CPF_DEMO_MODE", False)
# Aggregates shown outside a Centre hide groups smaller than this (GDPR art. 89: statistics without identifying anyone).
SMALL_GROUP_THRESHOLD = env_int("CPF_SMALL_GROUP_THRESHOLD", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Database errors quote the refused row: common.logfilters cuts row contents out of every log.
    "filters": {"no_row_data": {"()": "common.logfilters.ScrubDatabaseDetails"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_row_data"]}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # Request bodies and querystrings may carry personal data: never log them.
    # django.template at DEBUG dumps the whole template context (search terms, records) and
    # django.db.backends the SQL parameters: both stay at INFO whatever DJANGO_LOG_LEVEL says.
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.template": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
    },
}

# Error reporting over the Sentry protocol (GlitchTip or Sentry) when SENTRY_DSN is set; personal
# data is stripped before sending (common/sentry.py).
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from common.sentry import init_sentry

    init_sentry(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE", "") or None,
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
    )

# Backups (core/backup.py): `backup_platform` writes here, and with a directory set the worker runs
# it every night (core/jobs.py) keeping the newest CPF_BACKUP_KEEP archives.
BACKUP_DIR = env_str("CPF_BACKUP_DIR", "")
BACKUP_KEEP = env_int("CPF_BACKUP_KEEP", 7)
BACKUP_HOUR = env_int("CPF_BACKUP_HOUR", 1)

# Background jobs (jobs/): django-tasks with its database queue; `manage.py jobs_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Without collectstatic (tests, development) WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = env_bool("CPF_STATIC_FROM_FINDERS", DEBUG)
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS

# Monitoring: small groups of people below this threshold are hidden outside the owning Centre
# (monitoring.disclosure; never below 3, Regole deontologiche Sistan art. 5).
MONITORING_SUPPRESSION_K = env_int("CPF_MONITORING_SUPPRESSION_K", 5)
