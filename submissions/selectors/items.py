"""One item as its page shows it: files, measured facts, verdicts and decisions."""

from dataclasses import dataclass, field

from submissions.materials import spec_for
from submissions.models import (
    MaterialFile,
    Submission,
)
from submissions.rules import Outcome


@dataclass
class FileView:
    file: MaterialFile
    label: str
    outcomes: list[tuple[str, str]]
    older: list[MaterialFile]

    @property
    def checking(self) -> bool:
        return self.file.checked_at is None


@dataclass
class ItemView:
    item: Submission
    texts: list[tuple[str, str]]
    files: list[FileView]
    row_labels: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    reviews: list = field(default_factory=list)
    decision_label: str = ""
    decision: list[tuple[str, str]] = field(default_factory=list)

    @property
    def checking(self) -> bool:
        return any(f.checking for f in self.files)


def item_view(item: Submission) -> ItemView:
    """Texts in the spec's order; current files with their verdicts, earlier versions kept."""
    spec = spec_for(item.requirement.kind)
    texts = [(t.label, item.data.get(t.name, "")) for t in spec.texts] if spec else []
    files = list(
        item.files.select_related("submission")
        .prefetch_related("verdicts")
        .order_by("role", "position", "-version")
    )
    labels = {f.role: f.label for f in spec.files} if spec else {}
    views = []
    for material in (f for f in files if f.is_current):
        older = [
            f
            for f in files
            if f.role == material.role and f.position == material.position and not f.is_current
        ]
        outcomes = [
            (v.verdict, Outcome(v.code, v.verdict, v.params).message)
            for v in sorted(material.verdicts.all(), key=lambda v: VERDICT_ORDER[v.verdict])
        ]
        views.append(FileView(material, labels.get(material.role, material.role), outcomes, older))
    row_specs = spec.rows if spec else ()
    rows = [[row.get(t.name) for t in row_specs] for row in item.data.get("rows", [])]
    # The decision is shown on its own, structured; its review step would only repeat it.
    reviews = list(item.reviews.exclude(action__in=("assign", "decide")).order_by("-at"))
    return ItemView(
        item,
        texts,
        views,
        [t.label for t in row_specs],
        rows,
        reviews,
        decision_label=str(spec.decision_label) if spec else "",
        decision=decision_lines(item),
    )


def decision_lines(submission: Submission) -> list[tuple[str, str]]:
    """What the committee settled for the item (a forum's room and fee), in the reader's
    language, as (label, value) pairs."""
    spec = spec_for(submission.requirement.kind)
    if spec is None or not submission.decision:
        return []
    return [
        (str(t.label), str(submission.decision[t.name]))
        for t in spec.decision
        if submission.decision.get(t.name) not in ("", None)
    ]


VERDICT_ORDER = {"fail": 0, "warn": 1, "pass": 2}
