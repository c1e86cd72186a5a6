"""Folders and file names of downloads, as the notice asks: "宣传+板块+单位".

The first part is the call's ``file_prefix`` (data: "宣传" for publicity, "成果案例", "论坛"…).

e.g. ``宣传-展览洽谈-深圳市科技创新委员会/宣传-展览洽谈-深圳市科技创新委员会-主视觉海报.jpg`` and
``…-现场照片-001.jpg``. The stored original name is kept on the file and shown beside it.
"""

import re

from submissions.materials import spec_for
from submissions.models import MaterialFile, Submission

EXTENSIONS = {"jpeg": "jpg", "tiff": "tif"}
# Characters that no file system or ZIP tool should see in a name.
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]+')


def safe_part(text: str) -> str:
    return UNSAFE.sub("_", str(text)).strip(" .")[:80] or "_"


def section_of(submission: Submission):
    """The section an item is for: its own (per-section materials), the requirement's, or its
    activity's; None for a unit-level item ("综合")."""
    if submission.section_id:
        return submission.section
    requirement = submission.requirement
    if requirement.section_id:
        return requirement.section
    return submission.activity.section if submission.activity_id else None


def folder_name(submission: Submission) -> str:
    section = section_of(submission)
    prefix = submission.requirement.call.file_prefix or "宣传"
    parts = [prefix, section.name_zh if section else "综合", submission.unit.name_zh]
    return "-".join(safe_part(p) for p in parts)


def has_siblings(submission: Submission) -> bool:
    """Does the unit have other live items of the same requirement (and activity, section)?"""
    return (
        Submission.objects.filter(
            requirement_id=submission.requirement_id,
            unit_id=submission.unit_id,
            activity_id=submission.activity_id,
            section_id=submission.section_id,
        )
        .exclude(pk=submission.pk)
        .exclude(status="withdrawn")
        .exists()
    )


def item_parts(submission: Submission, several: bool | None = None) -> list[str]:
    """What tells one item from the unit's others in the same folder: its activity, and its
    title when the unit sent several for the requirement (two videos of one section).
    ``several`` is known to a caller naming many files at once; else it is looked up."""
    parts = []
    if submission.activity_id:
        parts.append(submission.activity.name)
    if several is None:
        several = submission.requirement.max_count != 1 and has_siblings(submission)
    if several and submission.title:
        title = submission.title
        stem, dot, suffix = title.rpartition(".")
        if dot and stem and 0 < len(suffix) <= 5 and suffix.isalnum():
            title = stem  # a title taken from the upload's name: "开幕宣传片.mp4"
        if title != submission.requirement.title_zh:
            parts.append(title)
    return parts


def unique_names(names):
    """The names as given, a second "a.mp4" becoming "a-2.mp4": no entry of an archive may
    hide another."""
    seen: set[str] = set()
    for name in names:
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            stem, dot, suffix = name.rpartition(".")
            candidate = f"{stem}-{n}.{suffix}" if dot and "/" not in suffix else f"{name}-{n}"
        seen.add(candidate)
        yield candidate


def download_name(material: MaterialFile, several: bool | None = None) -> str:
    submission = material.submission
    spec = spec_for(submission.requirement.kind)
    file_spec = spec.file_spec(material.role) if spec else None
    if file_spec is None:
        label = material.role
    else:
        # A filled-in template or a document is named after what the call asked for.
        label = str(file_spec.download_label or submission.requirement.title_zh)
    name = f"{folder_name(submission)}-{safe_part(label)}"
    for part in item_parts(submission, several):
        name += f"-{safe_part(part)}"
    if file_spec is not None and file_spec.multiple:
        name += f"-{material.position:03d}"
    if material.version > 1:
        name += f"-v{material.version}"
    extension = EXTENSIONS.get(material.detected_type, material.detected_type)
    return f"{name}.{extension}"
