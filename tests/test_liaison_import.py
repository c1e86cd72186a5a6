"""The liaison list (附件4) imported in the admin: rows with their errors, and workbooks whose
XML declares a DOCTYPE or entities refused as a whole, naming the file, never a 500."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import ORGANIZER
from tests import media
from tests.factories import UnitFactory, UserFactory
from units.models import Liaison

pytestmark = pytest.mark.django_db

HEADER = ["序号", "单位", "姓名", "职务", "手机", "办公电话", "邮箱", "微信号"]

INTERNAL = b'<!DOCTYPE sst [<!ENTITY name "\xe5\xbc\xa0\xe4\xb8\x89\xe6\x89\xa9\xe5\xb1\x95">]>'
EXTERNAL = b'<!DOCTYPE sst [<!ENTITY name SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    b'<!DOCTYPE sst [<!ENTITY a0 "lol">'
    + b"".join(b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>"
)


def attachment4(unit_name: str) -> bytes:
    return media.xlsx(
        [
            ["宣传联络员信息表"],
            HEADER,
            [1, unit_name, "王五", "处长", "13800000000", "", "w@example.cn", ""],
        ]
    )


def with_doctype(workbook: bytes, doctype: bytes, entity: bytes) -> bytes:
    """The workbook with ``doctype`` declared in its sheet and the name "王五" replaced by a
    reference to its entity."""
    source, out = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                declaration_end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
                data = data[:declaration_end] + doctype + data[declaration_end:]
                data = data.replace("王五".encode("ascii", "xmlcharrefreplace"), entity)
                assert entity in data
            target.writestr(info, data)
    return out.getvalue()


@pytest.fixture
def organizer_client(client):
    client.force_login(UserFactory(unit=None, is_staff=True, role=ORGANIZER))
    return client


def post(client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("admin:units_liaison_import"), {"file": upload})


def test_a_clean_list_is_imported(organizer_client):
    unit = UnitFactory(name_zh="广东省科学技术厅")
    response = post(organizer_client, "附件4.xlsx", attachment4(unit.name_zh))
    assert response.status_code == 302
    assert Liaison.objects.get().name == "王五"


@pytest.mark.parametrize(
    "doctype,entity",
    [(INTERNAL, b"&name;"), (EXTERNAL, b"&name;"), (LAUGHS, b"&a9;")],
    ids=["internal-entity", "external-entity", "billion-laughs"],
)
def test_a_list_declaring_entities_is_refused_naming_the_file(organizer_client, doctype, entity):
    unit = UnitFactory(name_zh="广东省科学技术厅")
    hostile = with_doctype(attachment4(unit.name_zh), doctype, entity)
    response = post(organizer_client, "联络员-广东.xlsx", hostile)
    page = response.content.decode()
    assert response.status_code == 200
    assert "“联络员-广东.xlsx”：文档含有不安全的 XML 声明（DOCTYPE/ENTITY），已拒收" in page
    assert not Liaison.objects.exists()


def test_a_file_that_is_no_workbook_is_refused_with_a_message(organizer_client):
    response = post(organizer_client, "名单.xlsx", b"not a workbook at all")
    assert "无法读取该文件，请上传 .xlsx 格式的联络员信息表。" in response.content.decode()
    assert not Liaison.objects.exists()


def test_openpyxl_reads_workbooks_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML
