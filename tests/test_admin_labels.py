"""What the page tour's accessibility check asks of the admin, on the server's side: every input
has a label, every choice can be told from the others, and Chinese quoted on an English page is
marked as Chinese (issue 15)."""

import json
import re

import pytest
from django.urls import reverse

from accounts.roles import ORGANIZER
from conference.models import Region
from tests.factories import EditionFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(client):
    user = UserFactory(unit=None, is_staff=True, is_superuser=True, role=ORGANIZER)
    client.force_login(user)
    return user


def test_both_inputs_of_a_date_and_time_have_labels(client, organizer):
    """Django's split date/time widget captions its inputs with bare text: the time input had no
    name at all for a screen reader (axe: label, critical)."""
    page = client.get(reverse("admin:submissions_deadlineextension_add")).content.decode()
    for part in ("0", "1"):
        assert re.search(rf'<label for="id_due_at_{part}"[^>]*>[^<]+</label>', page), part


def test_a_units_sections_name_their_edition(client, organizer):
    """Every edition has a "开幕式": the unit's sections list named two identical choices."""
    for number in (20, 21):
        edition = EditionFactory(number=number, is_current=number == 21)
        SectionFactory(edition=edition, name_zh="开幕式")
    page = client.get(reverse("admin:units_unit_add")).content.decode()
    assert "第20届测试大会 · 开幕式" in page and "第21届测试大会 · 开幕式" in page


def test_the_liaison_import_quotes_its_chinese_columns_as_chinese(client, organizer):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("admin:units_liaison_import")).content.decode()
    assert '<code lang="zh-Hans">单位</code> (Unit)' in page
    assert '<code lang="zh-Hans">微信号</code> (WeChat ID)' in page
    # The title is the page's one heading (the template repeated Django's own).
    assert page.count("<h1") == 1


def test_the_english_admin_counts_in_plural(client, organizer):
    """Chinese has one form for both: the English admin said "0 Submission" and listed
    "Unit", "Call" on its index."""
    client.cookies["django_language"] = "en"
    index = client.get(reverse("admin:index")).content.decode()
    assert ">Submissions</a>" in index and ">Units</a>" in index
    listing = client.get(reverse("admin:submissions_submission_changelist")).content.decode()
    assert "0 Submissions" in listing
    # Chinese is unchanged.
    client.cookies["django_language"] = "zh-hans"
    assert ">提交材料</a>" in client.get(reverse("admin:index")).content.decode()


def test_the_region_filter_follows_the_readers_alphabet(client, organizer):
    """In English the provinces ran "Anhui, Macao SAR, Bao'an District…" (the Chinese order)."""
    for code, zh, en in [
        ("r1", "北京市", "Beijing"),
        ("r3", "安徽省", "Anhui"),
        ("r2", "澳门", "Macao SAR"),
    ]:
        Region.objects.create(code=code, kind="province", name_zh=zh, name_en=en)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("admin:units_unit_changelist")).content.decode()
    positions = [page.index(f">{name}</a>") for name in ("Anhui", "Beijing", "Macao SAR")]
    assert positions == sorted(positions)


def test_the_chinese_admin_picker_speaks_chinese(client, organizer):
    """Django 5.2's Chinese catalogue lacks the two-list picker's newer strings: the Chinese unit
    form read "Choose 负责的板块 by selecting them…" (locale/zh_Hans/LC_MESSAGES/djangojs.po)."""
    client.cookies["django_language"] = "zh-hans"
    catalog = client.get(reverse("admin:jsi18n")).content.decode()
    # The catalogue is JSON inside the script: Chinese as \\uXXXX escapes.
    for chinese in ("全选%s", "删除全部%s"):
        assert json.dumps(chinese) in catalog, chinese
