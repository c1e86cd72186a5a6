"""Details people notice: country names, the port of `make run`, e-mail wording, the favicon,
the menu's words."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.utils import translation
from django_countries import countries

from accounts.roles import LIAISON
from exhibitors import services
from notices.management.commands.load_demo import Command as LoadDemo
from notices.seed.demo import DemoResult
from notices.seed.demo_accounts import DemoAccount
from tests.factories import UserFactory
from tests.test_exhibitors import draft, make_exhibitor, make_organizer, open_for_applications

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def country_names(language: str) -> dict[str, str]:
    with translation.override(language):
        return {code: str(name) for code, name in countries}


def test_chinese_country_names_are_spelt_right_and_each_appears_once():
    names = country_names("zh-hans")
    assert names["NP"] == "尼泊尔"
    assert names["TJ"] == "塔吉克斯坦"
    assert names["BW"] == "博茨瓦纳"
    assert names["WS"] == "萨摩亚"
    assert names["AS"] == "美属萨摩亚"
    shown = list(names.values())
    assert len(shown) == len(set(shown)), [n for n in shown if shown.count(n) > 1]
    assert not {"尼珀尔", "塔吉克斯斯坦", "博兹瓦纳"} & set(shown)


def test_taiwan_hong_kong_and_macao_are_named_as_regions_of_china():
    chinese, english = country_names("zh-hans"), country_names("en")
    assert [chinese[c] for c in ("TW", "HK", "MO")] == ["中国台湾", "中国香港", "中国澳门"]
    assert [english[c] for c in ("TW", "HK", "MO")] == [
        "Taiwan, China",
        "Hong Kong, China",
        "Macao, China",
    ]


def test_the_exhibitor_registration_offers_the_corrected_names(client):
    from django.urls import reverse

    page = client.get(reverse("accounts:register_exhibitor")).content.decode()
    assert ">中国台湾<" in page and ">尼泊尔<" in page
    assert "尼珀尔" not in page and ">台湾<" not in page
    assert page.count(">美属萨摩亚群岛<") == 0


def test_the_start_up_banner_prints_the_served_address(settings):
    settings.SITE_URL = "http://127.0.0.1:8107"
    out = io.StringIO()
    result = DemoResult(
        edition=None,
        shift=timedelta(0),
        accounts=(DemoAccount("demo-liaison", LIAISON, "深圳市科协"),),
        password="pw",
        provisional_years=(),
    )
    LoadDemo(stdout=out).print_logins(result)
    assert "登录地址 URL: http://127.0.0.1:8107" in out.getvalue()


def test_make_run_takes_the_port_for_site_url_and_the_readme_says_so():
    makefile = (ROOT / "Makefile").read_text()
    assert "run: export SITE_URL ?= http://$(HOST):$(PORT)" in makefile
    readme = (ROOT / "README.md").read_text()
    assert "make run PORT=" in readme
    # A clone has no ../shared/ beside it.
    assert "../shared" not in readme and "/work/shared" not in readme


def test_english_emails_leave_a_space_before_the_link(
    settings, ciep21, monkeypatch, django_capture_on_commit_callbacks
):
    open_for_applications(ciep21, monkeypatch)
    settings.SITE_URL = "http://127.0.0.1:8107"
    owner = make_exhibitor(language="en")
    application = draft(owner)
    services.submit_application(application=application, by=owner)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(application=application, by=make_organizer(), message="请补充。")
    body = mail.outbox[-1].body
    assert re.search(r"View application: http://127\.0\.0\.1:8107/exhibition/", body), body


def test_favicon_ico_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    path = response["Location"].removeprefix("/static/")
    found = finders.find(path)
    assert found and Path(found).read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_the_menu_says_activities_in_english(client):
    liaison = UserFactory(role=LIAISON, preferred_language="en")
    client.force_login(liaison)
    client.cookies["django_language"] = "en"
    page = client.get("/", follow=True).content.decode()
    assert ">Activities</a>" in page
    assert ">Activity</a>" not in page
