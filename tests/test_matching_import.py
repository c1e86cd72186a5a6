"""The committee imports the 征集表 that arrive by e-mail: rows become items of the named units;
units not yet in the portal are created and their contact receives an activation link."""

import re

import pytest
from django.core import mail

from accounts.models import User
from matching.kinds import ItemAction, ItemStatus
from matching.models import AccountInvitation, Item
from matching.workbooks import collection_template
from tests.factories import UnitFactory, UserFactory
from tests.test_matching_tables import GOOD_ROW, filled
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(matching_call):
    from notices.seed.regions import load_regions

    load_regions()
    return UserFactory(unit=None, is_staff=True, is_superuser=True, role="organizer")


def post_import(client, matching_call, rows):
    table = filled(collection_template(), rows)
    return client.post(
        "/admin/matching/item/import/",
        {"round": matching_call.rounds.get().pk, "table": table},
        follow=True,
    )


def activation_link(message) -> str:
    return re.search(r"http://\S+/matching/activate/\S+/", message.body).group(0)


def test_an_emailed_table_creates_the_new_unit_its_account_and_its_items(
    client, organizer, matching_call, django_capture_on_commit_callbacks
):
    known = UnitFactory(name_zh="已有单位")
    UserFactory(unit=known)
    rows = [
        GOOD_ROW | {"单位名称": "已有单位"},
        GOOD_ROW | {"单位名称": "新疆某研究院", "联系人": "阿依", "联系邮箱": "Ayi@Example.cn"},
        GOOD_ROW | {"单位名称": "新疆某研究院", "标题（中文）": "第二条", "标题（英文）": ""},
    ]
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        page = post_import(client, matching_call, rows).content.decode()
    assert "已导入 3 条供需信息；新建单位 1 个；激活邮件 1 封。" in page
    new = Unit.objects.get(name_zh="新疆某研究院")
    assert (new.contact_name, new.contact_email) == ("阿依", "Ayi@Example.cn")
    assert Item.objects.filter(unit=new).count() == 2
    assert Item.objects.filter(unit=known).count() == 1
    assert set(Item.objects.values_list("status", flat=True)) == {ItemStatus.IN_REVIEW}
    assert set(Item.objects.values_list("events__action", flat=True)) == {ItemAction.IMPORT}
    account = User.objects.get(unit=new)
    assert account.email == "ayi@example.cn" and not account.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["ayi@example.cn"] and "新疆某研究院" in message.body
    assert AccountInvitation.objects.get(user=account).sent_at is not None


def test_a_plain_list_brings_in_units_and_liaisons_before_a_notice(
    client, organizer, matching_call, django_capture_on_commit_callbacks
):
    rows = [
        {"单位名称": f"单位{n}", "联系人": f"联络员{n}", "联系邮箱": f"u{n}@example.cn"}
        for n in range(1, 6)
    ]
    client.force_login(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        page = post_import(client, matching_call, rows).content.decode()
    assert "已导入 0 条供需信息；新建单位 5 个；激活邮件 5 封。" in page
    assert not Item.objects.exists()
    assert (
        User.objects.filter(unit__name_zh__startswith="单位", groups__name="liaison").count() == 5
    )
    assert len(mail.outbox) == 5


def test_a_table_with_an_error_creates_no_unit_and_no_item(client, organizer, matching_call):
    rows = [
        GOOD_ROW | {"单位名称": "新单位甲"},
        GOOD_ROW | {"单位名称": ""},
        {"单位名称": "新单位乙", "联系人": "某人", "联系邮箱": "not-an-address"},
    ]
    client.force_login(organizer)
    page = post_import(client, matching_call, rows).content.decode()
    assert "第 4 行 · 单位名称：必须填写" in page
    assert "第 5 行 · 联系邮箱：“not-an-address” 不是有效的邮箱地址" in page
    assert not Unit.objects.filter(name_zh__startswith="新单位").exists()
    assert not Item.objects.exists()


def test_the_activation_link_sets_a_password_once(
    client, organizer, matching_call, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    rows = [{"单位名称": "新单位丙", "联系人": "丙", "联系邮箱": "bing@example.cn"}]
    with django_capture_on_commit_callbacks(execute=True):
        post_import(client, matching_call, rows)
    client.logout()
    link = activation_link(mail.outbox[0]).replace("http://127.0.0.1:8000", "")
    assert "新单位丙" in client.get(link).content.decode()
    response = client.post(
        link, {"new_password1": "Kx9!long-pass", "new_password2": "Kx9!long-pass"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/matching/unit/"
    assert "账号已激活" in response.content.decode()
    assert AccountInvitation.objects.get().activated_at is not None
    client.logout()
    assert client.get(link).status_code == 400  # used once
    response = client.post(
        "/accounts/login/", {"username": "bing@example.cn", "password": "Kx9!long-pass"}
    )
    assert response.status_code == 302  # the chosen password logs in


def test_only_those_who_may_change_items_import(client, matching_call):
    from accounts.roles import ensure_role_groups

    ensure_role_groups()
    reviewer = UserFactory(unit=None, is_staff=True, role="reviewer")
    client.force_login(reviewer)
    assert client.get("/admin/matching/item/print/").status_code == 200  # reviewers read
    assert client.get("/admin/matching/item/import/").status_code == 403
    client.force_login(UserFactory())  # a liaison
    assert client.get("/admin/matching/item/import/").status_code == 302  # to the admin login
