"""Forms that never lose what people gave them, and say what became of it (issue 15)."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from submissions.kinds import SubmissionStatus
from submissions.models import Submission
from tests import media
from tests import test_publicity as publicity
from tests.factories import UnitFactory, UserFactory
from tests.test_accounts import exhibitor_form
from tests.test_achievements import case_url, frozen
from tests.test_achievements import liaison as achievements_liaison
from tests.test_publicity import upload, video_item
from tests.test_uploads import send, start, tus_client
from units.models import USCC_REGISTERED, Unit

# The publicity tests' fixtures: a liaison of a unit, an activity, the day before deadlines.
liaison, activity = publicity.liaison, publicity.activity
frozen_before_deadlines = publicity.frozen_before_deadlines
frozen = frozen  # the case call's day (a fixture), bound here so that it reads as one


def liaison_of(unit: str, region: str):
    return achievements_liaison(unit, "provincial_st", region)


def flashes(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


# Checks run in-process right after the commit here, as in the embedded set-up: the verdict
# is known when the page comes back, and the message must say it, not "checking".
@pytest.mark.django_db(transaction=True)
def test_the_message_after_a_submit_tells_the_verdict_already_known(
    client,
    liaison,
    activity,
    tmp_path,
    frozen_before_deadlines,
):
    whole = media.video(tmp_path / "v.mp4", width=1280, height=720, seconds=3)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(media.truncated(whole.read_bytes(), 0.5))
    client.force_login(liaison)
    response = video_item(client, activity, cut, name="断网.mp4")
    assert Submission.objects.get().status == SubmissionStatus.FAILED
    assert flashes(response) == [
        ("error", "已提交，但文件未通过自动检查：请查看下方各项结果，按要求更换文件后重新提交。")
    ]
    client.get(response.url)  # the message is read on the item's page
    response = client.post(
        response.url, {"title": "大会宣传片", "main": upload("完整.mp4", whole.read_bytes())}
    )
    assert Submission.objects.get().status == SubmissionStatus.IN_REVIEW
    assert flashes(response) == [("success", "已提交，自动检查已完成，等待组委会审核。")]


# --- Files a sent-back form keeps ----------------------------------------------------------------


def arrived(user, name: str, data: bytes) -> str:
    """A file sent whole through the resumable endpoint, as uploads.js sends it; its id."""
    client = tus_client(user)
    url = start(client, len(data), filename=name, filetype="application/octet-stream")
    assert send(client, url, 0, data).status_code == 204
    return url.rstrip("/").rsplit("/", 1)[-1]


def kept_rows(page: str) -> dict[str, str]:
    """upload id -> the text of its row, for the rows a sent-back form lists."""
    rows = re.findall(r'data-upload-id="([0-9a-f-]+)">(.*?)</button>', page, re.S)
    return {upload_id: re.sub(r"<[^>]+>|\s+", " ", row).strip() for upload_id, row in rows}


@pytest.mark.django_db
def test_a_sent_back_form_lists_the_files_it_keeps_with_a_remove_button(
    client, liaison, frozen_before_deadlines
):
    poster = arrived(liaison, "主视觉.jpg", media.jpeg(1200, 1600))
    source = arrived(liaison, "主视觉.psd", media.psd())
    client.force_login(liaison)
    url = reverse("submissions:requirement", args=[publicity.requirement("poster").pk])
    # The title is too long: the form comes back, and says which files it still holds.
    response = client.post(
        url, {"title": "长" * 501, "main_uploads": poster, "source_uploads": source}
    )
    page = response.content.decode()
    assert response.status_code == 400
    rows = kept_rows(page)
    assert set(rows) == {poster, source}
    assert "主视觉.jpg" in rows[poster] and "已上传，提交时一并保存" in rows[poster]
    assert rows[source].endswith("移除")
    assert f'name="main_uploads" value="{poster}"' in page
    # Sent again with the title, the kept files are saved.
    response = client.post(
        url, {"title": "主视觉", "main_uploads": poster, "source_uploads": source}
    )
    assert response.status_code == 302
    saved = Submission.objects.get().files.values_list("original_name", flat=True)
    assert sorted(saved) == ["主视觉.jpg", "主视觉.psd"]


@pytest.mark.django_db
def test_a_pdf_kept_on_the_case_form_is_reported_with_its_type(client, ciep21, frozen):
    author = liaison_of("广东省科学技术厅", "guangdong")
    pdf = arrived(author, "案例.pdf", media.pdf())
    client.force_login(author)
    response = client.post(case_url("cases_national", "institution"), {"main_uploads": pdf})
    rows = kept_rows(response.content.decode())
    assert "案例.pdf" in rows[pdf]
    assert "不予接收：文件实际类型为 PDF 文档" in rows[pdf]


@pytest.mark.django_db
def test_the_upload_check_answers_at_once_whether_the_form_takes_a_file(
    client, liaison, frozen_before_deadlines
):
    renamed = arrived(liaison, "源文件.psd", media.jpeg(40, 30))
    real = arrived(liaison, "源文件2.psd", media.psd())
    client.force_login(liaison)
    url = reverse("submissions:upload_check", args=[publicity.requirement("poster").pk])
    refused = client.get(url, {"upload": renamed, "role": "source"}).json()
    assert refused["accepted"] is False and "文件实际类型为 JPEG 图片" in refused["message"]
    assert client.get(url, {"upload": real, "role": "source"}).json() == {
        "accepted": True,
        "message": "",
    }
    # Another user's upload, or a role the form has not, is not found.
    other = arrived(UserFactory(), "x.psd", media.psd())
    assert client.get(url, {"upload": other, "role": "source"}).status_code == 404
    assert client.get(url, {"upload": real, "role": "nope"}).status_code == 404


@pytest.mark.django_db
def test_required_file_inputs_are_marked_and_say_what_they_accept(
    client, liaison, frozen_before_deadlines
):
    client.force_login(liaison)
    url = reverse("submissions:requirement", args=[publicity.requirement("poster").pk])
    page = client.get(url).content.decode()
    main = re.search(r'<input type="file" name="main"[^>]*>', page).group(0)
    assert " required" in main and 'accept=".bmp,.jpg,.jpeg,.png,.tif,.tiff,.webp"' in main
    label = re.search(r'<label[^>]*for="id_main"[^>]*>.*?</label>', page, re.S).group(0)
    assert '<span class="asteriskField">*</span>' in label


# --- Too long is refused with its count; a registered USCC is said so -------------------------


@pytest.mark.django_db
def test_a_too_long_organization_name_is_refused_with_its_count_not_cut(client):
    name = "深圳" * 150 + "科技有限公司😀"  # 307 characters, the emoji one of them
    response = client.post(
        reverse("accounts:register_exhibitor"), exhibitor_form(**{"org-name_zh": name})
    )
    page = response.content.decode()
    assert "确保该变量包含不超过 200 字符 (目前字符数 307)" in page
    assert "有限公司😀" in page  # what was typed comes back whole
    assert not Unit.objects.filter(name_zh__startswith="深圳深圳").exists()


@pytest.mark.django_db
def test_a_registered_uscc_is_refused_with_a_clear_message(client):
    UnitFactory(uscc="91440300MA5D7L2Q10")
    response = client.post(
        reverse("accounts:register_exhibitor"),
        exhibitor_form(**{"org-uscc": "91440300ma5d7l2q10"}),  # the same, in lower case
    )
    page = response.content.decode()
    assert not User.objects.filter(username="szexpo").exists()
    assert "该统一社会信用代码已有单位注册，不能重复注册" in page
    assert "unit_uscc_unique" not in page


@pytest.mark.django_db
def test_the_uscc_constraint_speaks_plainly_wherever_it_is_checked():
    UnitFactory(uscc="91440300MA5D7L2Q10")
    with pytest.raises(ValidationError) as refused:
        UnitFactory.build(uscc="91440300MA5D7L2Q10").validate_constraints()
    assert refused.value.messages == [str(USCC_REGISTERED)]
