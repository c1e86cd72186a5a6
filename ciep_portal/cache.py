"""A Redis cache whose outage costs speed, not availability.

Django's ``RedisCache`` raises ``redis.ConnectionError`` from every ``cache.get`` while Redis is
down, so every page that reads the cached configuration answered 500 for the outage. The cache
only ever holds what can be rebuilt from the database (``conference.configuration``) or counts
that may restart from zero (rate limits), so while Redis cannot be reached this backend behaves
as an empty cache that forgets what it is given: reads miss, writes are dropped, and callers
read through to the database.

The first failure is logged once (a warning with the error); for ``RETRY_AFTER`` seconds after
it no request waits for Redis again, and then the next call tries it. The first call that
succeeds logs that the cache is back. The state is per process and per cache address.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds without trying Redis after a failure: long enough that an outage costs one timeout
# per process and period, short enough that the cache is back soon after Redis is.
RETRY_AFTER = 10.0
# Connecting to and reading from Redis gives up after this long (a host that does not answer
# would otherwise hold each request for the operating system's TCP timeout).
SOCKET_TIMEOUT = 0.5

_lock = threading.Lock()
_down_until: dict[str, float] = {}  # cache address -> monotonic time of the next attempt


class CacheUnavailable(Exception):
    """Redis is down; raised inside this module only."""


def _missing_counter(key):
    # Django's contract for incr/decr of a key that is not there.
    raise ValueError(f"Key '{key}' not found")


# What each operation answers while Redis is down: what it would answer on an empty cache.
_WHEN_DOWN = {
    "get": lambda key, default=None, version=None: default,
    "get_many": lambda keys, version=None: {},
    "has_key": lambda key, version=None: False,
    "set": lambda *args, **kwargs: None,
    "add": lambda *args, **kwargs: False,
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "set_many": lambda data, *args, **kwargs: list(data),
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda: False,
    "incr": lambda key, delta=1, version=None: _missing_counter(key),
    "decr": lambda key, delta=1, version=None: _missing_counter(key),
}


def _guarded(name):
    parent = getattr(RedisCache, name)
    when_down = _WHEN_DOWN[name]

    def method(self, *args, **kwargs):
        try:
            return self._through(parent, *args, **kwargs)
        except CacheUnavailable:
            return when_down(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = parent.__doc__
    return method


class ResilientRedisCache(RedisCache):
    """``RedisCache`` that degrades to an empty cache while Redis is unreachable."""

    def __init__(self, server, params):
        params = {**params}
        options = {**params.get("OPTIONS", {})}
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._address = ",".join(self._servers)

    def _through(self, operation, *args, **kwargs):
        if _down_until.get(self._address, 0.0) > time.monotonic():
            raise CacheUnavailable
        try:
            result = operation(self, *args, **kwargs)
        except (RedisError, OSError) as error:
            self._went_down(error)
            raise CacheUnavailable from error
        if self._address in _down_until:
            self._came_back()
        return result

    def _went_down(self, error) -> None:
        with _lock:
            first = self._address not in _down_until
            _down_until[self._address] = time.monotonic() + RETRY_AFTER
        if first:
            logger.warning(
                "Cache %s unreachable (%s: %s); reading through to the database, retrying "
                "every %d s",
                self._address,
                type(error).__name__,
                error,
                RETRY_AFTER,
            )

    def _came_back(self) -> None:
        with _lock:
            was_down = _down_until.pop(self._address, None) is not None
        if was_down:
            logger.warning("Cache %s reachable again", self._address)


for _name in _WHEN_DOWN:
    setattr(ResilientRedisCache, _name, _guarded(_name))
