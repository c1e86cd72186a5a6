from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AchievementsConfig(AppConfig):
    """成果案例征集: case studies, achievement statistics and the committee's report material."""

    name = "achievements"
    verbose_name = _("成果案例")

    def ready(self):
        from achievements.views import register_pages

        register_pages()
