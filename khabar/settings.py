"""Khabar's one settings module: everything is read from the environment.

Every variable is documented in docs/configuration.md; a test fails when one
read here is missing there. Longer than Khabar's other modules on purpose:
every setting in one file, read from top to bottom, as that page lists
them.
"""

import datetime as dt
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from khabar import fast_paths

PACKAGE_DIR = Path(__file__).resolve().parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    """A whole number of 0 or more, or a start that says what is wrong."""
    value = env(name, str(default)).strip()
    if not value.isdigit():
        raise ImproperlyConfigured(
            f"{name} must be a whole number, 0 or more (default {default}), "
            f"not {value!r}."
        )
    return int(value)


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


KHABAR_ENV = env("KHABAR_ENV", "development")
PRODUCTION = KHABAR_ENV == "production"
VAR_DIR = Path(env("KHABAR_VAR_DIR", str(Path.cwd() / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key():
    key = env("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when KHABAR_ENV=production. Generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    # A local key is made once and kept, so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("KHABAR_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

KHABAR_SITE_NAME = env("KHABAR_SITE_NAME", "خبر")
KHABAR_BASE_URL = env("KHABAR_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
KHABAR_CONTACT_EMAIL = env("KHABAR_CONTACT_EMAIL", "")
KHABAR_MONTH_NAMES = env("KHABAR_MONTH_NAMES", "both")
if KHABAR_MONTH_NAMES not in {"levantine", "egyptian", "both"}:
    raise ImproperlyConfigured(
        f"KHABAR_MONTH_NAMES is {KHABAR_MONTH_NAMES!r}; use levantine, egyptian "
        "or both."
    )
# The embedded scheduler publishes due articles from inside the web server.
# Turn it off when `khabar worker` (or a timer unit) does the job.
KHABAR_SCHEDULER = env_bool("KHABAR_SCHEDULER", True)
KHABAR_SCHEDULER_INTERVAL = env_int("KHABAR_SCHEDULER_INTERVAL", 20)

INSTALLED_APPS = [
    "khabar.newsroom",
    "khabar.site",
    "khabar.syndication",
    "khabar.scheduling",
    "khabar.importers",
    "khabar.cache",
    "khabar.search",
    "khabar.api",
    "khabar.readership",
    "khabar.demo",
    "khabar.accounts",
    # django-ninja (the read API): its Swagger UI from its own static
    # files, not from a CDN.
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "wagtail.embeds",
    "wagtail.sites",
    "khabar.newsroom.apps.UsersConfig",  # wagtail.users, with limits
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP and Permissions-Policy; the page cache stores them with each page.
    "khabar.security.middleware.SecurityHeadersMiddleware",
    # WhiteNoise, with hashed static files cached for a year.
    "khabar.cache.staticfiles.StaticFilesMiddleware",
    # Before sessions and auth: a cached page never touches the session.
    "khabar.cache.middleware.PageCacheMiddleware",
    # Old addresses of an imported site: read only when a page would 404.
    "khabar.importers.legacy.LegacyRedirectMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # May this user act on the object an admin URL names? (before any view)
    "khabar.newsroom.admin_guard.AdminObjectGuardMiddleware",
    # Second factor (docs/accounts.md): marks verified sessions, then keeps
    # unverified ones out of the admin.
    "django_otp.middleware.OTPMiddleware",
    "khabar.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # SQLite's "database is locked" answered 503 with a message, not 500.
    "khabar.newsroom.busy.DatabaseBusyMiddleware",
    # Last, as django-axes asks: turns a lockout into the login page's message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "khabar.urls"
WSGI_APPLICATION = "khabar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "khabar.site.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'khabar.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept on SQLite too: opening one costs 1.5 ms, nearly
    # all of it SQLite parsing the schema (about 260 tables and indexes),
    # a fifth of an article page's render.
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while a writer writes; IMMEDIATE makes a
        # writer wait for the lock instead of failing with "database is locked".
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

REDIS_URL = env("REDIS_URL")
KHABAR_CACHE_PREFIX = env("KHABAR_CACHE_PREFIX", "khabar")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, kept in memory while Redis is away (khabar/failover.py).
            "BACKEND": "khabar.cache.redis_cache.FailoverRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": KHABAR_CACHE_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "khabar",
        }
    }

# Readership (docs/readership.md): the view beacon and its counters. Counts
# go to Redis when KHABAR_VIEWS_REDIS_URL (default: REDIS_URL) is set, else
# to an in-process buffer; a flusher moves them into the database.
KHABAR_VIEWS_REDIS_URL = env("KHABAR_VIEWS_REDIS_URL", REDIS_URL)
KHABAR_VIEWS_FLUSHER = env_bool("KHABAR_VIEWS_FLUSHER", True)
KHABAR_VIEWS_FLUSH_INTERVAL = float(env("KHABAR_VIEWS_FLUSH_INTERVAL", "5"))
if KHABAR_VIEWS_FLUSH_INTERVAL <= 0:
    raise ImproperlyConfigured(
        "KHABAR_VIEWS_FLUSH_INTERVAL must be a number of seconds above 0 "
        "(default 5; at most 10 keeps the promise that views reach the "
        "database within 10 s)."
    )
# Views one client address may add to one article in a minute, whatever
# User-Agent it sends (0: no limit; docs/readership.md).
KHABAR_VIEWS_PER_ADDRESS = env_int("KHABAR_VIEWS_PER_ADDRESS", 20)
# Proxies whose X-Forwarded-For is believed: addresses or CIDRs.
KHABAR_TRUSTED_PROXIES = env_list("KHABAR_TRUSTED_PROXIES")

# Code that trades clarity for measured speed (khabar/fast_paths.py).
try:
    KHABAR_FAST_PATHS = fast_paths.parse(env("KHABAR_FAST_PATHS", "on"))
except ValueError as error:
    raise ImproperlyConfigured(f"KHABAR_FAST_PATHS: {error}") from None

# Page cache (docs/caching.md): whole pages, compressed, purged on publish.
KHABAR_PAGE_CACHE = env_bool("KHABAR_PAGE_CACHE", True)
KHABAR_PAGE_CACHE_TTL = env_int("KHABAR_PAGE_CACHE_TTL", 60)
KHABAR_PAGE_CACHE_MAX_MB = env_int("KHABAR_PAGE_CACHE_MAX_MB", 256)
KHABAR_CACHE_MAX_AGE = env_int("KHABAR_CACHE_MAX_AGE", 10)
KHABAR_CACHE_S_MAXAGE = env_int("KHABAR_CACHE_S_MAXAGE", 60)
KHABAR_PURGE_METHOD = env("KHABAR_PURGE_METHOD", "purge").lower()
if KHABAR_PURGE_METHOD not in {"purge", "refresh"}:
    raise ImproperlyConfigured(
        f"KHABAR_PURGE_METHOD is {KHABAR_PURGE_METHOD!r}; use purge (HTTP PURGE: "
        "Varnish, nginx with a purge module) or refresh (the open-source nginx "
        "config in deploy/nginx.conf)."
    )
# Front caches told about changed pages, through Wagtail's backends.
WAGTAILFRONTENDCACHE = {
    f"front-{n}": {
        "BACKEND": (
            "khabar.cache.purge.RefreshBackend"
            if KHABAR_PURGE_METHOD == "refresh"
            else "wagtail.contrib.frontend_cache.backends.HTTPBackend"
        ),
        "LOCATION": url,
    }
    for n, url in enumerate(env_list("KHABAR_PURGE_URLS"))
}
if env("KHABAR_CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("KHABAR_CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("KHABAR_CLOUDFLARE_TOKEN"),
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Day-month-year and the 24-hour clock in the admin (Django's Arabic
# formats leave date-and-time to the English "N j, Y, P").
FORMAT_MODULE_PATH = ["khabar.newsroom.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("KHABAR_TIME_ZONE", "Asia/Damascus")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("KHABAR_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, pre-compressed names for far-future caching; `khabar serve`
    # refuses to start until `khabar collectstatic` has written the manifest.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
# Wagtail's admin takes the token from its pages, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Nothing is framed but Wagtail's preview, whose view sets SAMEORIGIN itself.
X_FRAME_OPTIONS = "DENY"
if env("KHABAR_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Production is https only (docs/deploy.md): plain http is redirected (nginx
# does it first; this covers a server reached without it) and browsers are
# told to use https alone for a year (HSTS, sent on https responses only).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(
    env("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60) if PRODUCTION else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Joining browsers' preload list takes months to undo: the operator's
    # choice (docs/deploy.md), so `check --deploy` need not ask for it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGIN_URL = "wagtailadmin_login"

# Newsroom accounts (docs/accounts.md): sign-in throttling, second factor.
# Axes comes first so that a locked-out attempt is refused before the
# password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "khabar.accounts.throttle.SignInHandler"
AXES_FAILURE_LIMIT = env_int("KHABAR_LOGIN_FAILURE_LIMIT", 5)
KHABAR_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    env("KHABAR_LOGIN_ADDRESS_FAILURE_LIMIT", "30")
)
KHABAR_LOGIN_COOLOFF_MINUTES = env_int("KHABAR_LOGIN_COOLOFF_MINUTES", 15)
AXES_COOLOFF_TIME = dt.timedelta(minutes=KHABAR_LOGIN_COOLOFF_MINUTES)
# One person mistyping behind a shared office address must not lock out
# the whole newsroom: failures count per username *and* address; the
# handler adds a higher ceiling per address against password spraying.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "khabar.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "khabar.accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # sign-ins go to Wagtail's audit log instead
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
WAGTAILADMIN_USER_LOGIN_FORM = "khabar.accounts.forms.LoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "khabar.accounts.forms.PasswordResetForm"
KHABAR_PASSWORD_RESETS_PER_HOUR = env_int("KHABAR_PASSWORD_RESETS_PER_HOUR", 3)
KHABAR_2FA_REQUIRED = env_bool("KHABAR_2FA_REQUIRED", PRODUCTION)
OTP_TOTP_ISSUER = KHABAR_SITE_NAME
OTP_WEBAUTHN_RP_NAME = KHABAR_SITE_NAME
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is the second factor
_base = urlsplit(KHABAR_BASE_URL)
if _base.hostname in {"127.0.0.1", "::1", "localhost"}:
    # Browsers refuse an IP address as a relying party: on a laptop, passkeys
    # work at http://localhost (a secure context, like 127.0.0.1).
    OTP_WEBAUTHN_RP_ID = "localhost"
    OTP_WEBAUTHN_ALLOWED_ORIGINS = [
        f"http://localhost:{_base.port}" if _base.port else "http://localhost"
    ]
else:
    OTP_WEBAUTHN_RP_ID = _base.hostname or "localhost"
    OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"{_base.scheme}://{_base.netloc}"]
    if _base.scheme != "https":
        # Not a secure context: the enrolment page offers no passkeys.
        SILENCED_SYSTEM_CHECKS = [
            *globals().get("SILENCED_SYSTEM_CHECKS", []),
            "otp_webauthn.E031",
        ]

WAGTAIL_SITE_NAME = KHABAR_SITE_NAME
WAGTAILADMIN_BASE_URL = KHABAR_BASE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ar", "العربية"), ("en", "English")]
WAGTAIL_WORKFLOW_ENABLED = True
# The newsroom works in the paper's time zone: one zone, so the account page
# offers no choice (Wagtail's list is 600 English zone names), and "publish
# at 18:00" means the same hour to everyone.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
# The newsroom's browsers contact no outside host either: no avatars from
# Gravatar, no update checks or banners from wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_FINDERS = []  # readers never load third-party embeds
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Width × height (× frames) an upload may have: decoding costs memory in
# proportion (about 120 MB for 40 megapixels), whatever the file's size.
# khabar.security.images also makes Pillow refuse larger images in renditions.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("KHABAR_MAX_IMAGE_PIXELS", 40000000)
WAGTAILIMAGES_IMAGE_FORM_BASE = "khabar.security.images.ImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
# Draftail, answering a form error (not a 500) to text it did not send.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "khabar.newsroom.richtext.RichTextArea"}
}
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "newsroom@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("KHABAR_LOG_LEVEL", "WARNING")},
}
