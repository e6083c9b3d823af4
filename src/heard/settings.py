"""All of Heard's settings, in one place, driven by environment variables.

Every variable is read through ``heard.core.env.env`` and documented in docs/configuration.md
(a test fails when one is not).
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from heard.core.env import ConfigError, env, env_bool, env_int, env_list

PACKAGE_DIR = Path(__file__).resolve().parent

HEARD_ENV = (env("HEARD_ENV", "development") or "development").lower()
if HEARD_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"HEARD_ENV must be development, production or test, not {HEARD_ENV!r}"
    )
PRODUCTION = HEARD_ENV == "production"

DATA_DIR = Path(env("HEARD_DATA_DIR", "data") or "data").resolve()


def _local_secret(filename: str, make: str) -> str:
    """A secret generated once for a local run and kept in the data folder."""
    path = DATA_DIR / filename
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    value = make
    path.write_text(value, encoding="utf-8")
    path.chmod(0o600)
    return value


try:
    _secret_key = env("SECRET_KEY", secret_file=True)
    _keys_raw = env("HEARD_ENCRYPTION_KEYS", secret_file=True) or ""
    _encryption_keys = [k.strip() for k in _keys_raw.split(",") if k.strip()]
    _database_url = env("DATABASE_URL", secret_file=True)
    _email_password = env("EMAIL_HOST_PASSWORD", "", secret_file=True)
except ConfigError as exc:
    raise ImproperlyConfigured(str(exc)) from exc

if PRODUCTION:
    if not _secret_key or len(_secret_key) < 50 or _secret_key.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "HEARD_ENV=production needs a real SECRET_KEY (or SECRET_KEY_FILE) of at least 50 "
            "random characters. Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    if not _encryption_keys:
        raise ImproperlyConfigured(
            "HEARD_ENV=production needs HEARD_ENCRYPTION_KEYS (or HEARD_ENCRYPTION_KEYS_FILE): "
            "one or more Fernet keys, newest first. Generate one with: heard keygen"
        )
SECRET_KEY = _secret_key or _local_secret("secret_key", secrets.token_urlsafe(64))
ENCRYPTION_KEYS = _encryption_keys or [
    _local_secret("encryption_key", Fernet.generate_key().decode())
]

DEBUG = env_bool("HEARD_DEBUG", default=False)
if PRODUCTION and DEBUG:
    # Debug pages show settings, queries and the text people sent.
    raise ImproperlyConfigured("HEARD_DEBUG=true is refused with HEARD_ENV=production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "HEARD_ENV=production needs ALLOWED_HOSTS (comma-separated host names)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = (env("SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "template_partials",
    "csp",
    "heard.core",
    "heard.accounts",
    "heard.bonds",
    "heard.safety",
    "heard.prompts",
    "heard.dialogue",
    "heard.checkup",
    "heard.daily",
    "heard.together",
    "heard.progress",
    "heard.learn",
    "heard.quality",
    "heard.twostep",
    "heard.counsel",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "heard.core.memo.RequestMemoMiddleware",
    "heard.core.middleware.ApiErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out gzipped (static files come compressed from WhiteNoise instead). Django adds
    # random padding against BREACH, and CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "heard.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "heard.core.middleware.PrivacyHeadersMiddleware",
    "heard.core.middleware.NotFoundMiddleware",
]

ROOT_URLCONF = "heard.urls"
WSGI_APPLICATION = "heard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "heard.core.context_processors.heard",
                # After core's: a counsellor gets the Clients menu instead of the five places.
                "heard.counsel.nav.nav",
            ],
        },
    },
]

# Connections are kept for a minute and reused by the next requests on the same thread,
# instead of one connection (and, on SQLite, its PRAGMAs) per request.
# On PostgreSQL, HEARD_DB_POOL_SIZE > 0 uses a pool of that many connections per process
# instead (Django's psycopg pool option), shared by the process's threads.
DB_POOL_SIZE = env_int("HEARD_DB_POOL_SIZE", 0)
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    }
    if DB_POOL_SIZE > 0 and DATABASES["default"]["ENGINE"].endswith("postgresql"):
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them instead
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": DB_POOL_SIZE,
            "timeout": 20,
        }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "heard.sqlite3"),
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                # Run once per connection, when it opens.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Argon2id with Django's parameters (t=2, m=100 MiB, p=8), at most this many checks at once in
# each process, so a burst of logins can exhaust neither memory nor the cores (accounts/hashers.py).
PASSWORD_HASHERS = ["heard.accounts.hashers.BoundedArgon2PasswordHasher"]
PASSWORD_HASH_CONCURRENCY = env_int("HEARD_PASSWORD_HASH_CONCURRENCY", 1)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "heard.accounts.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Brute-force throttle, per (username, IP) pair.
LOGIN_FAILURE_LIMIT = env_int("HEARD_LOGIN_FAILURE_LIMIT", 5)
LOGIN_COOLOFF_SECONDS = env_int("HEARD_LOGIN_COOLOFF_SECONDS", 900)

# Sessions: idle and absolute timeouts.
SESSION_IDLE_TIMEOUT = env_int("HEARD_SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_MAX_AGE = env_int("HEARD_SESSION_MAX_AGE", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_MAX_AGE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_NAME = "heard_session"
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
CSRF_COOKIE_SAMESITE = "Lax"

INVITE_TTL_HOURS = env_int("HEARD_INVITE_TTL_HOURS", 72)
INVITE_FAILURE_LIMIT = env_int("HEARD_INVITE_FAILURE_LIMIT", 10)
INVITE_COOLOFF_SECONDS = env_int("HEARD_INVITE_COOLOFF_SECONDS", 900)
# Counsellor mode: keep a counsellor's private notes about a client when that client erases
# their account (the practice's own record; docs/counselling.md), or erase them too.
COUNSEL_KEEP_NOTES_ON_ERASE = env_bool("HEARD_COUNSEL_KEEP_NOTES_ON_ERASE", default=True)
API_TOKEN_LIMIT = 20
API_TOKEN_DAYS = env_int("HEARD_API_TOKEN_DAYS", 90)

# The hosting practice, shown on the Help page, and its own extra help lines (a YAML file with
# the same schema as src/heard/content/safety/resources.yaml).
PRACTICE = {
    "name": env("HEARD_PRACTICE_NAME", ""),
    "website": env("HEARD_PRACTICE_WEBSITE", ""),
    "phone": env("HEARD_PRACTICE_PHONE", ""),
    "email": env("HEARD_PRACTICE_EMAIL", ""),
    "address": env("HEARD_PRACTICE_ADDRESS", ""),
    "booking_url": env("HEARD_PRACTICE_BOOKING_URL", ""),
}
EXTRA_RESOURCES_FILE = env("HEARD_EXTRA_RESOURCES_FILE", "")

# The listening coach runs locally; a host can switch it off.
COACH_ENABLED = env_bool("HEARD_COACH_ENABLED", default=True)
COACH_LIMIT_PER_MINUTE = env_int("HEARD_COACH_LIMIT_PER_MINUTE", 60)
COACH_CONCURRENCY = env_int("HEARD_COACH_CONCURRENCY", 1)
# The coach runs in processes of its own (HEARD_COACH_CONCURRENCY per app process, low CPU
# priority), so its Python holds their GIL and not the pages'. Off: threads in the app process.
COACH_PROCESS = env_bool("HEARD_COACH_PROCESS", default=True)
# The shared sentence encoder (heard.nlp) that safety and the coach read text with. Off, the
# crisis detector falls back to its explicit-statement rules and the coach to its word model.
NLP_ENABLED = env_bool("HEARD_NLP_ENABLED", default=True)
NLP_CONCURRENCY = env_int("HEARD_NLP_CONCURRENCY", 2)

QUICK_EXIT_URL = env("HEARD_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

# E-mail: printed to the console unless an SMTP host is set.
EMAIL_HOST = env("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email_password or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Heard <heard@localhost>")
PASSWORD_RESET_TIMEOUT = 60 * 60

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic writes a gzipped copy of each file next to it; WhiteNoise serves it to
    # browsers that accept gzip.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# `heard serve` collects (and compresses) static files first and then serves that copy; tests and
# `manage.py runserver` serve straight from the source folders.
WHITENOISE_USE_FINDERS = env_bool("HEARD_STATIC_FROM_SOURCE", default=True)
WHITENOISE_AUTOREFRESH = DEBUG

# Security headers. `manage.py check --deploy` passes with HEARD_ENV=production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("HEARD_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env_int("HEARD_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = env_bool("HEARD_HSTS_PRELOAD", default=PRODUCTION)
BEHIND_PROXY = env_bool("HEARD_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# `heard serve` (waitress) takes the client's address and scheme from X-Forwarded-For and
# X-Forwarded-Proto only on connections from this proxy, and drops them from anyone else.
# Waitress trusts one peer address (or *); a chain of proxies is counted in the next setting.
TRUSTED_PROXIES = env_list("HEARD_TRUSTED_PROXIES", "127.0.0.1" if BEHIND_PROXY else "")
TRUSTED_PROXY_COUNT = env_int("HEARD_TRUSTED_PROXY_COUNT", 1)
if len(TRUSTED_PROXIES) > 1:
    raise ImproperlyConfigured(
        "HEARD_TRUSTED_PROXIES takes the one address your reverse proxy connects from (or *); "
        "for a chain of proxies set HEARD_TRUSTED_PROXY_COUNT to the number of hops."
    )
if TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("HEARD_TRUSTED_PROXY_COUNT must be 1 or more.")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"once_a_minute": {"()": "heard.core.logs.AtMostOncePerMinute"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("HEARD_LOG_LEVEL", "WARNING")},
    # "Task queue depth is N" comes once per waiting request under load: once a minute is enough.
    "loggers": {"waitress.queue": {"filters": ["once_a_minute"]}},
}

NINJA_PAGINATION_PER_PAGE = 20

# The cache, and the rate limits that must hold across processes (heard.core.ratelimit).
# "database": Django's database cache, shared by every process on the database (the default,
# nothing more to run); "redis": Django's RedisCache on HEARD_REDIS_URL, for several app hosts;
# "memory": per process, for development only.
CACHE_BACKEND = (env("HEARD_CACHE", "database") or "database").lower()
_CACHE_BACKENDS = {
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "heard_cache",
    },
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("HEARD_REDIS_URL", "redis://127.0.0.1:6379/0") or "",
        "KEY_PREFIX": "heard",
    },
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
if CACHE_BACKEND not in _CACHE_BACKENDS:
    raise ImproperlyConfigured("HEARD_CACHE must be database, redis or memory.")
CACHES = {"default": _CACHE_BACKENDS[CACHE_BACKEND]}

# Background work (reminders) through the django-tasks API. The database backend needs
# nothing more; HEARD_TASKS_BACKEND=rq with HEARD_REDIS_URL uses RQ on Redis (docs/reminders.md).
TASKS_BACKEND = (env("HEARD_TASKS_BACKEND", "database") or "database").lower()
REDIS_URL = env("HEARD_REDIS_URL", "redis://127.0.0.1:6379/0") or ""
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    raise ImproperlyConfigured("HEARD_TASKS_BACKEND must be database or rq.")
# How often `heard worker` looks for reminders that are due, and how long a claimed reminder
# waits before another worker may take it over (a worker killed mid-send).
REMINDER_TICK_SECONDS = env_int("HEARD_REMINDER_TICK_SECONDS", 60)
REMINDER_LEASE_SECONDS = env_int("HEARD_REMINDER_LEASE_SECONDS", 300)
# Write e-mail as files to this folder instead (for checking a worker's outbox).
EMAIL_FILE_PATH = env("HEARD_EMAIL_FILE_PATH", "")
if EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
