"""The shape of a kind of material: its text fields, its files, and what the committee
settles for it. ``submissions.materials`` holds one ``KindSpec`` per kind; forms, the admin,
download names and the checks read them.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from inspection import types


@dataclass(frozen=True)
class TextSpec:
    name: str
    label: str
    widget: str = "line"  # line | text | url | number | email | datetime (Beijing time)
    required: bool = True
    help_text: str = ""
    # URL schemes accepted, for widget "url"; e.g. ("rtmp", "rtmps", "srt") for a push stream.
    schemes: tuple[str, ...] = ("https",)
    # For URLs that must be on one host, e.g. WeChat articles on mp.weixin.qq.com.
    host: str = ""


@dataclass(frozen=True)
class FileSpec:
    role: str
    label: str
    accept: frozenset[str]
    required: bool = True
    multiple: bool = False
    # Name given to the file in downloads: "<unit>-主视觉海报.jpg", "<unit>-现场照片-001.jpg".
    download_label: str = ""
    help_text: str = ""
    # The requirement's ``file_types`` (data) replace ``accept`` when the organizer set any:
    # a filled-in template may be Word for one call and Excel for the next.
    types_from_requirement: bool = False


@dataclass(frozen=True)
class KindSpec:
    kind: str
    texts: tuple[TextSpec, ...] = ()
    files: tuple[FileSpec, ...] = ()
    # 原创、无版权纠纷: a tick, stored with who and when.
    declaration: str = ""
    # At least one of these (texts or file roles) must be given.
    one_of: tuple[str, ...] = ()
    one_of_message: str = ""
    # Repeated rows (one per channel for viewing figures), stored under data["rows"].
    rows: tuple[TextSpec, ...] = ()
    rows_label: str = ""
    # What the committee settles for an item (a forum's room and fee), entered in the admin
    # and shown to the unit; stored in ``Submission.decision``.
    decision: tuple[TextSpec, ...] = ()
    decision_label: str = ""

    def file_spec(self, role: str) -> FileSpec | None:
        return next((f for f in self.files if f.role == role), None)


def accepted_types(file_spec: FileSpec, requirement=None) -> frozenset[str]:
    """The sniff types a file of this role may have, for this requirement."""
    if file_spec.types_from_requirement and requirement is not None and requirement.file_types:
        return types.types_of(requirement.file_types)
    return file_spec.accept


def describe_types(accepted) -> str:
    """'Word 文档（docx）、Excel 工作簿（xlsx）' for a help text."""
    return _("、").join(str(types.label(t)) for t in sorted(accepted))
