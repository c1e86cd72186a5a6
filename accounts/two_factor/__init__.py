"""Two-factor sign-in (两步验证): a TOTP code from an authenticator app after the password, or a
one-time recovery code. Organizers, reviewers and every account that reaches the admin must use
it when ``OTP_REQUIRED_FOR_STAFF`` is on; liaisons and exhibitors may opt in.

Built on django-otp (``otp_totp`` for the app, ``otp_static`` for recovery codes): its devices,
replay protection and throttling. The portal adds the pages, the policy (middleware) and the
admin's sign-in through the same two steps.
"""
