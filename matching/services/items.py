"""Units send items (供需信息) one by one on the web; the 征集表 and the committee's import go
through ``matching.services.tables``. Both end in ``add_item``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from matching.kinds import ItemAction, ItemStatus
from matching.models import CollectionRound, Item, ItemEvent
from matching.selectors import current_call, open_round

# What a unit may change, and the states in which it may.
UNIT_FIELDS = (
    "kind",
    "title_zh",
    "title_en",
    "summary_zh",
    "summary_en",
    "sector",
    "region",
    "offered",
    "sought",
    "terms",
    "closes_on",
    "contact_name",
    "contact_phone",
    "contact_email",
    "confidential",
)
EDITABLE = (ItemStatus.IN_REVIEW, ItemStatus.CHANGES_REQUESTED, ItemStatus.ACCEPTED)


def round_for_units() -> CollectionRound:
    """The round open now; units send only within one (在相应时段内发送)."""
    call = current_call()
    found = open_round(call)
    if found is None:
        raise ValidationError(
            _("当前不在供需信息征集时段，请在下一个征集时段开放后再报送。"), code="no_open_round"
        )
    return found


def add_item(*, unit, round: CollectionRound, by, values: dict, action=ItemAction.SUBMIT) -> Item:
    """A new item in review. ``values`` are checked field by field before anything is saved."""
    item = Item(unit=unit, call=round.call, round=round, created_by=by, **values)
    item.full_clean()
    with transaction.atomic():
        item.save()
        ItemEvent.objects.create(
            item=item,
            action=action,
            from_status=ItemStatus.IN_REVIEW,
            to_status=ItemStatus.IN_REVIEW,
            by=by,
        )
    return item


def submit_item(*, unit, by, values: dict) -> Item:
    return add_item(unit=unit, round=round_for_units(), by=by, values=values)


def update_item(*, item: Item, by, values: dict) -> Item:
    """A unit changes its item; a changed item goes back to the committee's review, and off
    the boards until it is accepted again."""
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if locked.status not in EDITABLE:
            raise ValidationError(
                _("“%(title)s”状态为“%(status)s”，不能修改。")
                % {"title": locked.title, "status": locked.get_status_display()},
                code="not_editable",
            )
        for name in UNIT_FIELDS:
            if name in values:
                setattr(locked, name, values[name])
        locked.full_clean()
        from_status = locked.status
        locked.status = ItemStatus.IN_REVIEW
        locked._change_reason = str(ItemAction.RESUBMIT.label)
        locked.save()
        ItemEvent.objects.create(
            item=locked,
            action=ItemAction.RESUBMIT,
            from_status=from_status,
            to_status=ItemStatus.IN_REVIEW,
            by=by,
        )
    return locked
