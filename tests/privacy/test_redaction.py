"""Removing a passage that identifies a client from every version (PRIV-19)."""

import pytest
from django.urls import reverse

from leerroute.feedback.models import Feedback, FeedbackVersion, ProgressReview, ReviewVersion
from leerroute.feedback.services import edit_feedback
from leerroute.learning.models import LearningQuestion, Message
from leerroute.people.models import User
from leerroute.privacy.models import RedactionLog
from leerroute.privacy.redaction import MARK

pytestmark = pytest.mark.django_db

CLIENT = "mevrouw Jansen van kamer 12"


def _feedback_with_client_name_in_history():
    item = Feedback.objects.filter(student__username="student1").order_by("pk").first()
    Feedback.objects.filter(pk=item.pk).update(observe=f"Je hielp {CLIENT} bij het wassen.")
    item.refresh_from_db()
    return item


def test_redaction_removes_the_passage_from_every_version(client_for):
    item = _feedback_with_client_name_in_history()
    edit_feedback(
        item,
        editor=item.author,
        expected_version=item.version,
        observe=f"Opnieuw: {CLIENT}.",
        effect=item.effect,
        pause=item.pause,
        suggestions=item.suggestions,
        work_process=item.work_process,
        learning_question=item.learning_question,
    )
    assert FeedbackVersion.objects.filter(feedback=item, observe__contains=CLIENT).exists()
    response = client_for("praktijkopleider1").post(
        reverse("privacy:redact", kwargs={"kind": "feedback", "pk": item.pk}), {"passage": CLIENT}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert CLIENT not in item.observe
    assert MARK in item.observe
    assert not FeedbackVersion.objects.filter(feedback=item, observe__contains=CLIENT).exists()
    log = RedactionLog.objects.get()
    assert (log.object_type, log.object_id, log.by.username) == (
        "feedback",
        item.pk,
        "praktijkopleider1",
    )
    assert CLIENT not in str(log.__dict__)


def test_redaction_reaches_review_versions_and_entries(client_for):
    review = ProgressReview.objects.published().filter(student__username="student2").first()
    ProgressReview.objects.filter(pk=review.pk).update(summary=f"Zorg voor {CLIENT}.")
    entry = review.entries.first()
    type(entry).objects.filter(pk=entry.pk).update(note=f"Bij {CLIENT} goed gedaan.")
    ReviewVersion.objects.create(
        review=review, version=99, valid_from=review.created_at, snapshot={"summary": CLIENT}
    )
    response = client_for("studentbegeleider2").post(
        reverse("privacy:redact", kwargs={"kind": "beoordeling", "pk": review.pk}),
        {"passage": CLIENT},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    entry.refresh_from_db()
    assert CLIENT not in review.summary and CLIENT not in entry.note
    assert ReviewVersion.objects.get(review=review, version=99).snapshot == {"summary": MARK}


def test_redaction_reaches_learning_question_messages(client_for):
    question = LearningQuestion.objects.filter(student__username="student1").first()
    message = Message.objects.create(
        question=question, author=User.objects.get(username="student1"), text=f"Bij {CLIENT}."
    )
    client_for("studentbegeleider1").post(
        reverse("privacy:redact", kwargs={"kind": "leervraag", "pk": question.pk}),
        {"passage": CLIENT},
    )
    message.refresh_from_db()
    assert message.text == f"Bij {MARK}."


def test_a_passage_that_is_nowhere_changes_nothing(client_for):
    item = _feedback_with_client_name_in_history()
    before = item.observe
    response = client_for("praktijkopleider1").post(
        reverse("privacy:redact", kwargs={"kind": "feedback", "pk": item.pk}),
        {"passage": "meneer De Vries"},
    )
    assert response.status_code == 400
    assert "Deze tekst staat niet in de huidige tekst of in eerdere versies." in (
        response.content.decode()
    )
    item.refresh_from_db()
    assert item.observe == before
    assert not RedactionLog.objects.exists()


@pytest.mark.parametrize("passage", ["", " ", "x"])
def test_an_empty_passage_gets_a_dutch_message(passage, client_for):
    item = _feedback_with_client_name_in_history()
    response = client_for("praktijkopleider1").post(
        reverse("privacy:redact", kwargs={"kind": "feedback", "pk": item.pk}), {"passage": passage}
    )
    assert response.status_code == 400
    assert "Geef de tekst die weg moet" in response.content.decode()


@pytest.mark.parametrize(
    "account, status",
    [
        ("werkbegeleider1", 403),
        ("student1", 403),
        ("docent1", 403),
        ("beheerder", 403),
        ("praktijkopleider2", 404),
        ("studentbegeleider2", 404),
    ],
)
def test_only_practice_educators_and_assessors_of_the_student_redact(account, status, client_for):
    item = _feedback_with_client_name_in_history()
    response = client_for(account).post(
        reverse("privacy:redact", kwargs={"kind": "feedback", "pk": item.pk}), {"passage": CLIENT}
    )
    assert response.status_code == status
    item.refresh_from_db()
    assert CLIENT in item.observe


def test_the_feedback_page_links_the_redaction_for_those_who_may(client_for):
    item = _feedback_with_client_name_in_history()
    url = reverse("privacy:redact", kwargs={"kind": "feedback", "pk": item.pk})
    detail = reverse("feedback:detail", kwargs={"pk": item.pk})
    assert url in client_for("praktijkopleider1").get(detail).content.decode()
    assert url not in client_for("werkbegeleider1").get(detail).content.decode()
