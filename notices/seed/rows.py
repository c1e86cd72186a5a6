"""Writing seed rows so that a loader can run any number of times.

Each row is found by its natural key (a code, a number, a name within its parent), created
when missing and otherwise brought up to the seed's values. A row is saved only when a value
differs, so re-running a loader adds no history entries, and every write goes through
``full_clean`` so that a mistake in a seed table fails as loudly as it would in the admin.
"""

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def upsert(model: type[M], *, lookup: dict, values: dict) -> M:
    """The row of ``model`` that ``lookup`` names, created or updated to hold ``values``."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values)
        row.full_clean()
        row.save()
        return row
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.full_clean()
        row.save(update_fields=changed)
    return row


def set_m2m(manager, rows) -> None:
    """Make a many-to-many relation hold exactly ``rows``, touching it only if it differs."""
    wanted = {row.pk for row in rows}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(wanted)
