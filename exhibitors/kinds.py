"""The states of a booth application and the other fixed choices of the exhibition.

Which state may follow which is written once, here (``TRANSITIONS``); the services refuse any
other move, whoever asks: the exhibitor's pages, the admin or a command.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交，待审核")
    CHANGES_REQUESTED = "changes_requested", _("需修改")
    ACCEPTED = "accepted", _("已通过，待签署协议")
    AGREEMENT_UPLOADED = "agreement_uploaded", _("协议已上传，待核验")
    AGREEMENT_VERIFIED = "agreement_verified", _("协议已核验，待缴费")
    PAID = "paid", _("已缴费")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤回")


S = ApplicationStatus

# States in which the exhibitor may still change what the application asks for.
EDITABLE = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
# States that no longer hold a place (a new application for the same board is allowed).
CLOSED = frozenset({S.REJECTED, S.WITHDRAWN})

STATUS_COLOURS = {
    S.DRAFT: "secondary",
    S.SUBMITTED: "primary",
    S.CHANGES_REQUESTED: "warning",
    S.ACCEPTED: "info",
    S.AGREEMENT_UPLOADED: "info",
    S.AGREEMENT_VERIFIED: "info",
    S.PAID: "success",
    S.REJECTED: "dark",
    S.WITHDRAWN: "light",
}


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset
    target: str


TRANSITIONS = {
    "submit": Transition(_("提交申请"), EDITABLE, S.SUBMITTED),
    "accept": Transition(_("通过申请"), frozenset({S.SUBMITTED}), S.ACCEPTED),
    "request_changes": Transition(_("要求修改"), frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED),
    "reject": Transition(
        _("不予通过"), frozenset({S.SUBMITTED, S.CHANGES_REQUESTED, S.ACCEPTED}), S.REJECTED
    ),
    "upload_agreement": Transition(
        _("上传展位确认协议"),
        frozenset({S.ACCEPTED, S.AGREEMENT_UPLOADED}),
        S.AGREEMENT_UPLOADED,
    ),
    "verify_agreement": Transition(
        _("核验协议"), frozenset({S.AGREEMENT_UPLOADED}), S.AGREEMENT_VERIFIED
    ),
    "refuse_agreement": Transition(_("退回协议"), frozenset({S.AGREEMENT_UPLOADED}), S.ACCEPTED),
    "record_payment": Transition(_("登记缴费"), frozenset({S.AGREEMENT_VERIFIED}), S.PAID),
    "withdraw": Transition(
        _("撤回申请"),
        frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.ACCEPTED, S.AGREEMENT_UPLOADED}),
        S.WITHDRAWN,
    ),
}


class Area(models.TextChoices):
    """A regional board's two areas (notice 001): policies and platforms, or enterprises."""

    GOVERNMENT = "government", _("政府区域")
    ENTERPRISE = "enterprise", _("企业区域")


class BoothType(models.TextChoices):
    STANDARD = "standard", _("标准展位")
    RAW = "raw", _("光地")


class PictureRole(models.TextChoices):
    LOGO = "logo", _("标志（Logo）")
    PICTURE = "picture", _("展示图片")


class ScanVerdict(models.TextChoices):
    PENDING = "pending", _("待核验")
    APPROVED = "approved", _("已核验：签字盖章齐全")
    REFUSED = "refused", _("未通过核验")


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", _("银行转账")
    ONLINE = "online", _("线上支付")
    OTHER = "other", _("其他")
