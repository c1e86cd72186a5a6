"""Findings of the page tour that are known and not fixed yet, each with its reason.

A finding that matches one of these does not fail the tour; a pattern that no longer matches
anything fails it (remove the line: it is fixed). Chinese that an English page quotes on
purpose (column names a table must have, a placeholder organizers type) is marked
``lang="zh-Hans"`` in the page, which the tour reads as intended, not listed here.
"""

import re

# Empty: every finding the tour has made is fixed. A finding that cannot be fixed yet goes
# here as (pattern, reason), e.g.
# (r"Chinese on an English page: 'Where", "the placeholder organizers type, quoted").
KNOWN: list[tuple[str, str]] = []

_PATTERNS = [(re.compile(pattern), reason) for pattern, reason in KNOWN]


def split_known(findings: list[str]) -> tuple[list[str], list[str]]:
    known, new = [], []
    for finding in findings:
        reason = next((r for p, r in _PATTERNS if p.search(finding)), None)
        (known.append(f"{finding}  [known: {reason}]") if reason else new.append(finding))
    return known, new


def fixed_known(known: list[str]) -> list[str]:
    return [p.pattern for p, reason in _PATTERNS if not any(reason in k for k in known)]
