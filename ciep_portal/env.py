"""Reading settings from the environment, loudly.

django-environ parses URLs and lists; booleans are parsed here because ``Env.bool`` turns any
unknown word ("ture", "yes please") into False without a word. A typo in a production
environment must stop the process, not quietly switch a protection off (healthchecks'
``envbool`` does the same).
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}

env = environ.Env()
# A .env file beside manage.py, if any; real environment variables win over it.
_DOTENV = Path(__file__).resolve().parent.parent / ".env"
if _DOTENV.is_file():
    environ.Env.read_env(_DOTENV, overwrite=False)


def env_bool(name: str, default: bool) -> bool:
    raw = env.str(name, default="").strip().lower()
    if raw == "":
        return default
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean; use one of {sorted(TRUE_WORDS | FALSE_WORDS)}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = env.str(name, default="").strip()
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum {minimum}")
    return value


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = env.str(name, default=default).strip()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {sorted(choices)}")
    return value


def env_str(name: str, default: str) -> str:
    """A string setting; set-but-empty counts as unset, as shells and .env files produce it."""
    return env.str(name, default="").strip() or default


SUPPORTED_DATABASES = {"sqlite", "postgres", "postgresql", "pgsql"}


def env_database(name: str, default: str) -> dict:
    url = env_str(name, default)
    scheme = url.split(":", 1)[0]
    if scheme not in SUPPORTED_DATABASES:
        raise ImproperlyConfigured(
            f"{name} scheme {scheme!r} is not supported; use sqlite:///PATH or postgres://…"
        )
    return environ.Env.db_url_config(url)


def env_cache(name: str) -> dict:
    """The default cache: local memory when unset; a Redis address goes through
    ``ciep_portal.cache.ResilientRedisCache``, so that a Redis outage costs speed, not pages."""
    url = env_str(name, "")
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    config = environ.Env.cache_url_config(url)
    if config["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        config["BACKEND"] = "ciep_portal.cache.ResilientRedisCache"
    return config


def trusted_proxy_settings(count: int) -> dict:
    """django-axes' client-address settings (``AXES_IPWARE_*``, read by python-ipware) for
    ``count`` reverse proxies in front of the portal.

    Behind a proxy every request comes from the proxy's address, and lock-out is keyed on
    (user name, client address): five wrong passwords from anyone would lock the real user out.
    Each proxy appends the address it saw to X-Forwarded-For (nginx:
    ``$proxy_add_x_forwarded_for``), so the client is the ``count``-th entry from the right;
    entries further left were written by the client itself and are never trusted. With no
    proxy (0), REMOTE_ADDR alone, and a client's X-Forwarded-For is ignored.
    """
    if count == 0:
        return {"AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",)}
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR",),
        "AXES_IPWARE_PROXY_ORDER": "left-most",  # the standard order: client first
        # python-ipware counts the proxies listed in the header; the last proxy is REMOTE_ADDR.
        "AXES_IPWARE_PROXY_COUNT": count - 1,
        # A header the client filled in already is longer: still read from the right.
        "IPWARE_STRICT": False,
    }
