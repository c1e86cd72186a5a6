"""Forms that never lose what people gave them, and say what became of it (issue 15)."""

import pytest
from django.contrib.messages import get_messages

from submissions.kinds import SubmissionStatus
from submissions.models import Submission
from tests import media
from tests.test_publicity import (  # noqa: F401 (fixtures)
    activity,
    frozen_before_deadlines,
    liaison,
    upload,
    video_item,
)


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
    frozen_before_deadlines,  # noqa: F811 (fixtures)
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
