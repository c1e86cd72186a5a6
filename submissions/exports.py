"""Exports for the committee: Excel of any selection, ZIP of its files.

ZIPs are streamed (zipstream-ng): files are read through the storage API in chunks while the
archive goes out, so memory stays flat whatever the selection. Folders and names follow the
notice: "宣传-板块-单位/宣传-板块-单位-主视觉海报.jpg".
"""

from collections.abc import Iterable, Iterator

from django.core.files import File
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from zipstream import ZipStream

from ciep_portal.queue import enqueue_on_commit
from ciep_portal.spreadsheets import workbook
from submissions.models import MaterialFile, Submission
from submissions.models.exports import ExportJob
from submissions.naming import download_name, folder_name, section_of, unique_names
from uploads.temporary import temporary_file

CHUNK = 1024 * 1024
# Selections larger than this are built by a worker, with a link when ready.
STREAM_LIMIT_BYTES = 512 * 1024 * 1024


def submission_sheet(queryset) -> bytes:
    headers = [
        _("单位"), _("征集通知"), _("征集要求"), _("板块"), _("活动"), _("标题"), _("状态"),
        _("提交时间（北京时间）"), _("审核人"),
    ]  # fmt: skip
    rows = (
        (
            s.unit.name_zh,
            s.requirement.call.title_zh,
            s.requirement.title_zh,
            section.name_zh if (section := section_of(s)) else "",
            s.activity.name if s.activity_id else "",
            s.title,
            s.get_status_display(),
            s.submitted_at,
            str(s.reviewer) if s.reviewer_id else "",
        )
        for s in queryset.select_related(
            "unit",
            "requirement__call",
            "requirement__section",
            "activity__section",
            "section",
            "reviewer",
        )
    )
    return workbook([(_("提交材料"), headers, rows)])


def files_of(submissions) -> Iterable[MaterialFile]:
    return (
        MaterialFile.objects.filter(submission__in=submissions, is_current=True)
        .select_related(
            "submission__unit",
            "submission__requirement__call",
            "submission__requirement__section",
            "submission__activity__section",
            "submission__section",
        )
        .order_by("submission__unit__name_zh", "submission_id", "role", "position")
    )


def _chunks(material: MaterialFile) -> Iterator[bytes]:
    with material.file.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def zip_stream(files: Iterable[MaterialFile]) -> ZipStream:
    archive = ZipStream(sized=False)
    files = list(files)
    several = _with_siblings({m.submission for m in files})
    names = (
        f"{folder_name(m.submission)}/{download_name(m, several=_key(m.submission) in several)}"
        for m in files
    )
    for material, arcname in zip(files, unique_names(names), strict=True):
        archive.add(_chunks(material), arcname)
    return archive


def _key(submission: Submission) -> tuple:
    return (
        submission.unit_id,
        submission.requirement_id,
        submission.activity_id,
        submission.section_id,
    )


def _with_siblings(submissions: set[Submission]) -> set[tuple]:
    """The (unit, requirement, activity, section) of these items for which the unit has several live
    items: their files carry the item's title (``naming.item_parts``). One query."""
    if not submissions:
        return set()
    rows = (
        Submission.objects.filter(
            unit_id__in={s.unit_id for s in submissions},
            requirement_id__in={s.requirement_id for s in submissions},
        )
        .exclude(status="withdrawn")
        .exclude(requirement__max_count=1)
        .order_by()
        .values_list("unit_id", "requirement_id", "activity_id", "section_id")
        .annotate(n=Count("pk"))
    )
    return {(u, r, a, s) for u, r, a, s, n in rows if n > 1}


def zip_size(submissions) -> int:
    return sum(files_of(submissions).values_list("size", flat=True))


def start_zip_job(*, submissions, by, description: str) -> ExportJob:
    ids = list(files_of(submissions).values_list("pk", flat=True))
    job = ExportJob.objects.create(requested_by=by, description=description, file_ids=ids)

    enqueue_on_commit("submissions.build_zip_export", job_id=job.pk)
    return job


def build_zip(job: ExportJob) -> ExportJob:
    """Write the archive to a temporary file on the media disk, then hand it to storage."""
    if job.status != ExportJob.Status.PENDING:
        return job
    files = files_of(Submission.objects.all()).filter(pk__in=job.file_ids)
    with temporary_file(kind="export", suffix=".zip") as temp:
        for chunk in zip_stream(files):
            temp.write(chunk)
        temp.flush()
        job.size = temp.tell()
        temp.seek(0)
        job.archive.save("export.zip", File(temp), save=False)
    job.status = ExportJob.Status.DONE
    job.finished_at = timezone.now()
    job.save()
    return job
