"""Goes through the recipe that deploy/recipe-check.sh brought up, as a browser would: nginx
over HTTPS in front of gunicorn. Standard library only (plus the test suite's media makers).

Fails, with what it got, if: plain HTTP does not send to HTTPS with the port; a page, a login
or an upload with an Origin header is refused; nginx cannot read collected static files or
uploaded media; a download served by nginx lacks the portal's headers.
"""

import argparse
import base64
import http.cookiejar
import os
import re
import ssl
import stat
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import media  # the repository's root, put on the path above

SANDBOX_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base: str, cafile: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        context = ssl.create_default_context(cafile=cafile)
        self.opener = urllib.request.build_opener(
            NoRedirect(),
            urllib.request.HTTPCookieProcessor(self.jar),
            urllib.request.HTTPSHandler(context=context),
        )

    def request(self, method, path, data=None, headers=None):
        url = path if "://" in path else self.base + path
        request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:  # 3xx and 4xx/5xx answers alike
            response = error
        return response.status, response.headers, response.read()

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(self, path, fields=None, files=None, headers=None):
        boundary = uuid.uuid4().hex
        body = b""
        for name, value in {"csrfmiddlewaretoken": self.csrf(), **(fields or {})}.items():
            body += (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            )
            body += str(value).encode() + b"\r\n"
        for name, (filename, content) in (files or {}).items():
            body += (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode()
            body += content + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Origin": self.base,  # as every browser sends with a POST
            "Referer": self.base + path,
            **(headers or {}),
        }
        return self.request("POST", path, body, headers)


def check(condition: bool, what: str, got="") -> None:
    print(("ok   " if condition else "FAIL ") + what + (f": {got}" if not condition else ""))
    if not condition:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("--https", "--http", "--cafile", "--media"):
        parser.add_argument(name, required=True)
    args = parser.parse_args()
    browser = Browser(args.https, args.cafile)

    status, headers, _ = browser.request("GET", args.http + "/accounts/login/")
    check(
        status == 301 and headers["Location"] == args.https + "/accounts/login/",
        "plain HTTP is sent to HTTPS, port included",
        f"{status} {headers['Location']}",
    )

    status, headers, body = browser.request("GET", "/accounts/login/")
    page = body.decode()
    check(status == 200, "the login page over HTTPS", f"{status} {headers.get('Location')}")
    check("max-age=31536000" in headers.get("Strict-Transport-Security", ""), "HSTS", headers)
    check("frame-ancestors 'none'" in headers.get("Content-Security-Policy", ""), "page CSP")

    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
    status, headers, body = browser.request("GET", stylesheet)
    check(
        status == 200 and headers.get("Cache-Control") == "max-age=604800" and body,
        f"nginx (www-data) reads collected static {stylesheet}",
        f"{status} {headers.get('Cache-Control')}",
    )

    user, password = os.environ["RECIPE_USER"], os.environ["RECIPE_PASSWORD"]
    status, headers, body = browser.post(
        "/accounts/login/", {"username": user, "password": password}
    )
    check(status == 302, "a login POST with an Origin header passes CSRF", f"{status} {body[:300]}")

    requirement = f"/requirements/{os.environ['RECIPE_REQUIREMENT']}/"
    status, _, _ = browser.request("GET", requirement)
    check(status == 200, "the requirement page", status)
    poster = media.jpeg(1200, 1600)
    status, headers, body = browser.post(
        requirement,
        {"title": "部署检查"},
        {"main": ("主视觉.jpg", poster), "source": ("主视觉.psd", media.psd())},
    )
    check(status == 302, "a poster uploaded through nginx", f"{status} {body[:300]}")
    item = headers["Location"]

    status, _, body = browser.request("GET", item)
    download = re.search(r'href="(/files/\d+/)"', body.decode()).group(1)
    status, headers, body = browser.request("GET", download)
    check(status == 200 and body == poster, "the poster downloaded, byte for byte", status)
    check(headers.get("Server", "").startswith("nginx"), "served by nginx", headers.get("Server"))
    check("X-Accel-Redirect" not in headers, "no internal header leaks")
    check(headers.get("Content-Security-Policy") == SANDBOX_CSP, "download CSP", headers)
    check(headers.get("X-Frame-Options") == "DENY", "download X-Frame-Options", headers)
    check(headers.get("X-Content-Type-Options") == "nosniff", "download nosniff", headers)
    check(headers.get("Content-Type") == "application/octet-stream", "download type", headers)
    check(headers.get("Content-Disposition", "").startswith("attachment"), "an attachment")

    root = Path(args.media)
    stored = [p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "tmp"]
    modes = {(stat.S_IMODE(p.stat().st_mode), p.group()) for p in stored}
    check(
        len(stored) >= 2 and modes == {(0o640, "www-data")},
        f"the {len(stored)} stored files are 0640, group www-data",
        modes,
    )

    tus = {"Tus-Resumable": "1.0.0", "X-CSRFToken": browser.csrf(), "Origin": args.https}
    status, headers, body = browser.request(
        "POST",
        "/uploads/",
        b"",
        {
            **tus,
            "Upload-Length": str(3 * 1024 * 1024),
            "Upload-Metadata": "filename " + base64.b64encode("宣传片.mp4".encode()).decode(),
        },
    )
    check(status == 201, "a resumable upload opened through nginx", f"{status} {body[:200]}")
    chunk = os.urandom(3 * 1024 * 1024)
    status, headers, body = browser.request(
        "PATCH",
        headers["Location"],
        chunk,
        {**tus, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
    )
    check(
        status == 204 and headers.get("Upload-Offset") == str(len(chunk)),
        "a 3 MiB piece sent through nginx",
        f"{status} {body[:200]}",
    )
    print("recipe: all checks passed")


if __name__ == "__main__":
    main()
