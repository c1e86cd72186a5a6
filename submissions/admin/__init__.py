"""The organizers' workbench in the Django admin: calls and their rules (``calls``), the review
desk (``items``) and its decisions (``decisions``)."""

from submissions.admin import calls, decisions, items  # noqa: F401 (registers the model admins)
