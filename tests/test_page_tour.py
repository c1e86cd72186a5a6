"""Every page, as every role that may see it, in Chinese and English, on a desktop and a phone.

The tour builds the demo plus items and applications in every state (tests/tour_content.py)
once, then opens every page of the URL map and of the admin registry (tests/tour.py) in one
Chromium: one browser context per role × language × width. In every page it fails on:

- a 5xx, a console error, an uncaught exception or a failed request;
- a visible form control, table or upload area 0 px wide or high, or content cut off by an
  ``overflow: hidden`` box (a box cut on purpose has ``text-overflow: ellipsis`` and a title, or a
  ``-webkit-line-clamp`` whose ellipsis shows the cut);
- on the portal's own pages (not the admin) at 390 px, the page scrolling sideways;
- on an English page, Chinese text that is neither user data nor a proper name. User data and
  proper names are the texts stored in the database (the admin shows both ``*_zh`` and
  ``*_en`` columns; the portal must show the ``*_en`` one when it is filled), and anything
  inside an element marked ``lang="zh-Hans"`` (a Chinese name shown on purpose, such as the
  language switch) or ``translate="no"``;
- an axe-core violation of impact serious or critical (WCAG 2.1 A/AA rules: labels, contrast,
  names of buttons and links, the page language), checked at 1280 px only: axe's rules do not
  change with the width, and it is the slowest step.

Pages a role may not see (redirect to the login page, 403, 404) are passed over for that role;
every page must be seen by at least one role. Downloads are fetched once per role and must
answer 200 with no HTML. Screenshots of every page go to test-artifacts/tour/.
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from accounts.models import User
from tests.browser import ARGS, ARTIFACTS, chromium_or_skip
from tests.tour import FRAGMENTS, PAGE_CHECKS, untranslated, urls_to_visit, user_texts
from tests.tour_content import build_tour_content
from tests.tour_known import fixed_known, split_known

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "anonymous": None,
    "liaison": "liaison_gd",
    "exhibitor": "exhibitor",
    "reviewer": "reviewer",
    "organizer": "organizer",
}
STAFF = ("reviewer", "organizer")
LANGUAGES = ("zh-hans", "en")
WIDTHS = {1280: 900, 390: 844}
# Reviewers see the organizers' admin pages read-only; the admin at 390 px is toured as the
# organizer, and 1280 px is the reviewers' desk.
WIDTHS_FOR = {"reviewer": (1280,)}
# axe looks at each page once, as the first role that opens it, in Chinese at 1280 px: its
# rules (labels, names, contrast, ARIA) do not change with the width or the language, and it
# is the slowest step. The language attribute of every page is checked in every language.
AXE_WIDTH, AXE_LANGUAGE = 1280, "zh-hans"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SHOTS = ARTIFACTS / "tour"
PHASES = ("load", "checks", "axe", "shot")


@dataclass
class Tour:
    server: str
    allowed_portal: list[str]
    allowed_admin: list[str]
    findings: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    # (role, url) a role may not open, learnt in its first context: access does not depend
    # on the language or the width.
    refused: set[tuple[str, str]] = field(default_factory=set)
    forbidden: set[str] = field(default_factory=set)  # answered 403: not this role's to open
    checked: set[str] = field(default_factory=set)  # URLs axe has looked at
    pages: int = 0
    downloads: int = 0
    seconds: dict = field(default_factory=lambda: dict.fromkeys(PHASES, 0.0))

    def timed(self, phase: str, began: float) -> float:
        now = time.monotonic()
        self.seconds[phase] += now - began
        return now

    def found(self, where: str, problems) -> None:
        self.findings.extend(f"{where}: {problem}" for problem in problems)


class PageWatch:
    """Console errors, uncaught exceptions and failed requests of the page being looked at."""

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        page.on("requestfailed", self.request_failed)
        page.on("response", self.response)

    def console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def request_failed(self, request):
        # A navigation to the next page aborts what the previous one still loads.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"request failed: {request.url} {request.failure}")

    def response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.problems.append(f"request failed: {response.url} → {response.status}")

    def take(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems


def session_cookie(username: str | None, base: str) -> list[dict]:
    if username is None:
        return []
    client = Client()
    client.force_login(User.objects.get(username=username))
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": value, "url": base}]


def refused(response, visit, page) -> bool:
    if response is None:
        return False
    if response.status in (403, 404):
        return True
    path = page.url.removeprefix(page.url.split("/", 3)[0] + "//" + page.url.split("/")[2])
    login = ("/accounts/login/", "/admin/login/")
    return path.startswith(login) and not visit.url.startswith(login)


def fetch(tour: Tour, context, role: str, visit) -> None:
    response = context.request.get(tour.server + visit.url, max_redirects=0)
    where = f"{role} {visit.label}"
    if response.status >= 500:
        tour.found(where, [f"answered {response.status}"])
    elif response.status == 200:
        tour.seen.add(visit.url)
        tour.downloads += 1
        kind = response.headers.get("content-type", "")
        if visit.name not in FRAGMENTS and kind.startswith("text/html"):
            tour.found(where, [f"a download answered HTML ({kind})"])


def look(tour: Tour, page, watch, visit, *, role: str, language: str, width: int, axe) -> None:
    where = f"{role} {language} {width}px {visit.label} ({visit.url})"
    if (role, visit.url) in tour.refused:
        return
    began = time.monotonic()
    response = page.goto(tour.server + visit.url, wait_until="load")
    began = tour.timed("load", began)
    if response is not None and response.status >= 500:
        tour.found(where, [f"answered {response.status}"])
        return
    if refused(response, visit, page):
        tour.refused.add((role, visit.url))
        if response.status == 403:
            tour.forbidden.add(visit.url)
        watch.take()
        return
    tour.seen.add(visit.url)
    tour.pages += 1
    # Where the page ended up: the organizer's home page redirects to the admin.
    in_admin = visit.admin or urlparse(page.url).path.startswith("/admin/")
    checks = page.evaluate(PAGE_CHECKS, {"phone": width < 500, "portalPage": not in_admin})
    problems = [f"empty: {e}" for e in checks["empty"]]
    problems += [f"cut off: {c}" for c in checks["clipped"]]
    problems += [f"scrolls sideways: {checks['sideways']}"] if checks["sideways"] else []
    allowed = tour.allowed_admin if in_admin else tour.allowed_portal
    chinese = untranslated(checks["chinese"], allowed)
    problems += [f"Chinese on an English page: {text!r}" for text in chinese]
    problems += watch.take()  # what the page logged while it loaded and was looked at
    began = tour.timed("checks", began)
    if checks["lang"] != language:
        problems.append(f"<html lang={checks['lang']!r}>, asked for {language}")
    if width == AXE_WIDTH and language == AXE_LANGUAGE and visit.url not in tour.checked:
        tour.checked.add(visit.url)
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        for v in violations:
            if v["impact"] in ("serious", "critical"):
                targets = ", ".join(str(n["target"][0]) for n in v["nodes"][:3])
                problems.append(f"axe {v['impact']} {v['id']}: {v['help']} ({targets})")
        watch.take()  # axe's own: the styles it applies to measure contrast, refused by the CSP
    began = tour.timed("axe", began)
    shot = SHOTS / f"{role}-{language}-{width}-{visit.label}.jpg"
    # caret="initial": hiding the caret injects a <style>, which the CSP refuses (a console
    # error of the tool's own).
    try:
        page.screenshot(path=str(shot), full_page=True, type="jpeg", quality=70, caret="initial")
    except PlaywrightError:
        # Chromium cannot always capture a very tall page whole ("Unable to capture
        # screenshot"); the screenshot is for people to look at, not a check: keep the view.
        page.screenshot(path=str(shot), type="jpeg", quality=70, caret="initial")
    tour.timed("shot", began)
    problems += watch.take()
    tour.found(where, problems)


def export_actions(tour: Tour, page, visits, *, role: str) -> None:
    """Each change list's export actions, run on every row, must hand over a file."""
    for visit in visits:
        if not visit.name.endswith("_changelist"):
            continue
        page.goto(tour.server + visit.url)
        select = page.locator("select[name=action]")
        if not select.count():
            continue
        values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
        for action in [v for v in values if "export" in v]:
            page.goto(tour.server + visit.url)
            page.locator("#action-toggle").check()
            page.select_option("select[name=action]", action)
            try:
                with page.expect_download(timeout=20_000) as download:
                    page.locator("button[name=index]").click()
                tour.downloads += download.value.path().stat().st_size > 0
            except Exception as error:  # reported as a finding, with its page
                tour.found(f"{role} {visit.label} action {action}", [f"no download: {error}"])


def tour_one(tour: Tour, visits, axe, *, role: str, cookies: list, language: str) -> None:
    """One role in one language, at each width: its own Playwright and Chromium, so that two
    of these run side by side (the server renders one page while Chromium draws another)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_or_skip(), args=ARGS)
        for width in WIDTHS_FOR.get(role, WIDTHS):
            context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
            context.add_cookies(
                cookies + [{"name": "django_language", "value": language, "url": tour.server}]
            )
            page = context.new_page()
            watch = PageWatch(page)
            first = language == LANGUAGES[0] and width == AXE_WIDTH
            for visit in visits:
                if visit.admin and role not in STAFF and visit.name != "admin:login":
                    continue  # the admin sends them to its login page, toured as anonymous
                if visit.download or visit.name in FRAGMENTS:
                    if first:
                        fetch(tour, context, role, visit)
                    continue
                look(tour, page, watch, visit, role=role, language=language, width=width, axe=axe)
            if first and role in STAFF:
                export_actions(tour, page, visits, role=role)
            context.close()
        browser.close()


def test_every_page_as_every_role(live_server):
    from axe_playwright_python.sync_playwright import Axe

    chromium_or_skip()
    started = time.monotonic()
    content = build_tour_content()
    visits = urls_to_visit(content)
    tour = Tour(
        server=live_server.url,
        allowed_portal=user_texts(admin_side=False),
        allowed_admin=user_texts(admin_side=True),
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    jobs = [
        {"role": role, "cookies": session_cookie(username, live_server.url), "language": language}
        for role, username in ROLES.items()
        for language in LANGUAGES
    ]
    # Playwright's sync API runs an event loop in each thread; the ORM is not used there.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for done in [pool.submit(tour_one, tour, visits, axe, **job) for job in jobs]:
                done.result()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # A page no role opens is a page nobody checks; a 403 for all is the admin refusing by
    # design (the organizers add no export jobs, reminder logs or e-mail templates by hand).
    unseen = sorted({v.url for v in visits} - tour.seen - tour.forbidden)
    tour.found("no role could open", unseen)
    known, findings = split_known(tour.findings)
    elapsed = time.monotonic() - started
    summary = (
        f"{len(visits)} URLs; {tour.pages} page views ({len(ROLES)} roles × {len(LANGUAGES)} "
        f"languages × widths, where the role may see the page), "
        f"{tour.downloads} downloads, {elapsed:.0f} s ("
        + ", ".join(f"{k} {v:.0f} s" for k, v in tour.seconds.items())
        + f"); {len(findings)} new findings, {len(known)} known (tests/tour_known.py)"
    )
    report = [summary, "", "NEW", *sorted(findings), "", "KNOWN", *sorted(known)]
    (SHOTS / "findings.txt").write_text("\n".join(report) + "\n")
    print(summary)
    assert not findings, summary + "\n" + "\n".join(sorted(findings)[:200])
    assert not (gone := fixed_known(known)), f"fixed: remove from tests/tour_known.py: {gone}"
