from accounts.roles import EXHIBITOR, LIAISON


def roles(request):
    """Which of the unit roles the user has, for the menu (one query, only when logged in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_liaison": False, "is_exhibitor": False}
    names = set(user.groups.values_list("name", flat=True))
    return {"is_liaison": LIAISON in names, "is_exhibitor": EXHIBITOR in names}
