"""Registration, login throttling and the landing page of each role."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.roles import EXHIBITOR, LIAISON, ORGANIZER
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Gd-liaison-2023!"


def liaison_form(unit, **overrides):
    data = {
        "unit-join_code": unit.join_code,
        "account-username": "zhang_gd",
        "account-first_name": "张三",
        "account-email": "Zhang@GDSTC.example.cn",
        "account-mobile": "13800138000",
        "account-preferred_language": "zh-hans",
        "account-password1": PASSWORD,
        "account-password2": PASSWORD,
    }
    return {**data, **overrides}


def test_a_liaison_joins_their_unit_with_its_code_and_is_welcomed(
    client, django_capture_on_commit_callbacks
):
    unit = UnitFactory(name_zh="广东省科学技术厅", is_partner=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register_liaison"), liaison_form(unit))
    assert response.status_code == 302
    user = User.objects.get(username="zhang_gd")
    assert user.unit == unit
    assert user.email == "zhang@gdstc.example.cn"
    assert user.groups.filter(name=LIAISON).exists()
    unit.refresh_from_db()
    assert unit.is_partner
    assert [m.to for m in mail.outbox] == [["zhang@gdstc.example.cn"]]
    assert "广东省科学技术厅" in mail.outbox[0].body
    # Logged in and sent to the unit's dashboard.
    assert client.get(reverse("accounts:landing")).url == reverse("submissions:dashboard")


def test_a_wrong_code_is_refused_and_nothing_typed_is_lost(client):
    unit = UnitFactory()
    response = client.post(
        reverse("accounts:register_liaison"), liaison_form(unit, **{"unit-join_code": "WRONG2345"})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "邀请码 WRONG2345 不存在" in page
    assert 'value="张三"' in page and 'value="13800138000"' in page
    assert not User.objects.filter(username="zhang_gd").exists()
    assert mail.outbox == []


def test_the_welcome_email_follows_the_users_language(client, django_capture_on_commit_callbacks):
    unit = UnitFactory(name_en="Guangdong Provincial Department of Science and Technology")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:register_liaison"),
            liaison_form(unit, **{"account-preferred_language": "en"}),
        )
    assert mail.outbox[0].subject == "Welcome to the CIEP materials portal"
    assert "Guangdong Provincial Department" in mail.outbox[0].body


def exhibitor_form(**overrides):
    data = {
        "org-name_zh": "深圳测试科技有限公司",
        "org-name_en": "Shenzhen Test Technology Co., Ltd.",
        "org-kind": "enterprise",
        "org-country": "CN",
        "org-uscc": "91440300MA5D7L2Q10",
        "org-address": "深圳市福田区福华三路",
        "org-website": "https://example.cn",
        "org-contact_name": "李四",
        "org-contact_mobile": "13900139000",
        "org-contact_email": "li@example.cn",
        "account-username": "szexpo",
        "account-first_name": "李四",
        "account-email": "li@example.cn",
        "account-preferred_language": "zh-hans",
        "account-password1": PASSWORD,
        "account-password2": PASSWORD,
    }
    return {**data, **overrides}


def test_an_exhibitor_registers_its_organization(client):
    response = client.post(reverse("accounts:register_exhibitor"), exhibitor_form())
    assert response.status_code == 302
    user = User.objects.get(username="szexpo")
    assert user.unit.is_exhibitor and not user.unit.is_partner
    assert user.groups.filter(name=EXHIBITOR).exists()


def test_a_wrong_uscc_check_character_is_explained(client):
    response = client.post(
        reverse("accounts:register_exhibitor"), exhibitor_form(**{"org-uscc": "91440300MA5D7L2Q1X"})
    )
    page = response.content.decode()
    assert "第 18 位应为 0" in page
    assert 'value="深圳福田区福华三路"' not in page and "深圳市福田区福华三路" in page
    assert not User.objects.filter(username="szexpo").exists()


def test_a_foreign_organization_registers_in_english_without_a_chinese_name(client):
    client.post(reverse("set_language"), {"language": "en"})
    response = client.post(
        reverse("accounts:register_exhibitor"),
        exhibitor_form(
            **{
                "org-name_zh": "",
                "org-name_en": "Fraunhofer Test Institute",
                "org-kind": "foreign",
                "org-country": "DE",
                "org-uscc": "",
                "account-preferred_language": "en",
            }
        ),
    )
    assert response.status_code == 302
    unit = User.objects.get(username="szexpo").unit
    assert unit.name_zh == unit.name_en == "Fraunhofer Test Institute"


def test_a_chinese_organization_must_give_its_uscc(client):
    response = client.post(
        reverse("accounts:register_exhibitor"), exhibitor_form(**{"org-uscc": ""})
    )
    assert "中国境内机构请填写统一社会信用代码" in response.content.decode()


def test_login_is_throttled_after_repeated_failures(client):
    UserFactory(username="victim")
    for _attempt in range(4):
        response = client.post(reverse("accounts:login"), {"username": "victim", "password": "x"})
        assert response.status_code == 200
        assert "请输入一个正确的" in response.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "victim", "password": "x"})
    assert response.status_code == 429
    # Locked out even with the right password, until the cool-off passes.
    response = client.post(
        reverse("accounts:login"), {"username": "victim", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()


def test_each_role_lands_where_it_works(client):
    organizer = UserFactory(unit=None, is_staff=True, role=ORGANIZER)
    client.force_login(organizer)
    assert client.get(reverse("accounts:landing")).url == reverse("admin:index")
    liaison = UserFactory()
    client.force_login(liaison)
    assert client.get(reverse("accounts:landing")).url == reverse("submissions:dashboard")


def test_password_reset_mails_a_working_link(client):
    UserFactory(username="forgetful", email="forgetful@example.cn")
    client.post(reverse("accounts:password_reset"), {"email": "forgetful@example.cn"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    response = client.get(link.replace("http://testserver", ""), follow=True)
    assert response.status_code == 200
    assert 'name="new_password1"' in response.content.decode()


def test_a_liaison_is_named_with_the_unit_in_the_readers_language(db):
    from django.utils import translation

    from tests.factories import LiaisonFactory

    liaison = LiaisonFactory(name="张华", unit__name_zh="广东省科学技术厅", unit__name_en="GDSTD")
    with translation.override("zh-hans"):
        assert str(liaison) == "张华（广东省科学技术厅）"
    with translation.override("en"):
        assert str(liaison) == "张华 (GDSTD)"
