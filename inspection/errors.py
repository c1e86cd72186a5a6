"""The one exception of the media library: a code and measured values, never message text."""

CODES = frozenset(
    {
        "empty_file",
        "unknown_type",
        "image_undecodable",
        "image_truncated",
        "image_bomb",
        "video_undecodable",
        "video_no_stream",
        "video_truncated",
        "video_no_media",
        "document_macro",
        "document_unsafe_xml",
        "document_undecodable",
        "zip_bomb",
        "zip_undecodable",
        "zip_unsafe_name",
        "design_zip_member",
    }
)


class MediaError(Exception):
    """A file that cannot be accepted or measured; ``params`` holds the measured values.

    The caller renders the message (in the user's language) from ``code`` and ``params``.
    """

    def __init__(self, code: str, params: dict | None = None):
        if code not in CODES:
            raise ValueError(f"unknown media error code {code!r}")
        self.code = code
        self.params = dict(params or {})
        super().__init__(code, self.params)
