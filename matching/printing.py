"""The printed boards for the halls (张榜): one PDF per board, for every hall or one hall,
A1 or A0 portrait; the key items in three columns, each with a QR code to its page.

Only ``selectors.print_items`` feeds this: key items that are public (accepted, not 不公开, not
closed), without contacts. The Noto Sans CJK fonts are embedded (subset), so the hall's
printer needs no Chinese fonts of its own.
"""

import logging
from dataclasses import dataclass
from pathlib import Path

import qrcode
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, WrapMode

from ciep_portal.mail import site_url
from matching.kinds import Board
from matching.selectors import PublicItem, print_items

# fontTools reports every subset it makes at INFO; a board is not worth a page of log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

PAPER_SIZES = {"A1": (594, 841), "A0": (841, 1189)}
FONT_DIR = Path(getattr(settings, "CJK_FONT_DIR", "/usr/share/fonts/opentype/noto"))
SIMPLIFIED_CHINESE = 2  # the SC face in the Noto Sans CJK collection
BLUE, INK, GREY, GOLD = (22, 64, 122), (33, 37, 41), (98, 106, 114), (196, 140, 22)
COLUMNS, ROWS = 3, 5
ENGLISH_BOARD = {Board.PROJECTS: "Project Cooperation Board", Board.TALENT: "Talent Demand Board"}


@dataclass(frozen=True)
class Layout:
    """Millimetres on A1; everything scales with the paper's width."""

    scale: float
    width: float
    height: float

    def mm(self, value: float) -> float:
        return value * self.scale

    def pt(self, value: float) -> float:
        return value * self.scale


class BoardPDF(FPDF):
    def __init__(self, layout: Layout):
        super().__init__(orientation="P", unit="mm", format=(layout.width, layout.height))
        self.layout = layout
        self.set_auto_page_break(False)
        self.set_margin(0)
        self.add_font(
            "noto",
            "",
            FONT_DIR / "NotoSansCJK-Regular.ttc",
            collection_font_number=SIMPLIFIED_CHINESE,
        )
        self.add_font(
            "noto",
            "B",
            FONT_DIR / "NotoSansCJK-Bold.ttc",
            collection_font_number=SIMPLIFIED_CHINESE,
        )

    def lines(self, text: str, width: float, size: float, *, bold=False, wrap=WrapMode.CHAR):
        self.set_font("noto", "B" if bold else "", size)
        return self.multi_cell(
            width, 1, text, dry_run=True, output=MethodReturnValue.LINES, wrapmode=wrap
        )

    def write_lines(
        self, x, y, text, width, size, *, most, bold=False, colour=INK, wrap=WrapMode.CHAR
    ):
        lines = _keep_punctuation(self.lines(text, width, size, bold=bold, wrap=wrap))
        if len(lines) > most:
            lines = lines[:most]
            lines[-1] = lines[-1][: max(len(lines[-1]) - 2, 1)].rstrip() + "…"
        height = size * 0.3528 * 1.35  # points to millimetres, with line spacing
        self.set_text_color(*colour)
        for number, line in enumerate(lines):
            self.set_xy(x, y + number * height)
            self.cell(width, height, line)
        return y + len(lines) * height


# Chinese typesetting never starts a line with closing punctuation (避头点).
CLOSING = "，。、；：？！）》」』”’,.;:?!)"


def _keep_punctuation(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        while kept and line and line[0] in CLOSING:
            kept[-1], line = kept[-1] + line[0], line[1:]
        if line or not kept:
            kept.append(line)
    return kept


def board_pdf(board: Board, *, hall=None, paper: str = "A1") -> bytes:
    width, height = PAPER_SIZES[paper]
    layout = Layout(scale=width / PAPER_SIZES["A1"][0], width=width, height=height)
    pdf = BoardPDF(layout)
    pdf.set_title(f"{board.label} {ENGLISH_BOARD[board]}")
    pdf.set_creator("CIEP portal")
    items = print_items(board, hall)
    per_page = COLUMNS * ROWS
    pages = [items[i : i + per_page] for i in range(0, len(items), per_page)] or [[]]
    for number, chunk in enumerate(pages, start=1):
        pdf.add_page()
        _header(pdf, board, hall)
        for index, item in enumerate(chunk):
            _card(pdf, item, index % COLUMNS, index // COLUMNS)
        if not chunk:
            pdf.write_lines(
                layout.mm(40),
                layout.mm(200),
                _board_empty(),
                layout.mm(500),
                layout.pt(40),
                most=2,
                colour=GREY,
            )
        _footer(pdf, number, len(pages))
    return bytes(pdf.output())


def _board_empty() -> str:
    with override("zh-hans"):
        return str(_("暂无重点供需信息。")) + "  No key items yet."


def _header(pdf: BoardPDF, board: Board, hall) -> None:
    layout = pdf.layout
    pdf.set_fill_color(*BLUE)
    pdf.rect(0, 0, layout.width, layout.mm(95), style="F")
    with override("zh-hans"):
        title = str(board.label)
    pdf.write_lines(
        layout.mm(24),
        layout.mm(12),
        title,
        layout.mm(400),
        layout.pt(110),
        most=1,
        bold=True,
        colour=(255, 255, 255),
    )
    pdf.write_lines(
        layout.mm(24),
        layout.mm(57),
        ENGLISH_BOARD[board],
        layout.mm(400),
        layout.pt(44),
        most=1,
        colour=(255, 255, 255),
        wrap=WrapMode.WORD,
    )
    place = f"{hall.name_zh}  {hall.name_en}" if hall else "中国国际人才交流大会 · 张揭榜  CIEP"
    pdf.write_lines(
        layout.mm(24),
        layout.mm(78),
        place,
        layout.mm(550),
        layout.pt(26),
        most=1,
        colour=(220, 230, 245),
    )


def _card(pdf: BoardPDF, item: PublicItem, column: int, row: int) -> None:
    layout = pdf.layout
    margin, gap, top, bottom = layout.mm(20), layout.mm(10), layout.mm(108), layout.mm(40)
    width = (layout.width - 2 * margin - (COLUMNS - 1) * gap) / COLUMNS
    height = (layout.height - top - bottom - (ROWS - 1) * gap) / ROWS
    x, y = margin + column * (width + gap), top + row * (height + gap)
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(layout.mm(0.8))
    pdf.rect(x, y, width, height)
    pdf.set_fill_color(*GOLD)
    pdf.rect(x, y, layout.mm(4), height, style="F")
    pad = layout.mm(8)
    inner = width - 2 * pad
    qr_size = layout.mm(42)
    with override("zh-hans"):
        kind_zh = str(item.kind_label)
    with override("en"):
        kind_en = str(item.kind_label)
    cursor = pdf.write_lines(
        x + pad,
        y + layout.mm(6),
        f"{kind_zh} · {kind_en}",
        inner,
        layout.pt(20),
        most=1,
        bold=True,
        colour=GOLD,
    )
    cursor = pdf.write_lines(
        x + pad,
        cursor + layout.mm(1),
        item.title_zh,
        inner,
        layout.pt(30),
        most=2,
        bold=True,
        colour=BLUE,
    )
    cursor = pdf.write_lines(
        x + pad, cursor, item.title_en, inner, layout.pt(19), most=2, colour=INK, wrap=WrapMode.WORD
    )
    meta = " · ".join(filter(None, (item.sector_zh, item.region_zh, item.unit_zh)))
    cursor = pdf.write_lines(
        x + pad, cursor + layout.mm(2), meta, inner, layout.pt(16), most=1, colour=GREY
    )
    text_width = inner - qr_size - layout.mm(4)
    pdf.write_lines(
        x + pad,
        cursor + layout.mm(2),
        item.summary_zh,
        text_width,
        layout.pt(17),
        most=5,
        colour=INK,
    )
    url = site_url() + reverse("matching:item", args=[item.pk])
    image = qrcode.make(url, border=1, box_size=8).get_image()
    qr_x, qr_y = x + width - pad - qr_size, y + height - pad - qr_size
    pdf.image(image, qr_x, qr_y, qr_size, qr_size)
    caption_width = layout.mm(40)
    caption_y = qr_y + qr_size - layout.mm(14)
    pdf.write_lines(
        qr_x - caption_width - layout.mm(3),
        caption_y,
        "扫码揭榜",
        caption_width,
        layout.pt(18),
        most=1,
        bold=True,
        colour=BLUE,
    )
    pdf.write_lines(
        qr_x - caption_width - layout.mm(3),
        caption_y + layout.mm(8),
        "Scan to respond",
        caption_width,
        layout.pt(14),
        most=1,
        colour=GREY,
    )


def _footer(pdf: BoardPDF, number: int, total: int) -> None:
    layout = pdf.layout
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    text = (
        f"扫描二维码查看详情并在线揭榜 · Scan a code to read the item and respond online · "
        f"{site_url()}    {number}/{total}    {stamp}"
    )
    pdf.write_lines(
        layout.mm(20),
        layout.height - layout.mm(28),
        text,
        layout.width - layout.mm(40),
        layout.pt(18),
        most=1,
        colour=GREY,
        wrap=WrapMode.WORD,
    )
