"""Settings come from the environment and fail loudly; production values pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-7f3a9c1e5b2d8f4a6c0e9b7d5f3a1c8e",
    "ALLOWED_HOSTS": "ciep.example.cn",
    "BEHIND_TLS_PROXY": "true",
}


def run_django(code: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "ciep_portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DEBUG": "false"}, "SECRET_KEY must be set"),
        ({"CONN_MAX_AGE": "sixty", "DATABASE_URL": "postgres://u@h/db"}, "CONN_MAX_AGE='sixty'"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE='ftp' must be one of"),
        ({"SECURE_HSTS_SECONDS": "-1", **PRODUCTION}, "SECURE_HSTS_SECONDS=-1 is below"),
    ],
)
def test_a_bad_value_stops_start_up_and_names_the_setting(env, message):
    result = run_django("", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_an_unknown_database_scheme_stops_start_up():
    result = run_django("", DATABASE_URL="mongodb://localhost/ciep")
    assert result.returncode != 0
    assert "mongodb" in result.stderr


def test_the_defaults_are_the_embedded_set_up():
    result = run_django(
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND,"
        " s.TIME_ZONE, s.LANGUAGE_CODE)",
        DATABASE_URL="",
        CELERY_BROKER_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "Asia/Shanghai",
        "zh-hans",
    ]


def test_production_values_pass_check_deploy():
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
