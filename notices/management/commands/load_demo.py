"""manage.py load_demo — the 21st CIEP moved to the present, with demo accounts to log in.

Loads the real 21st edition first (without making it current), then the demo edition, and
prints the logins. Safe to run again. Output is bilingual so that it reads the same whatever
locale the command runs under.
"""

import unicodedata
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from notices.seed.ciep21 import load_ciep21
from notices.seed.demo import DemoResult, DemoSourceMissing, load_demo
from notices.seed.holidays import MissingHolidaySchedule

ROLE_LABELS = {
    "organizer": "组委会 organizer",
    "liaison": "联络员 liaison",
    "exhibitor": "参展商 exhibitor",
    "reviewer": "审核人 reviewer",
}


def pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns; Chinese characters take two."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 1)


class Command(BaseCommand):
    help = "载入演示数据和演示账号 / Load the demo edition and demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help="按此日期平移演示日期（YYYY-MM-DD，默认北京时间今天） / Shift dates as if today "
            "were this day (default: today in Beijing).",
        )

    def handle(self, *args, today: date | None = None, **options):
        try:
            load_ciep21(make_current=False)
            result = load_demo(today=today)
        except (DemoSourceMissing, MissingHolidaySchedule) as exc:
            raise CommandError(str(exc)) from exc
        self.print_summary(result)
        self.print_logins(result)

    def print_summary(self, result: DemoResult) -> None:
        edition, weeks = result.edition, result.shift.days // 7
        self.stdout.write(self.style.SUCCESS(f"已载入 / Loaded: {edition.name_zh}"))
        self.stdout.write(
            f"  会期 dates: {edition.starts_on} – {edition.ends_on}"
            f"（日期平移 {weeks} 周 / dates shifted by {weeks} weeks）"
        )
        if result.provisional_years:
            years = "、".join(str(y) for y in result.provisional_years)
            self.stdout.write(
                self.style.WARNING(
                    f"  {years} 年节假日安排为暂定 / holiday schedule for {years} is provisional"
                )
            )

    def print_logins(self, result: DemoResult) -> None:
        self.stdout.write("")
        # SITE_URL, which links in e-mails use too; `make run PORT=…` sets it to the port served.
        self.stdout.write(f"登录地址 URL: {settings.SITE_URL}")
        self.stdout.write(f"统一密码 password: {result.password}")
        self.stdout.write(pad("用户名 username", 18) + pad("角色 role", 20) + "单位 unit")
        for account in result.accounts:
            role = ROLE_LABELS.get(account.role, account.role)
            self.stdout.write(pad(account.username, 18) + pad(role, 20) + account.unit)
