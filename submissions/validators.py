"""Checks of what organizers configure: the file types a requirement accepts, its template."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from inspection import types
from inspection.errors import MediaError
from inspection.sniff import sniff


def validate_file_families(value) -> None:
    """``Requirement.file_types``: a list of family names from ``types.FAMILIES``."""
    if not isinstance(value, list):
        raise ValidationError(_("文件类型应为列表。"), code="file_types_not_list")
    unknown = [str(name) for name in value if name not in types.FAMILIES]
    if unknown:
        raise ValidationError(
            _("未知的文件类型：%(names)s（可选：%(known)s）。"),
            code="file_types_unknown",
            params={"names": "、".join(unknown), "known": "、".join(types.FAMILIES)},
        )


def check_template_file(upload) -> str:
    """A template units can fill in and send back: Word or Excel (xlsx), judged by content.

    Returns the detected type; raises ``ValidationError`` naming it otherwise.
    """
    try:
        upload.seek(0)
        found = sniff(upload).type
    except MediaError:
        found = "unknown"
    finally:
        upload.seek(0)
    if found not in types.TEMPLATE:
        raise ValidationError(
            _("模板文件实际类型为 %(found)s；请提供 Word（docx、doc）或 Excel（xlsx）文件。"),
            code="template_type",
            params={"found": types.label(found)},
        )
    return found
