from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """The notices (通知) as data: the 21st CIEP, other organizers' calls and the demo edition.

    It sits above every other app, since one notice asks for materials of several of them
    (publicity, exhibition, case studies), and holds no models of its own.
    """

    name = "notices"
    verbose_name = _("通知与演示数据")
