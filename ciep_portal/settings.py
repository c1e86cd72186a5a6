"""Settings of the CIEP materials portal, read from the environment.

The defaults are the embedded set-up that ``make run`` serves: SQLite under ``var/``, Celery
tasks run in-process, e-mail printed to the console, media on local disk. Production sets
``DEBUG=false``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL`` and ``CELERY_BROKER_URL``
(README, "Past one machine"). A value that cannot be read stops start-up with its name.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ciep_portal.env import (
    env,
    env_bool,
    env_cache,
    env_choice,
    env_database,
    env_int,
    env_str,
    trusted_proxy_settings,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false")
    SECRET_KEY = "embedded-development-only-key-never-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute address of the portal, used in e-mails sent from workers (no request there).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # The admin signs in through the portal's two steps (accounts/two_factor/admin_site.py).
    "accounts.two_factor.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Widget templates come from TEMPLATES (FORM_RENDERER below), Django's own from here.
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "units",
    "conference",
    "uploads",
    "submissions",
    "achievements",
    "exhibitors",
    "publication",
    "matching",
    "notices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication: which device verified this session, then what the user may reach.
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ciep_portal.urls"
WSGI_APPLICATION = "ciep_portal.wsgi.application"
ASGI_APPLICATION = "ciep_portal.asgi.application"

# Widgets render through TEMPLATES, so templates/ may override a widget's template (the
# admin's split date/time widget labels its two inputs: templates/admin/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "conference.context_processors.current_edition",
                "accounts.context_processors.roles",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded server has web requests and in-process tasks writing at once: WAL and
    # IMMEDIATE transactions turn "database is locked" errors into short waits.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", default=60, minimum=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env_cache("CACHE_URL")}

# --- Accounts ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Per hour (accounts.throttles): reset e-mails to one address, reset requests from one client,
# registrations from one client naming a user name or e-mail already in use.
PASSWORD_RESET_MAX_PER_ADDRESS = env_int("PASSWORD_RESET_MAX_PER_ADDRESS", default=3, minimum=1)
PASSWORD_RESET_MAX_PER_CLIENT = env_int("PASSWORD_RESET_MAX_PER_CLIENT", default=10, minimum=1)
REGISTRATION_MAX_TAKEN_PER_CLIENT = env_int(
    "REGISTRATION_MAX_TAKEN_PER_CLIENT", default=5, minimum=1
)

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", default=15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_VERBOSE = False
# Behind reverse proxies lock-out is keyed on the client's address from X-Forwarded-For,
# counting TRUSTED_PROXY_COUNT proxies from the right (ciep_portal.env.trusted_proxy_settings).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0, minimum=0)
vars().update(trusted_proxy_settings(TRUSTED_PROXY_COUNT))

# --- Two-factor sign-in (accounts/two_factor/) --------------------------------------------
# Organizers, reviewers and every account that reaches the admin sign in with a TOTP code (or a
# one-time recovery code) after the password; liaisons and exhibitors may opt in. Off by default
# in the embedded set-up only, so that the demo accounts sign in by password alone.
OTP_REQUIRED_FOR_STAFF = env_bool("OTP_REQUIRED_FOR_STAFF", default=not DEBUG)
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "CIEP")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Wrong codes are counted by django-axes with wrong passwords; the code is not kept in its log.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]  # django-axes default + code

# --- Internationalization --------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Country names as a Chinese government portal writes them: Taiwan, Hong Kong and Macao are
# regions of China, and django-countries' Chinese catalogue misspells a few names (尼珀尔,
# 塔吉克斯斯坦, 博兹瓦纳) and gives Samoa the name of American Samoa.
COUNTRIES_OVERRIDE = {
    "TW": _("中国台湾"),
    "HK": _("中国香港"),
    "MO": _("中国澳门"),
    "NP": _("尼泊尔"),
    "TJ": _("塔吉克斯坦"),
    "BW": _("博茨瓦纳"),
    "WS": _("萨摩亚"),
    "AS": _("美属萨摩亚"),
}
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing one
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded files are never served from a public URL; see submissions' download views.
MEDIA_URL = "/protected-media/"
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", default="local", choices={"local", "s3"})
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    # Files are fsynced before their rows commit (ciep_portal/storage.py).
    "default": {"BACKEND": "ciep_portal.storage.DurableFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
        # Public files, read by nginx's own user: not FILE_UPLOAD_PERMISSIONS (0640), which
        # would otherwise apply to collectstatic's copies too.
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Behind nginx, file downloads are handed to it: the internal location that maps to MEDIA_ROOT
# (e.g. "/protected-media/"; README shows the nginx block). Empty: Django streams the file.
X_ACCEL_REDIRECT_PREFIX = env_str("X_ACCEL_REDIRECT_PREFIX", "")
# Large uploads stream to a temporary file on the media file system, so moving the finished
# file into place is a rename, not a copy (and never a copy through memory).
FILE_UPLOAD_TEMP_DIR = Path(env.str("FILE_UPLOAD_TEMP_DIR", default=str(MEDIA_ROOT / "tmp")))
FILE_UPLOAD_TEMP_DIR.mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "uploads.handlers.MemoryChunkedUploadHandler",
    "uploads.handlers.TemporaryChunkedUploadHandler",
]
# The largest single file (a video) a resumable upload accepts.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", default=4 * 1024**3, minimum=1)
# What one user may hold in resumable uploads not yet submitted (unfinished or finished), and
# the free space the disk keeps beyond what every open upload has declared (uploads.services).
UPLOAD_MAX_OPEN_PER_USER = env_int("UPLOAD_MAX_OPEN_PER_USER", default=10, minimum=1)
UPLOAD_MAX_OPEN_BYTES_PER_USER = env_int(
    "UPLOAD_MAX_OPEN_BYTES_PER_USER", default=12 * 1024**3, minimum=1
)
UPLOAD_DISK_RESERVE_BYTES = env_int("UPLOAD_DISK_RESERVE_BYTES", default=2 * 1024**3, minimum=0)
# Uploads are readable by their owner and group only: in production MEDIA_ROOT belongs to the
# web server's group with the set-group-ID bit (README), so nginx (X-Accel-Redirect) reads them.
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CIEP 大会组委会 <noreply@ciep.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery --------------------------------------------------------------------------------------
# Without a broker the embedded set-up runs every task in-process, right after the commit
# that enqueued it. With CELERY_BROKER_URL set, separate `celery worker` processes do.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool(
    "CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://"
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", default=120, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", default=180, minimum=1)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# When the broker is down, sending gives up quickly instead of holding the request; the
# sweepers find the work again (ciep_portal.queue).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-checks": {"task": "submissions.requeue_stuck_checks", "schedule": 300.0},
    "purge-stale-uploads": {"task": "uploads.purge_stale_uploads", "schedule": 3600.0},
    "send-due-reminders": {"task": "submissions.send_due_reminders", "schedule": 900.0},
    "sweep-orphan-files": {"task": "submissions.sweep_orphan_files", "schedule": 6 * 3600.0},
}
# A visibility timeout longer than the longest task, so Redis redelivers only lost work.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

# --- Forms and pages -------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Django 6 behaviour now: a web address typed without a scheme is taken as https://.
FORMS_URLFIELD_ASSUME_HTTPS = True
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Security -----------------------------------------------------------------------------------
# Every toggle is an environment value; its default follows DEBUG, so the embedded set-up
# runs over plain HTTP and production is safe unless told otherwise.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
