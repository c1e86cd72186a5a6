"""The policy, for every page: a session that owes its second factor reaches nothing else.

One check for the whole portal rather than a decorator per view: the admin, its custom views
(matrix, exports, calendars) and the staff-only pages outside it (file downloads, export
archives, the reviewers' video stream) are covered alike, and a page added later cannot forget
it. A signed-in user whose account has an authenticator but whose session was not verified by it
is sent to the code step; one who must have a second factor and has none, to the enrolment.
"""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from accounts.two_factor.signin import ENROL, VERIFY, second_factor_need

# What a session that owes its second factor may still reach, besides signing out and
# switching the language.
ALWAYS = {"accounts:logout", "accounts:login", "admin:logout", "set_language"}
REACHABLE = {
    VERIFY: ALWAYS | {"accounts:login_verify"},
    ENROL: ALWAYS | {"accounts:two_factor_setup", "accounts:two_factor_qr"},
}
STEP = {VERIFY: "accounts:login_verify", ENROL: "accounts:two_factor_setup"}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        need = second_factor_need(request.user)
        if need is None or request.resolver_match.view_name in REACHABLE[need]:
            return None
        return redirect_to_login(request.get_full_path(), login_url=reverse(STEP[need]))
