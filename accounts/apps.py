from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("账户与角色")

    def ready(self):
        from accounts.roles import ensure_role_groups_after_migrate

        # Groups and their permissions follow the models: rebuilt after every migrate, as
        # Django itself does for permissions.
        post_migrate.connect(ensure_role_groups_after_migrate, dispatch_uid="ciep-role-groups")
