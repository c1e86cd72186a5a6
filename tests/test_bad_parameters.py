"""Staff pages answer bad query parameters without a server error: ignored, or 400."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.roles import ORGANIZER
from conference.models import CalendarDay, CalendarYear
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(client, ciep21):
    client.force_login(UserFactory(unit=None, is_staff=True, role=ORGANIZER))
    return client


@pytest.mark.parametrize("query", ["call=abc", "region='", "call=99999999999999999999999",
                                   "region=1e3", "call=１２", "page=abc"])  # fmt: skip
def test_the_matrix_ignores_parameters_that_are_no_ids(organizer, query):
    response = organizer.get(reverse("admin:submissions_submission_matrix") + "?" + query)
    assert response.status_code == 200
    assert "催报矩阵" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["section=abc", "section='", "submitted_at__year=99999999999999999999",
     "submitted_at__year=2023&submitted_at__month=99999999999999999999",
     "submitted_at__year=abc", "submitted_at__year=9999"],
)  # fmt: skip
def test_the_item_list_answers_bad_filters_without_an_error(organizer, query):
    response = organizer.get(reverse("admin:submissions_submission_changelist") + "?" + query)
    assert response.status_code in (200, 302, 400)
    if response.status_code == 302:  # Django's own answer to a bad lookup: ?e=1
        assert "e=1" in response["Location"]


@pytest.mark.parametrize(
    "url_name,field",
    [("admin:submissions_reminderlog_changelist", "sent_at"),
     ("admin:conference_calendarday_changelist", "date")],
)  # fmt: skip
def test_other_date_lists_answer_a_bad_year_without_an_error(organizer, url_name, field):
    response = organizer.get(reverse(url_name) + f"?{field}__year=99999999999999999999")
    assert response.status_code == 302 and "e=1" in response["Location"]


@pytest.mark.parametrize("model", [CalendarDay, CalendarYear])
@pytest.mark.parametrize("role", ["organizer", "staff"])
def test_the_history_of_holiday_rows_opens_or_is_refused(client, db, model, role):
    row = (
        CalendarDay.objects.create(date=dt.date(2031, 1, 1), name="元旦", is_working_day=False)
        if model is CalendarDay
        else CalendarYear.objects.create(year=2031)
    )
    user = UserFactory(unit=None, is_staff=True, role=ORGANIZER)
    if role == "staff":
        user.groups.clear()
    client.force_login(user)
    name = f"admin:conference_{model._meta.model_name}_history"
    response = client.get(reverse(name, args=[row.pk]))
    assert response.status_code == (200 if role == "organizer" else 403)
