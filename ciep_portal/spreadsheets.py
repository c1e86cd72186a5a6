"""Excel files (openpyxl) for downloads: safe cells, Chinese headers, streamed from memory.

Every workbook the portal produces is created by ``new_workbook`` and written by
``workbook_bytes``, the one writer: it passes every cell of every sheet through ``safe_cell``
whatever code filled it. A cell whose text starts with = + - @ (or a tab or carriage return)
would be run as a formula by Excel; it is stored with a leading apostrophe, which Excel shows
as text. The portal writes no formula of its own.
"""

import io
from collections.abc import Iterable
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    if isinstance(value, datetime):
        # Excel has no time zones: write Beijing wall-clock time (stated in the header).
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def new_workbook(*, empty: bool = False) -> Workbook:
    """A workbook to fill and hand to ``workbook_bytes``; ``empty``: without its first sheet."""
    book = Workbook()
    if empty:
        book.remove(book.active)
    return book


def workbook_bytes(book: Workbook) -> bytes:
    """The one writer: every cell made safe, then the file's bytes."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                safe = safe_cell(cell.value)
                if safe is not cell.value:
                    cell.value = safe
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook(sheets: Iterable[tuple[str, list[str], Iterable[Iterable]]]) -> bytes:
    """One sheet per (title, headers, rows); headers bold and frozen."""
    book = new_workbook(empty=True)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        sheet.append([str(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in rows:
            sheet.append(list(row))
        for index, header in enumerate(headers, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, len(str(header)) * 2)
    return workbook_bytes(book)


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
