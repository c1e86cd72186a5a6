# Run by deploy/recipe-check.sh through `manage.py shell -c`: one liaison of one unit, and the
# poster requirement open; prints them as shell variables for deploy/recipe_client.py.
import datetime as dt
import secrets

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import LIAISON
from submissions.models import Requirement
from units.models import Unit

poster = Requirement.objects.get(
    call__code="publicity", call__edition__is_demo=False, code="poster"
)
poster.deadline_at = dt.datetime(2099, 3, 22, 12, tzinfo=dt.UTC)
poster.save(update_fields=["deadline_at"])
unit = Unit.objects.create(name_zh="部署检查单位", kind=Unit.Kind.PROVINCIAL_ST, is_partner=True)
password = secrets.token_urlsafe(16)
user = User(username="recipe", email="recipe@example.cn", first_name="检查", unit=unit)
user.set_password(password)
user.save()
user.groups.add(Group.objects.get_or_create(name=LIAISON)[0])
print(f"RECIPE_USER=recipe\nRECIPE_PASSWORD={password}\nRECIPE_REQUIREMENT={poster.pk}")
