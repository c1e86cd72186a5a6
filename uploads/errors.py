"""Refusals of the upload steps: each has a code, the values its message shows, and the message."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "upload_invalid": _("上传请求无效"),
    "no_unit": _("您的账户尚未关联单位，请联系组委会。"),
    "empty_file": _("文件为空（0 字节），请重新选择文件"),
    "filename_invalid": _("文件名无效，请重命名文件后再上传"),
    "upload_too_large": _("文件大小 %(size)s 超过上限 %(limit)s"),
    "chunk_too_large": _(
        "发送的数据超出文件末尾：文件共 %(length)s 字节，"
        "已收到 %(offset)s 字节，本次发送 %(chunk)s 字节"
    ),
    "offset_mismatch": _(
        "续传位置不一致：服务器已收到 %(expected)s 字节，本次从第 %(offset)s 字节开始"
    ),
    "upload_locked": _("此文件的上一段数据仍在写入，请稍后重试"),
    "upload_not_found": _("找不到此上传（可能已取消、已提交或已清理），请重新选择文件"),
    "upload_expired": _("此上传已过期（开始于 %(started)s，保留 %(hours)s 小时），请重新选择文件"),
    "upload_used": _(
        "文件“%(filename)s”已随上一次提交保存（提交按钮可能被点了两次），无需再次提交，"
        "请在本页的已提交列表中查看"
    ),
    "upload_gone": _("上传的文件已失效，请重新选择文件。"),
    "over_requirement_limit": "%(message)s",  # a rule's own message, already translated
    "too_many_open": _(
        "您已有 %(count)s 个未提交的上传（含未完成的），最多 %(limit)s 个：请先提交或取消其中一些，"
        "再上传新文件"
    ),
    "open_bytes_over_limit": _(
        "您未提交的上传共 %(open)s，加上此文件 %(size)s 将超过上限 %(limit)s："
        "请先提交或取消其中一些，再上传新文件"
    ),
    "no_room": _("服务器存储空间不足，无法接收此文件（%(size)s）：请稍后再试，或联系组委会"),
}


class UploadError(Exception):
    """A refused step; ``code`` names the rule and ``params`` hold the values the message shows."""

    code = "upload_invalid"

    def __init__(self, code: str | None = None, **params):
        self.code = code or self.code
        self.params = params
        super().__init__(self.code)

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]) % self.params


class UploadTooLarge(UploadError):
    code = "upload_too_large"


class UploadQuotaExceeded(UploadError):
    """The user holds too many uploads, or too many bytes of them, not yet submitted."""

    code = "too_many_open"


class UploadOpenBytesExceeded(UploadQuotaExceeded):
    code = "open_bytes_over_limit"


class UploadNoRoom(UploadError):
    """The disk cannot take the file and keep its reserve."""

    code = "no_room"


class UploadOffsetConflict(UploadError):
    code = "offset_mismatch"


class UploadLocked(UploadError):
    """Another request is writing to the same upload (typically a retry racing its original)."""

    code = "upload_locked"


class UploadNotFound(UploadError):
    code = "upload_not_found"


class UploadExpired(UploadNotFound):
    code = "upload_expired"


class UploadAlreadyUsed(UploadNotFound):
    """The form named an upload it already saved: a double click, or the form sent again."""

    code = "upload_used"
