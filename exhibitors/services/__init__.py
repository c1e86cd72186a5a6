"""Everything that changes an application, in one place: the exhibitor's pages, the admin and
commands all call these keyword-only functions. Each validates before it saves, records who
did what, and mails the exhibitor (after the commit) when the application's state changes.
"""

from exhibitors.services.applications import (
    ApplicationInput,
    add_picture,
    post_exhibitor_message,
    remove_picture,
    save_draft,
    save_enterprises,
    submit_application,
    withdraw,
)
from exhibitors.services.booths import assign_booth, release_booth
from exhibitors.services.confirmation import record_payment, upload_agreement, verify_agreement
from exhibitors.services.review import (
    accept,
    admit_to_board,
    reject,
    request_changes,
    send_organizer_message,
)

__all__ = [
    "ApplicationInput",
    "accept",
    "add_picture",
    "admit_to_board",
    "assign_booth",
    "post_exhibitor_message",
    "record_payment",
    "reject",
    "release_booth",
    "remove_picture",
    "request_changes",
    "save_draft",
    "save_enterprises",
    "send_organizer_message",
    "submit_application",
    "upload_agreement",
    "verify_agreement",
    "withdraw",
]
