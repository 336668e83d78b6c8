"""Settings common to every environment; dev, test and production only override.

Configuration comes from the environment (django-environ): DATABASE_URL, REDIS_URL,
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, EMAIL_URL, ...
"""
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # our apps first so their templates override third-party ones
    "clusterpolisee.core",
    "clusterpolisee.users",
    "partners",
    "workgroups",
    "knowledge",
    "consultations",
    "matchmaking",
    "assessments",  # above partners, workgroups, knowledge and matchmaking
    "strategies",  # above partners, workgroups and consultations; reuses their votes and comments
    "notifications",  # reads the activity the feature apps record, so it comes after them
    "api",  # the REST API over the apps' selectors and services
    # django (modeltranslation before the admin, whose forms it extends)
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guardian",
    "rules.apps.AutodiscoverRulesConfig",  # loads each app's rules.py (derived permissions)
    # wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # the rest
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "health_check",  # /healthz/ (its templates)
]

MIDDLEWARE = [
    "clusterpolisee.core.request_id.RequestIdMiddleware",  # first: every log line has the id
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "clusterpolisee.users.middleware.SessionIdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # anonymous GETs answered from the shared page cache before anything else runs
    "clusterpolisee.core.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "clusterpolisee.users.middleware.UserLanguageMiddleware",
    "clusterpolisee.users.zones.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clusterpolisee.core.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "clusterpolisee.users.middleware.AdminAccessMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last: a logged-in user's GET of an HTML page, kept for their session (page_cache.py)
    "clusterpolisee.core.page_cache.UserPageCacheMiddleware",
]

# --- Content-Security-Policy (django-csp): this origin only, no inline code on the
# product's pages; the back offices (Wagtail, Django admin) also need inline code.
_CSP_COMMON = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    **_CSP_COMMON, "script-src": ["'self'"], "style-src": ["'self'"]}}
CONTENT_SECURITY_POLICY_BACK_OFFICE = {"DIRECTIVES": {
    **_CSP_COMMON, "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"], "img-src": ["'self'", "data:", "blob:"]}}

ROOT_URLCONF = "clusterpolisee.urls"
WSGI_APPLICATION = "clusterpolisee.wsgi.application"

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
                "clusterpolisee.core.context_processors.portal",
                "notifications.context_processors.notifications",
                "matchmaking.context_processors.matchmaking",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache: Redis when REDIS_URL is set (login rate limits must be shared between
# workers), local memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="cps"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- users and login (django-allauth) -------------------------------------------------
AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    # derived permissions (predicates in each app's rules.py) are asked first
    "rules.permissions.ObjectPermissionBackend",
    "clusterpolisee.users.backends.AuthenticationBackend",
]
# django-guardian keeps the explicit grants (a reviewer assigned to an assessment, a co-editor
# named on a strategy) but is not an authentication backend: the rules that honour a grant
# read it themselves (ObjectPermissionChecker), so a refused permission costs no guardian
# queries on every has_perm, and a grant counts only where a rule says it does.
SILENCED_SYSTEM_CHECKS = ["guardian.W001"]  # "guardian backend not in AUTHENTICATION_BACKENDS"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "landing"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "clusterpolisee.users.adapters.AccountAdapter"
# Outside organisations sign up as stakeholders (e-mail verified, then approved by a
# platform admin or WG coordinator); partner staff join through invitations.
ACCOUNT_ALLOW_SIGNUPS = env.bool("ACCOUNT_ALLOW_SIGNUPS", default=True)
ACCOUNT_SIGNUP_FORM_CLASS = "clusterpolisee.users.forms.StakeholderSignupForm"
# 10 failed logins per account in 15 minutes: the 11th attempt is locked out.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "30/15m/ip,10/15m/key",
}
# Behind N reverse proxies (docs/deploy.md), the client's address is the N-th from the
# right in X-Forwarded-For: the per-IP login limit then counts each client, not the proxy
# (with 0, every request would seem to come from the proxy and one bad client could lock
# everybody out). 0 means no proxy: REMOTE_ADDR is the client.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ClusterPoliSEE"
# Wagtail's own login is replaced by allauth so that MFA and rate limits apply there too.
WAGTAILADMIN_LOGIN_URL = "account_login"

# Whole pages for visitors without a session, shared by every instance through the cache
# and invalidated by any write to the portal's data (core/page_cache.py); 0 turns it off.
ANONYMOUS_PAGE_CACHE_SECONDS = env.int("ANONYMOUS_PAGE_CACHE_SECONDS", default=300)
# Per-user fragments (the dashboard's "needs you" and activity, a WG's activity), keyed by
# the same generation; at most this old, for what changes with time alone ("due in 2 days")
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=120)
# Whole pages of a logged-in user's session, keyed by the same generation and one of the
# user's own (their notifications, their write requests); 0 turns it off.
USER_PAGE_CACHE_SECONDS = env.int("USER_PAGE_CACHE_SECONDS", default=120)
# A user's model permissions, kept until a change of users, groups or permissions
# (users/backends.py); 0 asks the database on each request.
USER_PERMISSIONS_CACHE_SECONDS = env.int("USER_PERMISSIONS_CACHE_SECONDS", default=3600)

# Sessions end after two idle hours. A session is written again when its last write is
# five minutes old (users/middleware.py: SessionIdleTimeoutMiddleware), not on every
# request; it is read from the cache and written through to the database.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = 5 * 60
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# --- i18n ---------------------------------------------------------------------------
# The project's fact sheet (shared/DOMAIN.md): its total budget, shown on the home page
PROJECT_BUDGET_EUR = 5186352

LANGUAGE_CODE = "en"
# The partnership's languages (English first: the project's working language and the
# fallback of every translated label and page); each catalogue is complete
# (tests/core/test_i18n.py). Serbian is offered in both scripts: Cyrillic is the official one,
# Latin is what many readers use online; the Latin catalogue is transliterated from the
# Cyrillic one (`manage.py transliterate_serbian`, run by `make messages`).
LANGUAGES = [
    ("en", _("English")), ("bg", _("Bulgarian")), ("de", _("German")), ("el", _("Greek")),
    ("hr", _("Croatian")), ("hu", _("Hungarian")), ("it", _("Italian")), ("ro", _("Romanian")),
    ("sk", _("Slovak")), ("sl", _("Slovenian")), ("sq", _("Albanian")),
    ("sr", _("Serbian (Cyrillic)")), ("sr-latn", _("Serbian (Latin)")),
]
# Dates, times and numbers as each language writes them: Django's formats, corrected where
# they fall short (24-hour clocks, genitive months, the year's marker) in clusterpolisee/formats
FORMAT_MODULE_PATH = ["clusterpolisee.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True
# Translated pages: each language has its own copy of the page tree (wagtail.locales,
# copies made with simple_translation); Wagtail serves the tree of the reader's language
# and falls back to the original where a page has no translation.
# Seeded and editor-managed labels (WG, WP, stage, committee, theme, instrument, NACE-sector,
# deliverable and assessment-framework names) get one column per language; English is the
# fallback of every one; each app's translation.py names the fields.
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_REQUIRED_LANGUAGES = ("en",)
# a row made with a plain value, in whatever language is active, gets it as its English text
MODELTRANSLATION_AUTO_POPULATE = "default"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Partner documents: outside MEDIA_ROOT and never served by URL, only through the
# permission-checking download view.
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    # public media, except Wagtail's documents/ which go to "private" (core.storage)
    "default": {"BACKEND": "clusterpolisee.core.storage.MediaStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/no-public-url/"}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Object storage: STORAGE_BACKEND=s3 keeps every file in one S3-compatible bucket (AWS S3,
# MinIO, moto), so several web instances and redeploys share them: public media under
# media/, private files under private/. Private objects never get a URL; the
# permission-checking views stream them (docs/deploy.md, "Object storage").
STORAGE_BACKEND = env("STORAGE_BACKEND", default="filesystem")
if STORAGE_BACKEND == "s3":
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)  # MinIO, moto
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID", default=None)  # else boto3's own lookup
    AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", default=None)
    AWS_DEFAULT_ACL = None  # the bucket's policy decides; objects are not public by default
    AWS_S3_FILE_OVERWRITE = False  # a second upload of a name gets a new name, as on disk
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    # Public media (images, logos) by signed URLs from a private bucket unless a public
    # domain (a CDN, or a bucket policy making media/ readable) is given.
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_QUERYSTRING_AUTH = env.bool("AWS_QUERYSTRING_AUTH", default=not AWS_S3_CUSTOM_DOMAIN)
    AWS_QUERYSTRING_EXPIRE = env.int("AWS_QUERYSTRING_EXPIRE", default=6 * 60 * 60)
    STORAGES["default"] = {"BACKEND": "clusterpolisee.core.storage.S3MediaStorage",
                           "OPTIONS": {"location": "media"}}
    STORAGES["private"] = {"BACKEND": "clusterpolisee.core.storage.S3PrivateStorage",
                           "OPTIONS": {"location": "private", "querystring_auth": True,
                                       "custom_domain": None}}
elif STORAGE_BACKEND != "filesystem":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("STORAGE_BACKEND is 'filesystem' (the default) or 's3'.")
# Partner logos: small images only.
LOGO_MAX_BYTES = env.int("LOGO_MAX_BYTES", default=2 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
INVITATION_MAX_AGE_DAYS = env.int("INVITATION_MAX_AGE_DAYS", default=14)
WORKSPACE_PAGE_SIZE = 25

# --- e-mail -----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL",
                         default="ClusterPoliSEE <noreply@clusterpolisee.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "ClusterPoliSEE"
# A STAB member (no CMS rights) ends the good-practice workflow with the expert opinion;
# see knowledge.workflow_finish.
WAGTAIL_FINISH_WORKFLOW_ACTION = "knowledge.workflow_finish.publish_workflow_state"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# how long the library keeps an answer (count, page, facets) at most; changes clear it
LIBRARY_CACHE_SECONDS = env.int("LIBRARY_CACHE_SECONDS", default=600)
# Documents are served by Wagtail's view after knowledge.wagtail_hooks asked for access,
# never by a redirect to the storage's own URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# --- guardian: no anonymous user row, object permissions only for real users -------------
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

# --- celery -----------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# two stacks on one Redis (staging beside production, CI's smoke) keep their own queue
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True

# --- consultations ------------------------------------------------------------------------
CONSULTATION_COMMENT_MAX_CHARS = env.int("CONSULTATION_COMMENT_MAX_CHARS", default=10_000)
CONSULTATION_COMMENTS_PER_MINUTE = env.int("CONSULTATION_COMMENTS_PER_MINUTE", default=5)
CONSULTATION_EDIT_WINDOW_MINUTES = env.int("CONSULTATION_EDIT_WINDOW_MINUTES", default=15)
CONSULTATION_ATTACHMENT_MAX_BYTES = env.int("CONSULTATION_ATTACHMENT_MAX_BYTES",
                                            default=20 * 1024 * 1024)
# --- matchmaking: the working group whose coordinators moderate and broker it ---------
MATCHMAKING_WORKING_GROUP = env("MATCHMAKING_WORKING_GROUP", default="WG3")
MATCHMAKING_SUGGESTIONS = 10  # how many suggestions an opportunity page shows

# --- project data -----------------------------------------------------------------------
PROJECT_START = "2012-05-01"
PROJECT_END = "2014-10-30"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "clusterpolisee.core.request_id.RequestIdFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# --- REST API (api/): see docs/api.md -----------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # the browser, with CSRF
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttles.TokenRateThrottle",
                                 "api.throttles.IpRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env("API_RATE_PER_TOKEN", default="1000/hour"),
                               "ip": env("API_RATE_PER_IP", default="2000/hour")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
    # JSON only: /api/docs/ is the browsable documentation
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ClusterPoliSEE API",
    "DESCRIPTION": "Read the partnership's public and shared data, and write where a partner "
                   "system would. Every answer is scoped by the same rules as the pages: "
                   "what you may not see answers 404. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",  # Swagger UI from our own static files, no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["api.schema.only_the_platform_api"],
}
# seconds between the first change of public data and the open-data rebuild
OPEN_DATA_DEBOUNCE_SECONDS = env.int("OPEN_DATA_DEBOUNCE_SECONDS", default=120)
