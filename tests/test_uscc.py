import pytest
from django.core.exceptions import ValidationError

from units.validators import uscc_check_character, validate_uscc


@pytest.mark.parametrize(
    "code", ["91350100M000100Y43", "91440300MA5D7L2Q10", " 91350100m000100y43 "]
)
def test_valid_codes_pass(code):
    validate_uscc(code)


def test_check_character_follows_gb32100():
    assert uscc_check_character("91350100M000100Y4") == "3"


def test_wrong_check_character_names_the_expected_one():
    with pytest.raises(ValidationError) as excinfo:
        validate_uscc("91350100M000100Y44")
    assert excinfo.value.code == "uscc_check"
    assert "应为 3" in excinfo.value.messages[0]


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("9135010", "uscc_length"),
        ("91350100M000100I43", "uscc_charset"),
        ("9135A100M000100Y43", "uscc_division"),
    ],
)
def test_malformed_codes_say_what_is_wrong(code, error):
    with pytest.raises(ValidationError) as excinfo:
        validate_uscc(code)
    assert excinfo.value.code == error
