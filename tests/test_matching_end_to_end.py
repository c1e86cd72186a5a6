"""The whole 张揭榜 path, as the people involved walk it: the committee imports an e-mailed
征集表 naming a new unit → its contact activates the account from the e-mail → adds an item
on the web → the committee accepts it and marks it 重点 → it is on the board and in the
printed PDF → a visitor answers (揭榜) → the unit sees the answer."""

import re
import subprocess

import pytest
from django.core import mail
from django.test import Client

from matching.models import Item, Sector
from matching.workbooks import collection_template
from tests.factories import UserFactory
from tests.test_matching_tables import filled

pytestmark = pytest.mark.django_db


def test_from_the_emailed_table_to_the_answer_the_unit_reads(
    matching_call, django_capture_on_commit_callbacks, tmp_path
):
    committee, liaison, visitor = Client(), Client(), Client()
    organizer = UserFactory(unit=None, is_staff=True, is_superuser=True, role="organizer")
    committee.force_login(organizer)

    # 1. The committee imports the table a new unit e-mailed (a plain row: unit and contact).
    table = filled(
        collection_template(),
        [{"单位名称": "青海省科学技术厅", "联系人": "马老师", "联系邮箱": "ma@qh.example.cn"}],
    )
    with django_capture_on_commit_callbacks(execute=True):
        committee.post(
            "/admin/matching/item/import/",
            {"round": matching_call.rounds.get().pk, "table": table},
        )
    [activation] = mail.outbox
    link = re.search(r"http://[^/]+(/matching/activate/\S+/)", activation.body).group(1)

    # 2. Its contact activates the account and lands on the unit's page.
    response = liaison.post(
        link, {"new_password1": "Qh-2026-long!", "new_password2": "Qh-2026-long!"}, follow=True
    )
    assert "青海省科学技术厅" in response.content.decode()

    # 3. … and adds an item on the web.
    liaison.post(
        "/matching/unit/items/new/",
        {
            "kind": "project",
            "title_zh": "高原光伏组件可靠性联合测试",
            "title_en": "Joint reliability testing of PV modules at high altitude",
            "summary_zh": "在海拔三千米以上开展光伏组件长期户外测试。",
            "summary_en": "Long-term outdoor testing of PV modules above 3,000 metres.",
            "sector": Sector.objects.get(name_zh="绿色低碳").pk,
            "contact_name": "马老师",
            "contact_email": "ma@qh.example.cn",
        },
    )
    item = Item.objects.get(unit__name_zh="青海省科学技术厅")

    # 4. The committee accepts it and marks it 重点.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        committee.post("/admin/matching/item/", {"action": "accept", "_selected_action": [item.pk]})
        committee.post(
            "/admin/matching/item/",
            {"action": "mark_key", "_selected_action": [item.pk], "apply": "1"},
        )
    item.refresh_from_db()
    assert item.status == "accepted" and item.is_key
    assert any(m.subject.endswith("：采用") for m in mail.outbox)

    # 5. It is on the public board and in the printed board.
    board = visitor.get("/matching/boards/projects/").content.decode()
    assert "高原光伏组件可靠性联合测试" in board and "重点" in board
    pdf = tmp_path / "board.pdf"
    pdf.write_bytes(committee.get("/matching/print/projects.pdf").content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "高原光伏组件可靠性联合测试" in text

    # 6. A visitor answers.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            f"/matching/items/{item.pk}/",
            {
                "name": "Lars Nilsson",
                "organization": "Solar Institute (SE)",
                "country": "SE",
                "email": "lars@example.se",
                "message": "We run high-altitude test fields and can join.",
            },
            follow=True,
        )
    assert "揭榜留言已提交" in response.content.decode()
    assert {"eo@example.cn", "ma@qh.example.cn"} <= {m.to[0] for m in mail.outbox}

    # 7. The unit sees the answer on its page.
    page = liaison.get("/matching/unit/").content.decode()
    assert "Lars Nilsson" in page and "We run high-altitude test fields and can join." in page
