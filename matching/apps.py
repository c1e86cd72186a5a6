from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    """项目对接: the supply-and-demand items units send, the committee posts on the 项目合作榜 and
    人才需求榜, and the world answers (揭榜)."""

    name = "matching"
    verbose_name = _("项目对接")
