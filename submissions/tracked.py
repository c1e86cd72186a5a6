"""Material kinds whose items live in an app above the engine (booth applications, kept by
``exhibitors``): that app tells the matrix, the dashboards and the workbench what each unit
sent, so a unit with two applications is "submitted", not "missing".

The engine may not import those apps (import-linter's layers); they register here, in their
``AppConfig.ready``.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TrackedKind:
    # (requirement, unit ids) -> {unit id: how many it sent}
    sent_by_unit: Callable[..., dict[int, int]]
    # requirement -> [(status label, count)] for the workbench's "按状态"
    by_status: Callable[..., list[tuple[str, int]]]


TRACKED: dict[str, TrackedKind] = {}


def register(kind: str, tracked: TrackedKind) -> None:
    TRACKED[kind] = tracked


def sent_counts(requirements, unit_ids) -> dict[int, dict[int, int]]:
    """requirement id -> {unit id: count} for the requirements of a tracked kind."""
    return {
        r.pk: TRACKED[r.kind].sent_by_unit(r, unit_ids) for r in requirements if r.kind in TRACKED
    }
