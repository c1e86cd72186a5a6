"""An organizer's first sign-in when two-factor sign-in is required, in a real browser: the
password, the enrolment page (QR code, secret as text) on a desktop and a phone, a code from the
secret, the recovery codes, then the workbench — under the strict Content-Security-Policy."""

import base64

import pytest
from django_otp.oath import totp

from accounts.roles import ORGANIZER
from tests.browser import shot
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSP_REPORT = "Content Security Policy"


def test_an_organizer_enrols_with_the_qr_page_and_reaches_the_workbench(
    page, live_server, settings
):
    settings.OTP_REQUIRED_FOR_STAFF = True
    UserFactory(username="li_ming", unit=None, is_staff=True, role=ORGANIZER)
    reports = []
    page.on("console", lambda message: reports.append(message.text))

    page.goto(live_server.url + "/admin/")
    page.wait_for_url("**/accounts/login/**")
    page.fill("input[name=username]", "li_ming")
    page.fill("input[name=password]", "correct-horse-battery")
    page.get_by_role("button", name="登录").last.click()
    page.wait_for_url("**/accounts/two-factor/setup/**")
    assert "组委会和审核人员的账户必须使用两步验证" in page.content()
    qr = page.locator("img.totp-qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    shot(page, "two-factor-setup-zh")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "two-factor-setup-phone-zh")

    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=code]", f"{totp(key):06d}")
    page.get_by_role("button", name="确认并开启").click()
    page.wait_for_url("**/accounts/two-factor/recovery-codes/**")
    assert page.locator("#recovery-codes li").count() == 10
    shot(page, "two-factor-recovery-codes-phone-zh")

    page.get_by_role("button", name="我已保存，继续").click()
    page.wait_for_url("**/admin/")
    assert page.locator("#site-name").count() == 1
    assert [r for r in reports if CSP_REPORT in r] == []
