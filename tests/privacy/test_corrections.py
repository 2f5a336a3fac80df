"""A student asks for a correction; the author or the assessor handles it (PRIV-12)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerroute.feedback.models import Feedback, FeedbackVersion
from leerroute.feedback.services import edit_feedback
from leerroute.privacy.models import CorrectionRequest

pytestmark = pytest.mark.django_db


def _item():
    return Feedback.objects.filter(
        student__username="student1", author__username="werkbegeleider1"
    ).first()


def _ask(client, item, text="Het was dinsdag, niet maandag."):
    return client.post(
        reverse("privacy:ask_correction", kwargs={"kind": "feedback", "pk": item.pk}),
        {"description": text},
    )


def test_student_asks_and_the_author_corrects_with_a_reason(client_for):
    item = _item()
    response = _ask(client_for("student1"), item)
    assert response.status_code == 302
    request = CorrectionRequest.objects.get()
    assert (request.student.username, request.status) == ("student1", "open")

    mentor = client_for("werkbegeleider1")
    home = mentor.get(reverse("core:home")).content.decode()
    assert reverse("privacy:correction", kwargs={"pk": request.pk}) in home

    edit_feedback(
        item,
        editor=item.author,
        expected_version=item.version,
        observe="Dinsdag hielp je bij de ochtendzorg.",
        effect=item.effect,
        pause=item.pause,
        suggestions=item.suggestions,
        work_process=item.work_process,
        learning_question=item.learning_question,
    )
    response = mentor.post(
        reverse("privacy:correction", kwargs={"pk": request.pk}),
        {"outcome": "corrected", "reason": "Datum verbeterd."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "corrected"
    assert request.reason == "Datum verbeterd."
    assert request.handled_by.username == "werkbegeleider1"
    earlier = FeedbackVersion.objects.get(feedback=item)
    assert earlier.observe == item.observe  # the earlier text is kept
    assert earlier.replaced_by.username == "werkbegeleider1"
    # The student reads the outcome.
    body = (
        client_for("student1")
        .get(reverse("privacy:correction", kwargs={"pk": request.pk}))
        .content.decode()
    )
    assert "Datum verbeterd." in body


def test_the_assessor_may_handle_and_decline(client_for):
    _ask(client_for("student1"), _item())
    request = CorrectionRequest.objects.get()
    response = client_for("studentbegeleider1").post(
        reverse("privacy:correction", kwargs={"pk": request.pk}),
        {"outcome": "declined", "reason": "Klopt zoals het er staat."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "declined"


def test_a_reason_is_required_to_close(client_for):
    _ask(client_for("student1"), _item())
    request = CorrectionRequest.objects.get()
    response = client_for("werkbegeleider1").post(
        reverse("privacy:correction", kwargs={"pk": request.pk}), {"outcome": "corrected"}
    )
    assert response.status_code == 400
    assert "Schrijf de reden" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "open"


def test_an_empty_request_gets_a_dutch_message(client_for):
    response = _ask(client_for("student1"), _item(), text="   ")
    assert response.status_code == 400
    assert "Schrijf wat er niet klopt." in response.content.decode()
    assert not CorrectionRequest.objects.exists()


@pytest.mark.parametrize("account, status", [("student2", 404), ("werkbegeleider1", 403)])
def test_only_the_student_asks(account, status, client_for):
    assert _ask(client_for(account), _item()).status_code == status
    assert not CorrectionRequest.objects.exists()


@pytest.mark.parametrize(
    "account, status", [("student1", 403), ("docent1", 404), ("werkbegeleider2", 404)]
)
def test_others_cannot_close(account, status, client_for):
    _ask(client_for("student1"), _item())
    request = CorrectionRequest.objects.get()
    response = client_for(account).post(
        reverse("privacy:correction", kwargs={"pk": request.pk}),
        {"outcome": "corrected", "reason": "x"},
    )
    assert response.status_code == status
    request.refresh_from_db()
    assert request.status == "open"


def test_the_feedback_page_offers_the_request_to_the_student_only(client_for):
    item = _item()
    url = reverse("privacy:ask_correction", kwargs={"kind": "feedback", "pk": item.pk})
    detail = reverse("feedback:detail", kwargs={"pk": item.pk})
    assert url in client_for("student1").get(detail).content.decode()
    assert url not in client_for("werkbegeleider1").get(detail).content.decode()


def test_requests_are_in_my_data(client_for):
    _ask(client_for("student1"), _item())
    data = client_for("student1").get(reverse("privacy:my_data_json")).json()
    assert data["onderdelen"]["correctieverzoeken"][0]["status"] == "open"


def test_the_home_panel_has_a_constant_number_of_queries(client_for):
    client = client_for("werkbegeleider1")
    _ask(client_for("student1"), _item())
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("core:home"))
    for n in range(8):
        _ask(client_for("student1"), _item(), text=f"Fout {n}")
    with CaptureQueriesContext(connection) as after:
        body = client.get(reverse("core:home")).content.decode()
    assert len(after) == len(before)
    assert "en nog 4 verzoeken" in body
