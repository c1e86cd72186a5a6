"""A liaison's browser, reduced to HTTP: log in, post forms, send files (loopback only)."""

import base64
import http.client
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import requests

SEND_BLOCK = 1024 * 1024
# The piece size static/js/uploads.js sends, read from the script so the two cannot drift.
_SCRIPT = Path(__file__).resolve().parent.parent / "static" / "js" / "uploads.js"
TUS_CHUNK = int(re.search(r"CHUNK_SIZE = (\d+) \* 1024 \* 1024;", _SCRIPT.read_text())[1]) << 20
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Refused(Exception):
    pass


class Browser:
    def __init__(self, base_url: str):
        self.base_url = base_url
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.session = requests.Session()

    # --- pages -----------------------------------------------------------------------------

    def login(self, username: str, password: str) -> None:
        page = self.session.get(self.url("/accounts/login/"))
        token = _CSRF_INPUT.search(page.text)[1]
        response = self.session.post(
            self.url("/accounts/login/"),
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise Refused(f"login of {username}: HTTP {response.status_code}")

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def csrf_token(self) -> str:
        return self.session.cookies["csrftoken"]

    def form_token(self, path: str) -> str:
        """The CSRF token a page's form carries (what a browser would post back)."""
        return _CSRF_INPUT.search(self.session.get(self.url(path)).text)[1]

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)

    # --- files -----------------------------------------------------------------------------

    def post_file_streamed(self, path: str, fields: dict, file_field: str, file: Path):
        """A multipart form post whose file part is read from disk as it is sent, as a
        browser does: nothing of the file is held in this process. Returns (status, location)."""
        boundary = f"----bench{uuid.uuid4().hex}"
        fields = {"csrfmiddlewaretoken": self.csrf_token, **fields}
        head = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
            for name, value in fields.items()
        )
        head += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        length = len(head) + file.stat().st_size + len(tail)
        connection = http.client.HTTPConnection(self.host, self.port, timeout=600)
        try:
            connection.putrequest("POST", path)
            connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
            connection.putheader("Content-Length", str(length))
            connection.putheader("Cookie", self.cookie_header())
            connection.endheaders()
            connection.send(head)
            with open(file, "rb") as source:
                while block := source.read(SEND_BLOCK):
                    connection.send(block)
            connection.send(tail)
            response = connection.getresponse()
            response.read()
            return response.status, response.getheader("Location")
        finally:
            connection.close()

    def tus_upload(self, file: Path, *, filetype: str = "video/mp4") -> str:
        """Create a resumable upload and PATCH the file in TUS_CHUNK pieces; return its id."""
        size = file.stat().st_size
        metadata = ",".join(
            f"{key} {base64.b64encode(value.encode()).decode()}"
            for key, value in {"filename": file.name, "filetype": filetype}.items()
        )
        status, headers = self._tus(
            "POST", "/uploads/", {"Upload-Length": str(size), "Upload-Metadata": metadata}
        )
        if status != 201:
            raise Refused(f"tus create: HTTP {status}")
        location = headers["Location"]
        offset = 0
        with open(file, "rb") as source:
            while chunk := source.read(TUS_CHUNK):
                status, headers = self._tus(
                    "PATCH",
                    location,
                    {
                        "Upload-Offset": str(offset),
                        "Content-Type": "application/offset+octet-stream",
                    },
                    chunk,
                )
                if status != 204:
                    raise Refused(f"tus PATCH at {offset}: HTTP {status}")
                offset = int(headers["Upload-Offset"])
        return location.rstrip("/").rsplit("/", 1)[-1]

    def _tus(self, method: str, path: str, headers: dict, body: bytes = b""):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=600)
        try:
            connection.putrequest(method, path)
            for name, value in {
                "Tus-Resumable": "1.0.0",
                "X-CSRFToken": self.csrf_token,
                "Cookie": self.cookie_header(),
                "Content-Length": str(len(body)),
                **headers,
            }.items():
                connection.putheader(name, value)
            connection.endheaders()
            view = memoryview(body)
            for start in range(0, len(body), SEND_BLOCK):
                connection.send(view[start : start + SEND_BLOCK])
            response = connection.getresponse()
            response.read()
            return response.status, dict(response.getheaders())
        finally:
            connection.close()
