"""The kinds of item, the two boards and the states of an answer are code; which fields
(领域) exist, the collection rounds and their deadlines are data (``matching.models``).

An item's review uses the engine's states and actions (``submissions.kinds``), so that
"需修改" or "已采用" mean the same on every page of the portal.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from submissions.kinds import SubmissionStatus


class ItemKind(models.TextChoices):
    PROJECT = "project", _("项目合作")
    TECHNOLOGY = "technology", _("技术需求")
    FUNDING = "funding", _("资金")
    TALENT = "talent", _("人才需求")


class Board(models.TextChoices):
    """张榜: the two boards of notice 001, online and in the halls."""

    PROJECTS = "projects", _("项目合作榜")
    TALENT = "talent", _("人才需求榜")


BOARD_KINDS = {
    Board.PROJECTS: (ItemKind.PROJECT, ItemKind.TECHNOLOGY, ItemKind.FUNDING),
    Board.TALENT: (ItemKind.TALENT,),
}


def board_of(kind: str) -> str:
    return Board.TALENT if kind == ItemKind.TALENT else Board.PROJECTS


# The states an item goes through; the engine's names, a subset of them.
ItemStatus = SubmissionStatus
ITEM_STATUSES = [
    (s.value, s.label)
    for s in (
        SubmissionStatus.IN_REVIEW,
        SubmissionStatus.CHANGES_REQUESTED,
        SubmissionStatus.ACCEPTED,
        SubmissionStatus.REJECTED,
        SubmissionStatus.WITHDRAWN,
    )
]


class ItemAction(models.TextChoices):
    """A step in an item's history. The first four are the engine's review actions."""

    ACCEPT = "accept", _("采用")
    REQUEST_CHANGES = "request_changes", _("要求修改")
    REJECT = "reject", _("不予采用")
    RESUBMIT = "resubmit", _("单位重新提交")
    SUBMIT = "submit", _("单位提交")
    IMPORT = "import", _("组委会导入")
    MARK_KEY = "mark_key", _("标为重点")
    UNMARK_KEY = "unmark_key", _("取消重点")
    EDIT_ENGLISH = "edit_english", _("修改英文发布稿")


class AnswerState(models.TextChoices):
    NEW = "new", _("新收到")
    FORWARDED = "forwarded", _("已转交")
    IN_TALKS = "in_talks", _("洽谈中")
    CLOSED = "closed", _("已结束")
