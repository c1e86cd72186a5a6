"""Form drafts kept across an expired session (表单草稿).

A liaison types for half an hour, the session expires, and the form is sent: the request
arrives signed out. What it carried (texts, and the ids of files already uploaded) is kept in
the visitor's session, keyed by the page, and given back when the same page is opened after
signing in again (``django.contrib.auth.login`` keeps an anonymous session's data). Files sent
in the request body itself, without resumable uploads, cannot be kept and are chosen again.
"""

from datetime import datetime, timedelta

from django.contrib import messages
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

SESSION_KEY = "form_drafts"
# A draft older than this is not given back: the browser may be another person's by then.
LIFETIME = timedelta(hours=12)
NOT_KEPT = {"csrfmiddlewaretoken"}
# Buttons that act rather than send what was typed (an item's "withdraw"): nothing to keep.
ACTIONS = {"withdraw"}


def keep_draft(request) -> None:
    """Keep what a signed-out POST carried, to give back on the same page after signing in."""
    if ACTIONS & set(request.POST):
        return
    data = {key: values for key, values in request.POST.lists() if key not in NOT_KEPT}
    drafts = request.session.get(SESSION_KEY, {})
    drafts[request.get_full_path()] = {"data": data, "at": timezone.now().isoformat()}
    request.session[SESSION_KEY] = drafts
    messages.info(
        request, _("登录已失效。您填写的内容已暂存，请重新登录，登录后将回到原页面并恢复。")
    )


def take_draft(request) -> QueryDict | None:
    """The draft kept for this page, once; None if there is none (or it is too old)."""
    drafts = request.session.get(SESSION_KEY)
    if not drafts or request.get_full_path() not in drafts:
        return None
    draft = drafts.pop(request.get_full_path())
    request.session[SESSION_KEY] = drafts
    if timezone.now() - datetime.fromisoformat(draft["at"]) > LIFETIME:
        return None
    data = QueryDict(mutable=True)
    for key, values in draft["data"].items():
        data.setlist(key, values)
    messages.info(
        request,
        _("已恢复登录失效前填写的内容（包括已上传的文件），请检查后再次提交。"),
    )
    return data
