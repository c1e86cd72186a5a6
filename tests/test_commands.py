"""Every management command the README documents, run as a subprocess exactly as it shows.

``call_command`` skips what ``manage.py`` does first (argument parsing as a shell passes it,
Django's system checks), so a command whose own ``check`` method hid Django's crashed on every
run while its tests passed. These run ``.venv/bin/python manage.py …`` against a fresh SQLite
database of their own (the pytest database is not visible to another process).
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import media

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
PYTHON = ROOT / ".venv" / "bin" / "python"
CORPUS = Path(__file__).resolve().parent / "corpus"
# What each documented command is run with here (README lines whose file arguments are
# written to a temporary folder); ``check`` is covered by tests/test_settings.py.
TESTED = {"migrate", "collectstatic", "load_ciep21", "load_demo", "load_call", "load_booths"}
TESTED |= {"check_media", "check"}


def test_every_command_the_readme_documents_is_run_here():
    documented = set(re.findall(r"manage\.py (\w+)", README))
    assert documented == TESTED


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A fresh installation: its own var/ folder and SQLite database, tasks in-process."""
    var = tmp_path_factory.mktemp("var")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CACHE_"))}
    env = {
        **clean,
        "VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "CELERY_BROKER_URL": "memory://",
        "DJANGO_SETTINGS_MODULE": "ciep_portal.settings",
    }
    env.pop("DEBUG", None)
    site = Site(env, var)
    site.run("migrate --noinput").check_returncode()
    return site


class Site:
    def __init__(self, env: dict, var: Path):
        self.env, self.var = env, var

    def run(self, arguments: str, *files: Path) -> subprocess.CompletedProcess:
        """``.venv/bin/python manage.py <arguments> <files>`` from the project folder."""
        python = PYTHON if PYTHON.exists() else Path(sys.executable)
        command = [str(python), "manage.py", *arguments.split(), *map(str, files)]
        return subprocess.run(
            command, cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300
        )


def readme_line(pattern: str) -> str:
    """The arguments of the README's ``manage.py`` line matching ``pattern``."""
    match = re.search(rf"manage\.py ({pattern}[^\n#`]*)", README)
    assert match, pattern
    return match[1].strip()


def readme_run(site, pattern: str, file: Path) -> subprocess.CompletedProcess:
    """The README's line with its file (``clip.mov``) replaced by a file of that name."""
    *arguments, name = readme_line(pattern).split()
    assert file.name == name
    return site.run(" ".join(arguments), file)


def test_the_loading_commands_run_as_documented(site):
    first = site.run("load_ciep21")
    assert first.returncode == 0, first.stderr
    assert "征集要求 requirements" in first.stdout
    again = site.run("load_ciep21")  # safe to re-run
    assert again.returncode == 0, again.stderr
    demo = site.run("load_demo")
    assert demo.returncode == 0, demo.stderr
    names = site.run("load_call --list")
    assert names.returncode == 0 and "kepuri-2023-xinjiang" in names.stdout
    for name in ("kepuri-2023-xinjiang", "gaoxinqu-10-years", "ciep21-forum-plans"):
        assert name in README
        loaded = site.run(f"load_call {name}")
        assert loaded.returncode == 0, loaded.stderr
    booths = site.run("load_booths")
    assert booths.returncode == 0 and "新增展位 booths created" in booths.stdout
    static = site.run(readme_line("collectstatic"))
    assert static.returncode == 0, static.stderr
    assert (site.var / "staticfiles" / "js" / "uploads.js").exists()


@pytest.fixture(scope="module")
def files(tmp_path_factory, site):
    """The README's clip.mov and poster.jpg, and files that must not end a run."""
    if site.run("load_ciep21").returncode:
        pytest.fail("load_ciep21 failed")
    folder = tmp_path_factory.mktemp("mail")
    names = {
        "clip.mov": media.video(folder / "clip.mov", width=1280, height=720, seconds=3),
        "long.mov": media.video(
            folder / "long.mov", width=1920, height=1080, seconds=481, container="mov"
        ),
        "poster.jpg": folder / "poster.jpg",
        "renamed.mp4": folder / "renamed.mp4",
        "page.jpg": folder / "page.jpg",
    }
    names["poster.jpg"].write_bytes(media.jpeg(1200, 1600))
    media.video(folder / "real.mkv", width=1280, height=720, seconds=2, container="mkv")
    shutil.move(folder / "real.mkv", names["renamed.mp4"])
    names["page.jpg"].write_bytes(media.html_as_jpg())
    return names


def test_check_media_runs_as_the_readme_shows(site, files):
    video = readme_run(site, "check_media --rules video", files["clip.mov"])
    assert video.returncode == 0, video.stderr
    assert f"{files['clip.mov']}: 通过 (publicity/video · main)" in video.stdout
    assert "✓ 视频时长 3秒，未超过上限 8分钟" in video.stdout
    poster = readme_run(site, "check_media --rules publicity/poster", files["poster.jpg"])
    assert poster.returncode == 0, poster.stderr
    report = json.loads(poster.stdout)
    assert report["passed"] is True and report["facts"]["image"]["width"] == 1200
    assert report["outcomes"][0]["message"] == "文件类型：JPEG 图片"


def test_check_media_gives_every_file_its_verdict_and_goes_on(site, files, tmp_path):
    missing = tmp_path / "missing.mov"
    run = site.run(
        "check_media --rules video --json",
        files["renamed.mp4"],
        missing,
        files["long.mov"],
        files["clip.mov"],
    )
    assert run.returncode == 1, run.stderr
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["verdict"] for r in reports] == ["fail", "error", "fail", "pass"]
    assert reports[0]["outcomes"] == [
        {
            "rule": "file_type",
            "verdict": "fail",
            "params": {"detected": "mkv", "allowed": ["m4v", "mov", "mp4"]},
            "message": "文件实际类型为 MKV 视频，"
            "此处只接受 M4V 视频、MOV（QuickTime）视频、MP4 视频",
        }
    ]
    assert "No such file or directory" in reports[1]["error"]
    assert "视频时长 8分01秒，超过上限 8分钟" in [o["message"] for o in reports[2]["outcomes"]]


def test_check_media_speaks_the_language_asked_for(site, files):
    run = site.run("check_media --language en --rules video", files["renamed.mp4"])
    assert run.returncode == 1
    assert "Failed (publicity/video · main)" in run.stdout
    assert "This file is actually of type: MKV video. Accepted here: " in run.stdout


def test_check_media_without_rules_never_passes_a_file_no_requirement_takes(site, files):
    run = site.run("check_media", files["page.jpg"], files["poster.jpg"])
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    assert lines[0] == (
        f"{files['page.jpg']}: 未能检查 — 文件实际类型为 网页（HTML），"
        "没有哪项征集要求默认接收这种文件；请用 --rules 指定"
    )
    assert f"{files['poster.jpg']}: 通过 (publicity/poster · main)" in lines
