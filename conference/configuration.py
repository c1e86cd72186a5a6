"""The organizers' configuration, cached: read on every unit's page, changed a few times a day.

Pieces of it (the working calendar, an edition's published calls) are kept in Django's cache
under the token of ``ConfigurationVersion``. Every save, delete and many-to-many change of the
rows they are built from writes a new token in the same transaction (the receivers ``watch``
connects), so the first request after the commit reads the new token (one query) and builds
the piece afresh. Writes that send no signals — ``QuerySet.update()``, ``bulk_create()``, raw
SQL — on a watched model must call ``configuration_changed()`` themselves.

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
from django.db.models.signals import m2m_changed, post_delete, post_save

from conference.models import ConfigurationVersion

T = TypeVar("T")
ROW = 1
MISSING = object()
# Entries under an old token are never read again: let them expire rather than pile up.
TIMEOUT = 3600


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
        key = f"configuration:{self.version}:{django.get_version()}:{name}"
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


def _relation_changed(action: str, **_signal) -> None:
    if action.startswith("post_"):
        configuration_changed()


def watch(rows: Iterable[type[models.Model]], relations: Iterable[type[models.Model]] = ()):
    """Write a new token whenever a row of ``rows`` or a link of ``relations`` (many-to-many
    through models) changes."""
    for model in rows:
        post_save.connect(configuration_changed, sender=model)
        post_delete.connect(configuration_changed, sender=model)
    for through in relations:
        m2m_changed.connect(_relation_changed, sender=through)
