"""The organizers' configuration, cached: read on every unit's page, changed a few times a day.

Pieces of it (the working calendar, an edition's published calls) are kept in Django's cache
under the token of ``ConfigurationVersion``. Every save, delete and many-to-many change of the
rows they are built from writes a new token in the same transaction (the receivers ``watch``
connects), so the first request after the commit reads the new token (one query) and builds
the piece afresh. Writes that send no signals — ``QuerySet.update()``, ``bulk_create()``, raw
SQL — on a watched model must call ``configuration_changed()`` themselves.

The token is written before each write and again after it. After: outside a transaction the
row is saved on its own, and a page read between a token written first and the row would
cache the old row under the new token. Before: in a transaction, the token row is then the
first lock an edit takes, so two edits at once queue on it; were it taken only after each row,
an edit holding a requirement could wait for the token held by one that needs the
requirement next (a deadlock on PostgreSQL).

Signals, although the house keeps rules out of them: invalidation has to follow every path an
edit can take (admin, seed commands, shell, services), and it decides nothing.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import django
from django.core.cache import cache
from django.db import models
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)

from conference.models import ConfigurationVersion

T = TypeVar("T")
ROW = 1
MISSING = object()
# Entries under an old token are never read again: let them expire rather than pile up.
TIMEOUT = 3600
# The shape of what is cached (e.g. submissions.selectors.published.PublishedCall): raise with it.
CACHE_SCHEMA = 1


@dataclass(frozen=True)
class Configuration:
    """The configuration at one version; ``cached`` reads a piece of it, built on a miss."""

    version: str

    @classmethod
    def current(cls) -> "Configuration":
        token = ConfigurationVersion.objects.filter(pk=ROW).values_list("token", flat=True).first()
        if token is None:  # a new database, or one emptied by a test
            token = ConfigurationVersion.objects.get_or_create(pk=ROW)[0].token
        return cls(version=token.hex)

    def cached(self, name: str, build: Callable[[], T]) -> T:
        """``build()``'s value, from the cache if built at this version already.

        Every cache backend pickles, so each call returns objects of its own to change.
        """
        # Model instances pickled by another Django version warn when read: not shared.
        # CACHE_SCHEMA: raise it when a cached shape changes, so a deploy never reads the old.
        key = f"configuration:{CACHE_SCHEMA}:{self.version}:{django.get_version()}:{name}"
        value = cache.get(key, MISSING)
        if value is MISSING:
            value = build()
            cache.set(key, value, TIMEOUT)
        return value


def configuration_changed(**_signal) -> None:
    """Write a new token: nothing cached before this change is read again."""
    token = uuid.uuid4()
    if not ConfigurationVersion.objects.filter(pk=ROW).update(token=token):
        ConfigurationVersion.objects.update_or_create(pk=ROW, defaults={"token": token})


def watch(rows: Iterable[type[models.Model]], relations: Iterable[type[models.Model]] = ()):
    """Write a new token before and after every change to a row of ``rows`` or a link of
    ``relations`` (many-to-many through models)."""
    for model in rows:
        for signal in (pre_save, post_save, pre_delete, post_delete):
            signal.connect(configuration_changed, sender=model)
    for through in relations:
        m2m_changed.connect(configuration_changed, sender=through)
