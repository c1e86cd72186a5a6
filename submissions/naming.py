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
    requirement = submission.requirement
    if requirement.section_id:
        return requirement.section
    return submission.activity.section if submission.activity_id else None


def folder_name(submission: Submission) -> str:
    section = section_of(submission)
    prefix = submission.requirement.call.file_prefix or "宣传"
    parts = [prefix, section.name_zh if section else "综合", submission.unit.name_zh]
    return "-".join(safe_part(p) for p in parts)


def download_name(material: MaterialFile) -> str:
    submission = material.submission
    spec = spec_for(submission.requirement.kind)
    file_spec = spec.file_spec(material.role) if spec else None
    if file_spec is None:
        label = material.role
    else:
        # A filled-in template or a document is named after what the call asked for.
        label = str(file_spec.download_label or submission.requirement.title_zh)
    name = f"{folder_name(submission)}-{safe_part(label)}"
    if file_spec is not None and file_spec.multiple:
        name += f"-{material.position:03d}"
    if material.version > 1:
        name += f"-v{material.version}"
    extension = EXTENSIONS.get(material.detected_type, material.detected_type)
    return f"{name}.{extension}"
