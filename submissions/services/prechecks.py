"""The browser's pre-check: the requirement's rules as data for the page, and a verdict on what
the browser measured before any byte is sent (the checks after the upload stay authoritative)."""

import io

from inspection.sniff import sniff
from submissions.materials import FileSpec, accepted_types
from submissions.rules import Outcome, judge
from submissions.services.checks import (
    measure_stream,
)
from submissions.services.files import accepted_for, rules_for

# Types the first bytes alone cannot settle: a ZIP's central directory (Word, Excel, a design
# archive) and an OLE2 file's streams are at their end, an AI file's markers past the head.
HEAD_UNSETTLED = frozenset({"zip", "ole", "pdf", "unknown"})


def browser_precheck(requirement, role: str, measured: dict) -> list[Outcome]:
    """Judge what the browser measured on a file it has not sent yet: its size, its first
    bytes, a picture's width after EXIF orientation, a video's size and length. The same
    ``judge`` as the form and the worker, so the same verdicts and words; the server's own
    checks after the upload stay authoritative. Unknown or odd values are left unmeasured."""
    facts = {"size": _count(measured.get("size"))}
    head = measured.get("head") or b""
    if head and len(head) == facts["size"]:
        # The first bytes are the whole file: it is measured exactly as the worker would.
        rules, accepted = rules_for(requirement, role), accepted_for(requirement, role)
        whole = measure_stream(
            io.BytesIO(head), rules=rules, role=role, size=len(head), accepted=accepted,
            previews=False,
        )  # fmt: skip
        return whole.outcomes
    if head:
        detected = sniff(io.BytesIO(head))
        if detected.type not in HEAD_UNSETTLED:
            facts["type"] = detected.type
    image, video = measured.get("image") or {}, measured.get("video") or {}
    if _count(image.get("width")) and _count(image.get("height")):
        facts["image"] = {"width": image["width"], "height": image["height"]}
    if _count(video.get("width")) and _count(video.get("height")):
        width, height = video["width"], video["height"]
        seconds = video.get("duration")
        facts["video"] = {
            "display_width": width,
            "display_height": height,
            "short_side": min(width, height),
            "duration_seconds": float(seconds) if isinstance(seconds, int | float) else None,
        }
    facts = {k: v for k, v in facts.items() if v is not None}
    accepted = accepted_for(requirement, role) if "type" in facts else None
    return judge(rules_for(requirement, role), facts, role=role, accepted=accepted, complete=False)


def browser_rules(requirement, file_spec: FileSpec) -> dict:
    """The rules of a file slot as the page carries them (``data-rules``): which types are
    accepted and which limits apply, so the browser knows what to measure."""
    rules = rules_for(requirement, file_spec.role)
    return {
        "accepted": sorted(accepted_types(file_spec, requirement)),
        "rules": [{"code": r.code, "value": str(r.value), "severity": r.severity} for r in rules],
    }


def _count(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
