"""The committee's review of items, with the engine's semantics (accept / request changes /
reject, a message for the last two, every step recorded and the unit told by e-mail); and the
committee's own steps for the boards: mark 重点, choose the halls, edit the English for posting.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ciep_portal.queue import enqueue_on_commit
from matching.kinds import ItemAction, ItemStatus
from matching.models import Item, ItemEvent

REVIEWABLE = (
    ItemStatus.IN_REVIEW,
    ItemStatus.CHANGES_REQUESTED,
    ItemStatus.ACCEPTED,
    ItemStatus.REJECTED,
)
TARGET = {
    ItemAction.ACCEPT: ItemStatus.ACCEPTED,
    ItemAction.REQUEST_CHANGES: ItemStatus.CHANGES_REQUESTED,
    ItemAction.REJECT: ItemStatus.REJECTED,
}
NEEDS_MESSAGE = (ItemAction.REQUEST_CHANGES, ItemAction.REJECT)


def review(*, item: Item, action: str, by, message: str = "") -> ItemEvent:
    message = (message or "").strip()
    if action in NEEDS_MESSAGE and not message:
        raise ValidationError(_("要求修改或不予采用时，请写明意见，单位将看到这段文字。"))
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if locked.status not in REVIEWABLE:
            raise ValidationError(
                _("“%(title)s”状态为“%(status)s”，不能审核。")
                % {"title": locked.title, "status": locked.get_status_display()}
            )
        if action == ItemAction.ACCEPT and not (
            locked.title_en.strip() and locked.summary_en.strip()
        ):
            raise ValidationError(
                _("“%(title)s”还没有英文标题和英文简介，对外发布前请先补充英文。")
                % {"title": locked.title},
                code="english_missing",
            )
        event = _record(locked, action, TARGET[action], by, message)
        locked.status = TARGET[action]
        if action == ItemAction.ACCEPT:
            locked.accepted_at = timezone.now()
        locked._change_reason = message[:100] or event.get_action_display()
        locked.save(update_fields=["status", "accepted_at", "updated_at"])
    enqueue_on_commit("matching.send_review_email", event_id=event.pk)
    return event


def review_many(*, items, action: str, by, message: str = "") -> tuple[int, list[str]]:
    done, problems = 0, []
    for item in items:
        try:
            review(item=item, action=action, by=by, message=message)
        except ValidationError as exc:
            problems.extend(exc.messages)
        else:
            done += 1
    return done, problems


def mark_key(*, item: Item, by, key: bool, halls=None) -> ItemEvent:
    """重点: the item goes on the printed boards (in ``halls``, or in every hall when empty)."""
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        locked.is_key = key
        locked._change_reason = str((ItemAction.MARK_KEY if key else ItemAction.UNMARK_KEY).label)
        locked.save(update_fields=["is_key", "updated_at"])
        if halls is not None:
            locked.halls.set(halls)
        names = "、".join(h.name_zh for h in locked.halls.all())
        return _record(
            locked,
            ItemAction.MARK_KEY if key else ItemAction.UNMARK_KEY,
            locked.status,
            by,
            names,
        )


def edit_english(*, item: Item, by, title_en: str, summary_en: str) -> ItemEvent:
    """The committee's English for posting abroad; the earlier wording stays in the history."""
    title_en, summary_en = title_en.strip(), summary_en.strip()
    if not title_en or not summary_en:
        raise ValidationError(_("英文标题和英文简介都要填写。"), code="english_missing")
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        previous = f"{locked.title_en}\n{locked.summary_en}".strip()
        locked.title_en, locked.summary_en = title_en, summary_en
        locked.full_clean()
        locked._change_reason = str(ItemAction.EDIT_ENGLISH.label)
        locked.save(update_fields=["title_en", "summary_en", "updated_at"])
        return _record(locked, ItemAction.EDIT_ENGLISH, locked.status, by, previous)


def _record(item: Item, action, to_status, by, message: str) -> ItemEvent:
    return ItemEvent.objects.create(
        item=item,
        action=action,
        from_status=item.status,
        to_status=to_status,
        message=message,
        by=by,
    )
