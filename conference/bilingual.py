from django.utils.translation import get_language


def in_language(zh: str, en: str) -> str:
    """Data entered in two languages: the English text when English is active and there is one."""
    if en and (get_language() or "").startswith("en"):
        return en
    return zh
