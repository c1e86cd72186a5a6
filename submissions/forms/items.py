"""The form of an item, built from its kind's spec (``submissions.materials``).

Files arrive either in the multipart body (no JavaScript) or, with JavaScript, as ids of
finished resumable uploads in ``<role>_uploads`` hidden inputs. Those ids survive a form that
is sent back with errors, so a 1 GB video is never uploaded twice because a text was missing.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions.kinds import RuleCode, Severity
from submissions.materials import FileSpec, KindSpec, TextSpec, accepted_types
from submissions.materials.specs import describe_types
from submissions.models import Activity
from submissions.rules import applies_to_any, evaluate
from submissions.services.files import rules_for
from submissions.services.items import ItemInput, missing_file
from submissions.services.prechecks import browser_rules
from submissions.services.uploads import refusal_of
from uploads.errors import UploadError
from uploads.services import finished_uploads

# File-name endings for the browser's file picker only; the server checks content, not names.
PICKER_EXTENSIONS = {
    "jpeg": ".jpg,.jpeg",
    "png": ".png",
    "webp": ".webp",
    "tiff": ".tif,.tiff",
    "bmp": ".bmp",
    "mp4": ".mp4",
    "m4v": ".m4v",
    "mov": ".mov",
    "docx": ".docx",
    "doc": ".doc",
    "xlsx": ".xlsx",
    "pdf": ".pdf",
    "psd": ".psd",
    "psb": ".psb",
    "ai": ".ai",
    "eps": ".eps",
    "cdr": ".cdr",
    "zip": ".zip",
}


def accept_attribute(types) -> str:
    return ",".join(sorted(PICKER_EXTENSIONS[t] for t in types if t in PICKER_EXTENSIONS))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Zero or more files; the form decides whether one is required."""

    def __init__(self, *, multiple: bool, **kwargs):
        kwargs.setdefault("required", False)
        # Empty files reach the service's check, whose message names the file and says why.
        kwargs.setdefault("allow_empty_file", True)
        widget = MultipleFileInput if multiple else forms.ClearableFileInput
        kwargs.setdefault("widget", widget())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        return [super(FilesField, self).clean(item, initial) for item in items if item]


def text_field(spec: TextSpec) -> forms.Field:
    common = {"label": spec.label, "required": spec.required, "help_text": spec.help_text}
    if spec.widget == "url":
        return forms.CharField(max_length=1000, **common)
    if spec.widget == "number":
        return forms.IntegerField(min_value=0, **common)
    if spec.widget == "email":
        return forms.EmailField(**common)
    if spec.widget == "datetime":
        widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        return forms.DateTimeField(widget=widget, **common)
    if spec.widget == "text":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=20000, **common)
    return forms.CharField(max_length=500, **common)


def _check_url(spec: TextSpec, value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in spec.schemes or not parts.netloc:
        raise ValidationError(
            _("请填写以 %(schemes)s 开头的完整链接。"),
            code="url_scheme",
            params={"schemes": _("、").join(f"{s}://" for s in spec.schemes)},
        )
    if spec.host and parts.hostname != spec.host:
        raise ValidationError(
            _("链接应在 %(host)s 上，您填写的是 %(given)s。"),
            code="url_host",
            params={"host": spec.host, "given": parts.hostname},
        )
    return value.strip()


def _row_field(spec: TextSpec) -> forms.Field:
    # Shown in a table whose header names the columns: each input carries its label for
    # screen readers instead of repeating it in every cell.
    attrs = {"class": "form-control form-control-sm", "aria-label": spec.label}
    if spec.widget == "number":
        return forms.IntegerField(
            label=spec.label,
            required=spec.required,
            min_value=0,
            widget=forms.NumberInput(attrs={**attrs, "inputmode": "numeric"}),
        )
    return forms.CharField(
        label=spec.label,
        required=spec.required,
        max_length=200,
        widget=forms.TextInput(attrs=attrs),
    )


def rows_formset(spec: KindSpec):
    """One form per row (a channel's viewing figures); at least one row."""
    row_form = type("RowForm", (forms.Form,), {t.name: _row_field(t) for t in spec.rows})
    return forms.formset_factory(row_form, extra=3, min_num=1, validate_min=True)


@dataclass(frozen=True)
class KeptUpload:
    """A finished upload a sent-back form still carries: listed with its name, size and, if
    the form would refuse it, why; the page offers to remove it."""

    id: str
    name: str
    size: int
    problem: str = ""


def _stored(value):
    """A number stays a number (0 included); a moment is stored as ISO 8601 with its offset
    (Beijing time); an empty field is stored as ""."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return "" if value is None else value


class ItemForm(forms.Form):
    """Texts, files and (for videos) the declaration of one item of ``spec``'s kind."""

    def __init__(
        self,
        *args,
        spec: KindSpec,
        requirement,
        unit,
        user,
        creating: bool,
        activity_required: bool = False,
        sections=None,
        resolve_upload=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.spec, self.requirement, self.unit, self.user = spec, requirement, unit, user
        self.creating = creating
        self.resolve_upload = resolve_upload or _no_resumable_uploads
        self.claimed = []  # finished uploads this form took (close_uploads)
        if activity_required and creating:
            self.fields["activity"] = forms.ModelChoiceField(
                Activity.objects.filter(unit=unit), label=_("活动")
            )
        if sections is not None and creating:
            # 请结合板块具体情况: which of the unit's sections this one is for.
            self.fields["section"] = forms.ModelChoiceField(sections, label=_("板块"))
        for text in spec.texts:
            self.fields[text.name] = text_field(text)
            if not creating:
                self.fields[text.name].required = False
            stored = self.initial.get(text.name)
            if text.widget == "datetime" and isinstance(stored, str) and stored:
                try:
                    self.initial[text.name] = timezone.localtime(datetime.fromisoformat(stored))
                except ValueError:
                    self.initial.pop(text.name)
        for file_spec in spec.files:
            self.fields[file_spec.role] = self._file_field(file_spec)
            self.fields[f"{file_spec.role}_uploads"] = forms.CharField(
                required=False, widget=forms.MultipleHiddenInput
            )
        self._mark_text_limits()
        if spec.declaration and creating:
            self.fields["declared"] = forms.BooleanField(label=spec.declaration, required=True)
        self.rows = None
        if spec.rows:
            initial_rows = (kwargs.get("initial") or {}).get("rows")
            self.rows = rows_formset(spec)(self.data or None, prefix="rows", initial=initial_rows)

    def _mark_text_limits(self) -> None:
        """A call's limits on typed text (the live stream's intro ≤ 100 字) are counted while
        typing, by the rule the server applies (limits.js with Word's 字数 of charcount.js)."""
        for rule in self.requirement.rules.all():
            field = self.fields.get(rule.applies_to or "")
            counted = rule.code in (RuleCode.TEXT_MAX_CHARS, RuleCode.TEXT_CHAR_RANGE)
            if field is None or not counted:
                continue
            attrs = {"data-count-rule": "word"}
            if rule.code == RuleCode.TEXT_MAX_CHARS:
                attrs["data-count-max"] = int(rule.value)
            else:
                attrs["data-count-min"] = int(rule.value)
                if rule.value_max is not None:
                    attrs["data-count-max"] = int(rule.value_max)
            field.widget.attrs.update(attrs)

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return (self.rows is None or self.rows.is_valid()) and valid

    def _file_field(self, file_spec: FileSpec) -> FilesField:
        accepted = accepted_types(file_spec, self.requirement)
        help_text = file_spec.help_text
        if accepted != file_spec.accept:
            # The organizer chose the types for this call: say which, after the kind's help.
            help_text = _("%(help)s接受的类型：%(types)s。") % {
                "help": help_text,
                "types": describe_types(accepted),
            }
        field = FilesField(multiple=file_spec.multiple, label=file_spec.label, help_text=help_text)
        # Marked like a required text field (the service refuses the form without it); the
        # form is sent with novalidate, and uploads.js lifts it once an upload has arrived.
        field.marked_required = self.creating and file_spec.required
        if field.marked_required:
            field.widget.attrs["required"] = True
        field.kept = partial(self.kept_uploads, file_spec)
        # The limits this file is refused by, stated beside it ("图片水平像素不少于（像素）
        # 1000"): the kind's help text cannot know a call's values.
        field.rule_text = _("；").join(
            str(rule)
            for rule in rules_for(self.requirement, file_spec.role)
            if rule.severity == Severity.FAIL and applies_to_any(rule.code, accepted)
        )
        field.widget.attrs.update(
            {
                "accept": accept_attribute(accepted),
                "data-resumable": "true",
                # Asked as soon as a file has arrived: would this form take it?
                "data-check-url": reverse("submissions:upload_check", args=[self.requirement.pk]),
                # Sent with the upload, so a file over this requirement's size rule is refused
                # before its bytes travel (uploads.services.start_upload).
                "data-requirement": self.requirement.pk,
                "data-role": file_spec.role,
                # The requirement's rules for this file, as data: the page measures in the
                # browser only what they ask for (static/js/prechecks.js).
                "data-rules": json.dumps(browser_rules(self.requirement, file_spec)),
                "data-precheck": reverse(
                    "submissions:requirement_precheck", args=[self.requirement.pk]
                ),
                "data-label-uploading": _("上传中"),
                "data-label-done": _("已上传"),
                "data-label-failed": _("上传失败"),
                "data-label-cancel": _("取消"),
                "data-label-remove": _("移除"),
                "data-label-refused": _("不予接收："),
                "data-label-checking": _("按要求检查中"),
            }
        )
        return field

    def kept_uploads(self, file_spec: FileSpec) -> list[KeptUpload]:
        """The finished uploads this sent-back form carries for ``file_spec``'s role, each with
        the reason it would be refused. Nothing for a fresh form."""
        if not self.is_bound or not hasattr(self.data, "getlist"):
            return []
        ids = self.data.getlist(f"{file_spec.role}_uploads")
        sessions = finished_uploads(upload_ids=ids, user=self.user) if ids else []
        return [
            KeptUpload(
                id=str(session.pk),
                name=session.filename,
                size=session.length,
                problem=refusal_of(
                    session=session, file_spec=file_spec, requirement=self.requirement
                ),
            )
            for session in sessions
        ]

    def clean(self):
        data = super().clean()
        for text in self.spec.texts:
            value = data.get(text.name)
            if value and text.widget == "url":
                try:
                    data[text.name] = _check_url(text, value)
                except ValidationError as exc:
                    self.add_error(text.name, exc)
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if isinstance(starts, datetime) and isinstance(ends, datetime) and ends < starts:
            self.add_error("ends_at", _("结束时间不能早于开始时间。"))
        self._check_text_rules(data)
        self._check_required_files()
        return data

    def _check_required_files(self) -> None:
        """A required file neither sent in the body nor uploaded ahead is named together with
        the form's other errors (it came in a second round, after the texts were right)."""
        if not self.creating:
            return
        for file_spec in self.spec.files:
            role = file_spec.role
            if (
                file_spec.required
                and not self.files.getlist(role)
                and not any(self.data.getlist(f"{role}_uploads"))
            ):
                self.add_error(role, missing_file(file_spec))

    def _check_text_rules(self, data):
        """Limits on typed text (the live stream's intro ≤ 100 characters) refuse at once."""
        texts = {t.name: data.get(t.name) or "" for t in self.spec.texts}
        for outcome in evaluate(self.requirement.rules.all(), {}, texts=texts):
            if outcome.verdict == "fail":
                rule = next(r for r in self.requirement.rules.all() if r.code == outcome.code)
                self.add_error(rule.applies_to or None, outcome.message)

    def clean_uploads(self) -> dict:
        """Files per role: those posted in the body plus finished resumable uploads."""
        uploads = {}
        for file_spec in self.spec.files:
            given = list(self.cleaned_data.get(file_spec.role) or [])
            # The same id twice (a tampered page) is taken once, not reported as "saved".
            for upload_id in dict.fromkeys(self.data.getlist(f"{file_spec.role}_uploads")):
                try:
                    upload = self.resolve_upload(upload_id)
                except UploadError as error:
                    self.add_error(file_spec.role, error.message)
                else:
                    self.claimed.append(upload)
                    given.append(upload)
            if given and not file_spec.multiple:
                given = given[-1:]
            uploads[file_spec.role] = given
        return uploads

    def close_uploads(self) -> None:
        """Close the uploads the form took, inside the transaction that stored them: their
        temporary files go when it commits, and stay to be sent again if it is rolled back
        (``ClaimedUpload.close``)."""
        for upload in self.claimed:
            upload.close()

    def item_input(self) -> ItemInput:
        texts = {
            t.name: _stored(self.cleaned_data.get(t.name))
            for t in self.spec.texts
            if self.creating or self.cleaned_data.get(t.name) not in (None, "")
        }
        if self.rows is not None:
            texts["rows"] = [
                row.cleaned_data for row in self.rows if row.has_changed() and row.cleaned_data
            ]
        return ItemInput(
            texts=texts,
            uploads=self.clean_uploads(),
            declared=bool(self.cleaned_data.get("declared")),
        )

    def apply_errors(self, error: ValidationError) -> None:
        """Put a service's errors beside the fields they concern."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


def _no_resumable_uploads(upload_id):
    """A form built without a resolver takes no resumable uploads."""
    raise UploadError("upload_gone")
