"""Services: the only code that changes a unit's material. Pages, the admin, management
commands and Celery tasks all call these, so every rule is enforced in one place."""
