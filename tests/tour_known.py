"""Findings of the page tour that are known and not fixed yet, each with its reason.

A finding that matches one of these does not fail the tour; a pattern that no longer matches
anything fails it (remove the line: it is fixed). Remove lines as the issues are fixed.
"""

import re

KNOWN = [
    # Admin (Django's own templates and widgets); tracked in issue #15.
    (
        r"axe serious link-in-text-block: .*(\.breadcrumbs|/exhibition/files/scans/)",
        "admin breadcrumbs are links told apart by colour only: needs a stylesheet in "
        "admin/base_site.html, which h15b changes for the admin's language switch",
    ),
    (
        r"axe critical (label|select-name): .*#id_(\w+-\d+-\w+|\w+_[01])\b",
        "Django admin tabular inlines and list_editable cells (labelled by their column "
        "header only) and split date/time widgets",
    ),
    (r"axe serious aria-input-field-name: .*select2", "Django admin autocomplete (select2)"),
    (r"axe serious aria-prohibited-attr: .*(help-tooltip|过滤)", "Django admin filter_horizontal"),
    (
        r"cut off: label shows 1\d×18 of 18×37 px",
        "Django admin filter_horizontal's search labels at 390 px",
    ),
    (
        r"cut off: p shows \d+×14 of \d+×\d+ px",
        "Django admin tabular inlines cut an object's title to one line at 390 px",
    ),
    (
        r"axe serious color-contrast: .*(\.status-|\.cell-|\.slot-featured)",
        "admin status badges, matrix cells and the publication calendar's ★ below 4.5:1 "
        "(h15b restyles the status badges)",
    ),
    (r"cut off: div\.form-row\.field-kind", "admin change form of a unit: the unit type row"),
    # English pages.
    (
        r"Chinese on an English page: 'The header row must include: 单位 \(unit\)",
        "deliberate: the Chinese column names the liaison workbook must have, quoted",
    ),
]

# Project matching (merged this session; tracked in issue #15).
KNOWN += [
    (
        r"cut off: p\.card-text\.board-summary",
        "deliberate: a board's cards show three lines of the summary (line-clamp); the item's "
        "page has it whole",
    ),
    (
        r"\(/matching/items/\d+/\): Chinese on an English page",
        "user data: an item's offered, sought and terms have no English field (the issue asks "
        "English for the title and summary only)",
    ),
    (
        r"\(/matching/unit/(items/\d+/)?\): Chinese on an English page",
        "the unit's own items are listed and edited under their Chinese titles on the English "
        "page (should follow the reader's language when an English title exists)",
    ),
    (
        r"Chinese on an English page: .*only “单位名称, 联系人",
        "deliberate: the Chinese column names the 征集表 / unit list must have, quoted",
    ),
    (
        r"Chinese on an English page: 'Where \"\{截止时间\}\"",
        "deliberate: the Chinese placeholder organizers write in Chinese guidance, quoted",
    ),
]

_PATTERNS = [(re.compile(pattern), reason) for pattern, reason in KNOWN]


def split_known(findings: list[str]) -> tuple[list[str], list[str]]:
    known, new = [], []
    for finding in findings:
        reason = next((r for p, r in _PATTERNS if p.search(finding)), None)
        (known.append(f"{finding}  [known: {reason}]") if reason else new.append(finding))
    return known, new


def fixed_known(known: list[str]) -> list[str]:
    return [p.pattern for p, reason in _PATTERNS if not any(reason in k for k in known)]
