"""Real content for the page tour: the demo, plus items and applications in every state.

Everything goes through the services a liaison, an exhibitor or the committee would use
(create_item, review, withdraw_item, the exhibitors' services, publication.schedule); only the
two item states no service reaches directly from a fresh item (draft, and a failed automatic
check, which needs a file the worker refuses) are set on the row.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from accounts.roles import REVIEWER
from conference.models import Board, Edition
from exhibitors import services as exhibition
from exhibitors.models import Booth
from exhibitors.seed import load_booths
from notices.seed.ciep21 import load_ciep21
from notices.seed.demo import load_demo
from notices.seed.demo_accounts import DEMO_PASSWORD
from publication import services as publication
from publication.models import Channel
from submissions.email_templates import load_email_templates
from submissions.kinds import SubmissionStatus
from submissions.materials import spec_for
from submissions.models import Activity, EmailTemplate, ExportJob, Requirement, Submission
from submissions.services.deadlines import grant_extension
from submissions.services.items import ItemInput, create_item, withdraw_item
from submissions.services.reminders import send_manual
from submissions.services.review import assign_reviewer, review
from tests import media
from units.models import Liaison, Unit

REVIEWER_USERNAME = "reviewer"
# Per-activity requirements of the demo's publicity call that the tour fills for the liaison.
PUBLICITY_CODES = ("press_release", "wechat_post", "photos", "live_stream", "live_figures",
                   "interview_guest", "h5", "poster")  # fmt: skip


@dataclass
class TourContent:
    edition: Edition
    password: str
    items: dict[str, Submission] = field(default_factory=dict)  # status -> one item
    applications: dict = field(default_factory=dict)  # status -> one application


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _file_for(accept: frozenset[str], index: int) -> SimpleUploadedFile:
    if "jpeg" in accept:
        return _upload(f"现场照片{index}.jpg", media.jpeg(1920, 1080))
    if "docx" in accept:
        return _upload(f"新闻稿{index}.docx", media.docx(["演示新闻稿正文。" * 40]))
    if "psd" in accept:
        return _upload(f"设计源文件{index}.psd", media.psd())
    if "pdf" in accept:
        return _upload(f"附件{index}.pdf", media.pdf())
    raise AssertionError(f"the tour has no sample file for {sorted(accept)}")


def _text_value(spec) -> str:
    if spec.widget == "url":
        host = spec.host or "live.example.com"
        return f"{spec.schemes[0]}://{host}/s/tour-demo"
    if spec.widget == "number":
        return "1200"
    if spec.widget == "email":
        return "tour@example.com"
    return "粤港澳大湾区国际人才交流推介会的演示内容。"


def _item_input(requirement: Requirement) -> ItemInput:
    spec = spec_for(requirement.kind)
    texts = {t.name: _text_value(t) for t in spec.texts}
    if spec.rows:
        texts["rows"] = [{r.name: _text_value(r) for r in spec.rows}]
    uploads = {
        f.role: [_file_for(f.accept, n) for n in range(1, 3 if f.multiple else 2)]
        for f in spec.files
    }
    return ItemInput(texts=texts, uploads=uploads, declared=bool(spec.declaration))


def _reviewer() -> User:
    user = User.objects.create_user(
        REVIEWER_USERNAME,
        email="reviewer@demo.ciep.example",
        password=DEMO_PASSWORD,
        first_name="陈静（演示）",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=REVIEWER))
    return user


def _publicity_items(edition: Edition, liaison: User) -> list[Submission]:
    activity = Activity.objects.filter(unit=liaison.unit, section__edition=edition).first()
    items = []
    for code in PUBLICITY_CODES:
        requirement = Requirement.objects.get(call__edition=edition, code=code)
        items.append(
            create_item(
                requirement=requirement,
                unit=liaison.unit,
                activity=activity if requirement.per_activity else None,
                # The demo unit runs its activity's section: per-section materials name it.
                section=activity.section if requirement.per_section else None,
                by=liaison,
                item=_item_input(requirement),
            )
        )
    return items


def _item_states(items: list[Submission], organizer: User, reviewer: User) -> dict:
    """One item in each state: accepted, changes requested, rejected, withdrawn, draft,
    failed, checking, in review."""
    items = [Submission.objects.get(pk=item.pk) for item in items]
    for item in items:  # the files were checked in-process; send them to review
        if item.status != SubmissionStatus.IN_REVIEW:
            Submission.objects.filter(pk=item.pk).update(status=SubmissionStatus.IN_REVIEW)
            item.refresh_from_db()
    assign_reviewer(submissions=Submission.objects.filter(pk=items[0].pk), reviewer=reviewer,
                    by=organizer)  # fmt: skip
    review(submission=items[0], action="accept", by=organizer)
    review(submission=items[1], action="request_changes", by=organizer, message="请补充活动亮点。")
    review(submission=items[2], action="reject", by=organizer, message="与本届大会主题无关。")
    withdraw_item(submission=items[3], by=items[3].created_by)
    Submission.objects.filter(pk=items[4].pk).update(status=SubmissionStatus.DRAFT)
    Submission.objects.filter(pk=items[5].pk).update(status=SubmissionStatus.FAILED)
    Submission.objects.filter(pk=items[6].pk).update(status=SubmissionStatus.CHECKING)
    return {item.status: item for item in Submission.objects.filter(pk__in=[i.pk for i in items])}


def _applications(edition: Edition, exhibitor: User, organizer: User) -> dict:
    booths = Booth.objects.filter(hall__edition=edition, booth_type="standard")
    made = {}
    # Boards open to every unit, one area each: one application per board.
    boards = Board.objects.filter(
        zone__hall__edition=edition,
        regions__isnull=True,
        has_enterprise_area=False,
        has_government_area=False,
    ).order_by("pk")
    for state, board in zip(("draft", "submitted", "paid"), boards[1:], strict=False):
        booth = booths.filter(zone=board.zone, assignment__isnull=True).first()
        data = exhibition.ApplicationInput(
            hall=board.zone.hall,
            zone=board.zone,
            board=board,
            area="",
            booth_count=1,
            technologies="海水淡化膜技术",
        )
        application = exhibition.save_draft(unit=exhibitor.unit, by=exhibitor, data=data)
        if state != "draft":
            exhibition.submit_application(application=application, by=exhibitor)
        if state == "paid":
            exhibition.accept(application=application, by=organizer, message="欢迎参展。")
            exhibition.assign_booth(application=application, booth=booth, by=organizer)
            scan = exhibition.upload_agreement(
                application=application, upload=_upload("协议盖章.pdf", media.pdf()), by=exhibitor
            )
            exhibition.verify_agreement(scan=scan, by=organizer, approved=True)
            application.refresh_from_db()
            exhibition.record_payment(
                application=application,
                by=organizer,
                amount=application.fee,
                paid_on=timezone.localdate(),
                method="bank_transfer",
                invoice_title=exhibitor.unit.name_zh,
            )
        application.refresh_from_db()
        made[application.status] = application
    return made


def build_tour_content() -> TourContent:
    # What migrations seed: a transactional test that ran before this one may have flushed it.
    load_email_templates(EmailTemplate)
    load_ciep21(make_current=False)
    edition = load_demo().edition
    load_booths(edition)
    organizer = User.objects.get(username="organizer")
    liaison = User.objects.get(username="liaison_gd")
    reviewer = _reviewer()
    content = TourContent(edition=edition, password=DEMO_PASSWORD)
    items = _publicity_items(edition, liaison)
    content.items = _item_states(items, organizer, reviewer)
    accepted = content.items[SubmissionStatus.ACCEPTED]
    publication.schedule(
        submission=accepted,
        # The channels are seeded by a migration; a transactional test before this one may
        # have flushed them.
        channel=Channel.objects.get_or_create(
            code="website", defaults={"name_zh": "大会官网", "name_en": "Conference website"}
        )[0],
        scheduled_at=timezone.now() + timedelta(days=1),
        responsible=organizer,
        by=organizer,
    )
    publication.mark_featured(submission=accepted, by=organizer, note="特别优质")
    press = Requirement.objects.get(call__edition=edition, code="press_release")
    grant_extension(requirement=press, unit=liaison.unit, reason="活动延期",
                    due_at=press.deadline_at + timedelta(days=3), granted_by=organizer)  # fmt: skip
    # The committee's template for the unit to fill in (附件1 参考范例).
    press.template_file.save("新闻稿件参考范例.docx", ContentFile(media.docx(["范例"])), save=True)
    send_manual(call=press.call, units=Unit.objects.filter(pk=liaison.unit_id), by=organizer)
    ExportJob.objects.create(requested_by=organizer, description="演示导出（失败）",
                             status=ExportJob.Status.FAILED, error="演示：文件已删除")  # fmt: skip
    done = ExportJob(requested_by=organizer, description="演示导出", status=ExportJob.Status.DONE)
    done.archive.save("tour.zip", ContentFile(media.zip_of({"说明.txt": b"demo"})), save=True)
    exhibitor = User.objects.get(username="exhibitor")
    content.applications = _applications(edition, exhibitor, organizer)
    exhibition.add_picture(
        application=content.applications["draft"],
        role="logo",
        upload=_upload("标志.jpg", media.jpeg(1200, 800)),
        by=exhibitor,
    )
    # The demo's liaison list is already past its deadline (add_liaison refuses): the unit
    # sent its list before it, as a row.
    Liaison.objects.create(unit=liaison.unit, name="张华（演示）", position="处长",
                           mobile="13800138000", email="zhanghua@demo.ciep.example")  # fmt: skip
    return content
