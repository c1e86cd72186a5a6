"""How often a client or an address may ask for what costs an e-mail or tells about accounts.

Counts live in the cache, in fixed windows: ``hit`` adds one and says whether the limit still
holds. The client is the address django-axes reads (behind a trusted proxy, the one it
forwards: ``TRUSTED_PROXY_COUNT``), so the same address locks out logins and counts here.
While the cache is unreachable (``ciep_portal.cache``) nothing is counted and nothing refused:
availability first, as for the rest of the cache; the outage is logged there.
"""

import hashlib
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache

WINDOW = 3600  # seconds


@dataclass(frozen=True)
class Limit:
    name: str
    setting: str
    default: int

    @property
    def allowed(self) -> int:
        """Read at call time, so that tests and deployments can change it."""
        return getattr(settings, self.setting, self.default)


RESET_PER_ADDRESS = Limit("reset-address", "PASSWORD_RESET_MAX_PER_ADDRESS", 3)
RESET_PER_CLIENT = Limit("reset-client", "PASSWORD_RESET_MAX_PER_CLIENT", 10)
TAKEN_NAMES_PER_CLIENT = Limit("register-taken", "REGISTRATION_MAX_TAKEN_PER_CLIENT", 5)


def client_of(request) -> str:
    return get_client_ip_address(request) or "unknown"


def _key(limit: Limit, subject: str) -> str:
    # Hashed: e-mail addresses are not kept in the cache, and keys stay short whatever is typed.
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:32]
    return f"throttle:{limit.name}:{digest}"


def count(limit: Limit, subject: str) -> int:
    return cache.get(_key(limit, subject), 0)


def hit(limit: Limit, subject: str) -> bool:
    """Count one more; True while the count is within the limit for the current window."""
    key = _key(limit, subject)
    cache.add(key, 0, WINDOW)
    try:
        total = cache.incr(key)
    except ValueError:  # expired between the two calls, or the cache is down
        cache.set(key, 1, WINDOW)
        total = 1
    return total <= limit.allowed


def exhausted(limit: Limit, subject: str) -> bool:
    return count(limit, subject) >= limit.allowed
