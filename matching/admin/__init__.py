"""The committee's desk for project matching: calls and rounds, fields, items (review, 重点,
English for posting, import, print boards), answers (揭榜) and the accounts the import opened."""

from matching.admin import answers, calls, items  # noqa: F401  (registers the model admins)
