from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# A published post is something a reader opens in a browser: only web addresses, no ftp://.
validate_web_url = URLValidator(
    schemes=["http", "https"],
    message=_("发布链接须为以 http:// 或 https:// 开头的完整网址。"),
    code="invalid_url",
)
