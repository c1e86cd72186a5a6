"""展位确认: the signed and sealed agreement, its check by the committee, and the payment."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exhibitors import selectors
from exhibitors.kinds import ApplicationStatus, ScanVerdict
from exhibitors.models import AgreementScan, BoothApplication, Payment
from exhibitors.services.state import ensure_can, lock, log, move
from exhibitors.services.uploads import check_scan
from inspection.names import clean_filename
from submissions.services.files import sha256_of


@transaction.atomic
def upload_agreement(*, application: BoothApplication, upload, by) -> AgreementScan:
    """Keep the scan of the signed and sealed agreement (PDF or image), byte for byte."""
    application = lock(application)
    ensure_can(application, "upload_agreement")
    if not application.assignments.exists():
        raise ValidationError(
            _("组委会尚未分配展位，分配后才能下载和上传展位确认协议。"), code="no_booths"
        )
    conf = selectors.exhibition_settings(application.edition)
    detected = check_scan(upload, max_mb=conf.scan_max_mb)
    scan = AgreementScan(
        application=application,
        original_name=clean_filename(upload.name or "") or "upload",
        size=upload.size,
        sha256=sha256_of(upload),
        detected_type=detected,
        uploaded_by=by,
    )
    scan.file.save(f"agreement.{detected}", upload, save=False)
    scan.save()
    words = {"code": "agreement_uploaded", "params": {"name": scan.original_name}}
    if application.status == ApplicationStatus.AGREEMENT_UPLOADED:
        # A replacement before the check: the committee checks the newest scan.
        log(application, by=by, from_organizer=False, notify=False, body="", **words)
    else:
        move(application, "upload_agreement", by=by, from_organizer=False, **words)
    return scan


@transaction.atomic
def verify_agreement(*, scan: AgreementScan, by, approved: bool, note: str = "") -> AgreementScan:
    """The organizer's judgement whether seal and signature are there, with who and when."""
    application = lock(scan.application)
    ensure_can(application, "verify_agreement" if approved else "refuse_agreement")
    newest = selectors.latest_scan(application)
    if newest is None or newest.pk != scan.pk:
        raise ValidationError(_("只能核验最新上传的协议扫描件。"), code="not_newest")
    note = (note or "").strip()
    if not approved and not note:
        raise ValidationError({"note": _("请说明未通过核验的原因，例如缺少单位公章或签字。")})
    scan.verdict = ScanVerdict.APPROVED if approved else ScanVerdict.REFUSED
    scan.note, scan.verified_by, scan.verified_at = note, by, timezone.now()
    scan.save(update_fields=["verdict", "note", "verified_by", "verified_at"])
    action = "verify_agreement" if approved else "refuse_agreement"
    move(application, action, by=by, body=note, from_organizer=True)
    return scan


@transaction.atomic
def record_payment(
    *,
    application: BoothApplication,
    by,
    amount: Decimal,
    paid_on,
    method: str,
    invoice_title: str,
    tax_number: str = "",
    note: str = "",
) -> Payment:
    """Record money received; the application is paid once the total covers the fee."""
    application = lock(application)
    ensure_can(application, "record_payment")
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("金额应大于 0 元。")})
    payment = Payment(
        application=application,
        amount=amount,
        paid_on=paid_on,
        method=method,
        invoice_title=invoice_title.strip(),
        tax_number=(tax_number or "").strip().upper(),
        note=note,
        recorded_by=by,
    )
    payment.full_clean(exclude=["application"])
    payment.save()
    paid = selectors.amount_paid(application)
    words = {"amount": str(payment.amount), "date": str(paid_on), "method": payment.method}
    if paid >= application.fee:
        move(
            application,
            "record_payment",
            by=by,
            from_organizer=True,
            code="paid",
            params=words,
        )
    else:
        words["due"] = str(application.fee - paid)
        log(application, by=by, body="", from_organizer=True, notify=True, code="part_paid",
            params=words)  # fmt: skip
    return payment
