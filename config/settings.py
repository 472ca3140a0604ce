"""Padu settings: every value comes from the environment (see `.env.example`).

The defaults give a working single-machine install on SQLite; production sets
DEBUG off, a real SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
# Key for personal-data encryption (NIK, No. KK, answers to NIK questions) and the keyed
# hashes that find them. Required when DEBUG is off; with DEBUG on it defaults to SECRET_KEY
# (development only; `padu check --deploy` reports it).
PADU_DATA_KEY = env.str("PADU_DATA_KEY", default="")
if not PADU_DATA_KEY:
    if not DEBUG:
        raise environ.ImproperlyConfigured(
            "PADU_DATA_KEY must be set when DEBUG is off: it encrypts every NIK and No. KK. Generate one with "
            '`python3 -c "import secrets; print(secrets.token_urlsafe(32))"`, keep it apart from SECRET_KEY and '
            "back it up (without it no stored NIK can be read again). An installation that ran without it "
            "encrypted with SECRET_KEY: set PADU_DATA_KEY to that same value (docs/operators.md, section 4)."
        )
    PADU_DATA_KEY = SECRET_KEY

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
PADU_SITE_URL = env.str("PADU_SITE_URL", default="http://127.0.0.1:8000")
# Who runs this installation: named on the contact, privacy and accessibility statements.
PADU_OPERATOR_NAME = env.str("PADU_OPERATOR_NAME", default="Pengelola Padu")
PADU_CONTACT_EMAIL = env.str("PADU_CONTACT_EMAIL", default="")
PADU_CONTACT_PHONE = env.str("PADU_CONTACT_PHONE", default="")
PADU_CONTACT_ADDRESS = env.str("PADU_CONTACT_ADDRESS", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "ninja",  # serves the API docs (Swagger UI) from our own static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "padu.core",
    "padu.accounts",
    "padu.notify",
    "padu.billing",
    "padu.services",
    "padu.registries",
    "padu.complaints",
    "padu.information",
    "padu.ppid",
    "padu.publications",
    "padu.documents",
    "padu.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "padu.core.web.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "padu.accounts.middleware.StaffMfaMiddleware",
    "padu.core.web.errors.DomainErrorsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The portal's overrides of django-allauth's templates must win over allauth's own,
        # which come first by app order.
        "DIRS": [BASE_DIR / "padu" / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "padu.portal.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default, PostgreSQL through DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'padu.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
            # instead of failing mid-transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str("PADU_TEST_SQLITE", default="")
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if not DATABASES["default"].get("TEST", {}).get("NAME"):
    DATABASES["default"].get("TEST", {}).pop("NAME", None)

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://padu")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "padu.core.cache.RedisCache"  # the same, keeping its Redis client
# Sessions are read from the cache and kept in the database too (a signed-in page costs no
# session query; a cache flush signs no one out).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Bahasa Indonesia first; UTC in the database, shown per agency.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "padu" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploads: refuse oversize bodies before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
# Uploads and signed letters hold personal data: readable by Padu's own user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Background work: Django's task API on the database backend (`padu worker`).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# E-mail
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Padu <noreply@localhost>")

# Notifications: SMS and WhatsApp through HTTP gateways (POST {to, text, reference}, bearer token);
# gateways report delivery to /api/v1/notify/callback/<channel>, signed with the callback secret.
NOTIFY_SMS_URL = env.str("NOTIFY_SMS_URL", default="")
NOTIFY_SMS_TOKEN = env.str("NOTIFY_SMS_TOKEN", default="")
NOTIFY_WHATSAPP_URL = env.str("NOTIFY_WHATSAPP_URL", default="")
NOTIFY_WHATSAPP_TOKEN = env.str("NOTIFY_WHATSAPP_TOKEN", default="")
NOTIFY_CALLBACK_SECRET = env.str("NOTIFY_CALLBACK_SECRET", default="")
NOTIFY_GATEWAY_TIMEOUT = env.float("NOTIFY_GATEWAY_TIMEOUT", default=10.0)

# Security: on whenever DEBUG is off, each switch overridable for a TLS-terminating proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The API docs page (Swagger UI) ships its own inline script and styles.
CONTENT_SECURITY_POLICY_EXCLUDE_URL_PREFIXES = ("/api/v1/docs",)

# Accounts: django-allauth (email or phone login, verification, MFA) and django-axes.
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:account"
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_PHONE_VERIFICATION_ENABLED = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_ADAPTER = "padu.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "padu.accounts.forms.SignupForm"}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip,10/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Padu"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
# Lock an account from one address; allauth's rate limit ("10/5m/key") slows guessing
# one account from many addresses without letting strangers lock a citizen out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "padu.accounts.adapter.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "login"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_VERBOSE = env.bool("AXES_VERBOSE", default=False)

# Counter look-up of citizens by NIK: at most LIMIT look-ups per officer in WINDOW seconds
# (a fixed window in the cache), so that no one can walk through NIKs; an officer may open an
# assisted application for a citizen they found for VALID_HOURS after the look-up.
PADU_CITIZEN_LOOKUP_LIMIT = env.int("PADU_CITIZEN_LOOKUP_LIMIT", default=20)
PADU_CITIZEN_LOOKUP_WINDOW = env.int("PADU_CITIZEN_LOOKUP_WINDOW", default=600)
PADU_CITIZEN_LOOKUP_VALID_HOURS = env.int("PADU_CITIZEN_LOOKUP_VALID_HOURS", default=8)

# Satisfaction survey (SKM): an index is published once a period has the Krejcie-Morgan sample
# for its completed applications (PermenPANRB 14/2017), and never from fewer answers than this.
PADU_SKM_MIN_RESPONSES = env.int("PADU_SKM_MIN_RESPONSES", default=10)

# Population statistics: no published cell counts fewer residents than this (shown as "< 5"),
# so nobody can be singled out (UU 27/2022 on personal data).
PADU_STATS_MIN_CELL = env.int("PADU_STATS_MIN_CELL", default=5)

# Documents: signing keys (PEM or PKCS#12 files; empty = the development PKI in PADU_PKI_DIR)
PADU_PKI_DIR = Path(env.str("PADU_PKI_DIR", default=str(BASE_DIR / ".pki")))
PADU_SIGNING_KEY = env.str("PADU_SIGNING_KEY", default="")
PADU_SIGNING_CERT = env.str("PADU_SIGNING_CERT", default="")
PADU_SIGNING_CHAIN = env.str("PADU_SIGNING_CHAIN", default="")
PADU_SIGNING_KEY_PASSPHRASE = env.str("PADU_SIGNING_KEY_PASSPHRASE", default="")
# A PKCS#11 token (HSM, BSrE-style smart card): when the module is set, the key and its
# certificate (both labelled PADU_SIGNING_PKCS11_KEY_LABEL) on the token are used instead of files.
PADU_SIGNING_PKCS11_MODULE = env.str("PADU_SIGNING_PKCS11_MODULE", default="")
PADU_SIGNING_PKCS11_TOKEN = env.str("PADU_SIGNING_PKCS11_TOKEN", default="")
PADU_SIGNING_PKCS11_PIN = env.str("PADU_SIGNING_PKCS11_PIN", default="")
PADU_SIGNING_PKCS11_KEY_LABEL = env.str("PADU_SIGNING_PKCS11_KEY_LABEL", default="")
PADU_DOCUMENT_MAX_UPLOAD = env.int("PADU_DOCUMENT_MAX_UPLOAD", default=10_485_760)

# API
PADU_API_MAX_BODY = env.int("PADU_API_MAX_BODY", default=1_048_576)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
