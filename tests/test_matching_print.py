"""The printed boards for the halls: key public items only, Chinese fonts embedded, each with
a QR code that opens the item's page. Checked the way a person would: rendered (poppler) and
read back."""

import subprocess

import pytest
import zxingcpp
from PIL import Image

from matching.kinds import ItemAction, ItemKind
from matching.services import review
from tests.factories import EditionFactory, UnitFactory, UserFactory
from tests.matching_support import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(db):
    return UserFactory(unit=None, is_staff=True, is_superuser=True, role="organizer")


def key_item(call, unit, organizer, *, halls=None, **values):
    item = make_item(call, unit, **values)
    review.review(item=item, action=ItemAction.ACCEPT, by=organizer)
    review.mark_key(item=item, by=organizer, key=True, halls=halls)
    return item


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_the_printed_board_holds_key_public_items_with_codes_to_their_pages(
    client, matching_call, organizer, tmp_path
):
    from conference.models import Hall

    edition = EditionFactory()
    hall_1, hall_2 = (
        Hall.objects.create(edition=edition, number=n, name_zh=f"{n}号馆") for n in (1, 2)
    )
    unit = UnitFactory(name_zh="广东省科学技术厅")
    key = key_item(matching_call, unit, organizer, title_zh="氢燃料电池联合研发")
    only_hall_2 = key_item(matching_call, unit, organizer, title_zh="二号馆专项", halls=[hall_2])
    secret = key_item(matching_call, unit, organizer, title_zh="保密雷达组件", confidential=True)
    plain = make_item(matching_call, unit, title_zh="普通条目")
    review.review(item=plain, action=ItemAction.ACCEPT, by=organizer)
    key_item(matching_call, unit, organizer, title_zh="首席科学家", kind=ItemKind.TALENT)

    assert client.get("/matching/print/projects.pdf").status_code == 302  # staff only
    client.force_login(organizer)
    response = client.get(f"/matching/print/projects.pdf?hall={hall_1.pk}")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "board.pdf"
    pdf.write_bytes(response.content)

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A1)" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSansCJKSC" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded
    text = pdf_text(pdf)
    assert "项目合作榜" in text and key.title_zh in text and "Joint R&D" in text
    assert only_hall_2.title_zh not in text  # posted in hall 2 only
    assert secret.title_zh not in text and plain.title_zh not in text
    assert "首席科学家" not in text  # the other board
    assert "secret.contact@unit.example.cn" not in text and "王工" not in text

    subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(tmp_path / "page")], check=True)
    codes = {c.text for c in zxingcpp.read_barcodes(Image.open(tmp_path / "page-1.png"))}
    assert codes == {f"http://127.0.0.1:8000/matching/items/{key.pk}/"}

    a0 = client.get("/matching/print/talent.pdf?paper=A0")
    (tmp_path / "a0.pdf").write_bytes(a0.content)
    assert "首席科学家" in pdf_text(tmp_path / "a0.pdf")
    info = subprocess.run(["pdfinfo", str(tmp_path / "a0.pdf")], capture_output=True, text=True)
    assert "(A0)" in info.stdout
