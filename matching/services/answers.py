"""揭榜: anyone answers a public item; the committee and the owning unit are told by e-mail and
the unit sees the answer on its page. Answers per network address and hour are limited by the
call's ``answers_per_hour`` (data)."""

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ciep_portal.queue import enqueue_on_commit
from matching.models import Answer, Item
from matching.selectors import public_items

ANSWER_FIELDS = ("name", "organization", "country", "email", "message")


class TooManyAnswers(Exception):
    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(
            _("同一网络地址每小时最多揭榜 %(limit)s 次，请一小时后再试。") % {"limit": limit}
        )


def _address_key(address: str) -> str:
    hour = timezone.now().strftime("%Y%m%d%H")
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"matching:answers:{digest}:{hour}"


def answer_item(*, item_pk: int, values: dict, address: str, language: str) -> Answer:
    """Record an answer to a public item; a confidential or unpublished item is not found."""
    item = public_items().select_related("call").filter(pk=item_pk).first()
    if item is None:
        raise Item.DoesNotExist
    limit = item.call.answers_per_hour
    key = _address_key(address)
    cache.add(key, 0, timeout=3600)
    if cache.incr(key) > limit:
        raise TooManyAnswers(limit)
    answer = Answer(item=item, language=language, **{f: values[f] for f in ANSWER_FIELDS})
    answer.full_clean()
    with transaction.atomic():
        answer.save()
        enqueue_on_commit("matching.send_answer_emails", answer_id=answer.pk)
    return answer
