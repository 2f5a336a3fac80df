"""The client-confidentiality warning on learning questions, reflections and the thread.

Advice, never a gate: the text is saved, and the writer is told what looks
like a client identifier (next to the field, or on the next page after a save).
"""

from django.urls import reverse

from leerroute.learning.models import LearningQuestion, Message, Status

from .test_views import post_data, q_of

NAMED = "Ik hielp mevrouw Jansen op kamer 12 met eten."
CLEAN = "Ik hielp een bewoner op de afdeling met eten."
SAVED_WARNING = "Let op: je tekst is opgeslagen, maar noemt mogelijk een cliënt"
CHECKLIST = dict.fromkeys(
    [
        "right_level",
        "linked_work_process",
        "concrete",
        "steps_lead_to_competence",
        "support_written",
    ],
    "on",
)


def hint(html: str, field: str) -> str:
    """The content of the live hint region next to ``field`` (up to its first </div>)."""
    rest = html[html.index(f'id="id_{field}_privacy"') :]
    return rest[: rest.index("</div>")]


# --- the reflection ----------------------------------------------------------------


def test_complete_form_has_a_live_hint_region_next_to_the_reflection(client_for):
    q = q_of("student1", "approved")
    html = client_for("student1").get(reverse("learning:complete", args=[q.pk])).content.decode()
    assert 'id="id_reflection_privacy" class="privacy-live" aria-live="polite"' in html
    assert f'hx-post="{reverse("core:privacy_check")}"' in html
    assert 'hx-vals="{&quot;privacy_field&quot;: &quot;reflection&quot;}"' in html
    assert 'aria-describedby="id_reflection_helptext id_reflection_privacy"' in html
    assert "Je noemt mogelijk" not in hint(html, "reflection")


def test_reflection_naming_a_client_is_saved_with_a_warning(client_for):
    q = q_of("student1", "approved")
    response = client_for("student1").post(
        reverse("learning:complete", args=[q.pk]),
        {"reflection": NAMED, "version": q.version},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("learning:detail", args=[q.pk])
    assert SAVED_WARNING in html and "‘mevrouw Jansen’, ‘kamer 12’" in html
    assert "message-warning" in html
    q.refresh_from_db()
    assert q.status == Status.COMPLETED and q.reflection == NAMED


def test_clean_reflection_gets_no_warning(client_for):
    q = q_of("student1", "approved")
    response = client_for("student1").post(
        reverse("learning:complete", args=[q.pk]),
        {"reflection": CLEAN, "version": q.version},
        follow=True,
    )
    assert SAVED_WARNING not in response.content.decode()
    assert LearningQuestion.objects.get(pk=q.pk).status == Status.COMPLETED


def test_reflection_shown_again_has_the_warning_next_to_the_field(client_for):
    q = q_of("student1", "approved")
    response = client_for("student1").post(
        reverse("learning:complete", args=[q.pk]),
        {"reflection": NAMED, "version": q.version + 5},  # stale: shown again
    )
    assert response.status_code == 409
    html = hint(response.content.decode(), "reflection")
    assert "Je noemt mogelijk een cliënt (‘mevrouw Jansen’)" in html
    assert "kamernummer (‘kamer 12’)" in html


# --- question, steps and support: the checker ------------------------------------------


def test_live_check_reports_a_client_identifier(client_for):
    response = client_for("student1").post(
        reverse("learning:check"),
        {"question": "Ik wil leren mevrouw Jansen te helpen met de steunkousen."},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert 'data-code="client_identifier"' in html
    assert "Je noemt mogelijk een cliënt (‘mevrouw Jansen’)" in html


def test_live_check_without_identifiers_has_no_such_finding(client_for):
    response = client_for("student1").post(
        reverse("learning:check"),
        {"question": "Ik wil leren een meneer op de afdeling te helpen met de steunkousen."},
    )
    assert 'data-code="client_identifier"' not in response.content.decode()


def test_question_naming_a_client_is_saved_with_a_warning(client_for):
    before = LearningQuestion.objects.count()
    response = client_for("student1").post(
        reverse("learning:create"),
        post_data(steps="Meekijken bij meneer Bakker, oefenen, zelf doen."),
        follow=True,
    )
    html = response.content.decode()
    assert LearningQuestion.objects.count() == before + 1
    assert SAVED_WARNING in html and "‘meneer Bakker’" in html


def test_clean_question_is_saved_without_a_warning(client_for):
    response = client_for("student1").post(reverse("learning:create"), post_data(), follow=True)
    assert "opgeslagen als concept" in response.content.decode()
    assert SAVED_WARNING not in response.content.decode()


def test_invalid_question_shows_the_client_finding_in_the_check(client_for):
    before = LearningQuestion.objects.count()
    response = client_for("student1").post(
        reverse("learning:create"),
        post_data(question="Ik wil mevrouw Jansen helpen.", target_date="morgen"),
    )
    html = response.content.decode()
    assert "geldige datum" in html
    assert 'data-code="client_identifier"' in html
    assert LearningQuestion.objects.count() == before


# --- the thread: the mentor's question and the student's answer ---------------------------


def test_mentor_question_naming_a_client_is_sent_with_a_warning(client_for):
    q = q_of("student1", "submitted")
    client = client_for("werkbegeleider1")
    page = client.get(reverse("learning:review", args=[q.pk])).content.decode()
    assert 'id="id_message_privacy"' in page and 'id="id_mentor_support_privacy"' in page
    response = client.post(
        reverse("learning:review", args=[q.pk]),
        {
            "decision": "clarify",
            "message": "Bedoel je de wond van dhr. De Vries?",
            "version": q.version,
        },
        follow=True,
    )
    html = response.content.decode()
    assert SAVED_WARNING in html and "‘dhr. De Vries’" in html
    assert Message.objects.filter(question=q, text__contains="De Vries").exists()


def test_mentor_approval_with_clean_support_has_no_warning(client_for):
    q = q_of("student1", "submitted")
    response = client_for("werkbegeleider1").post(
        reverse("learning:review", args=[q.pk]),
        {"decision": "approve", "mentor_support": "Ik doe het voor.", "version": q.version}
        | CHECKLIST,
        follow=True,
    )
    assert "goedgekeurd" in response.content.decode()
    assert SAVED_WARNING not in response.content.decode()


def test_mentor_form_shown_again_has_the_warning_next_to_the_field(client_for):
    q = q_of("student1", "submitted")
    response = client_for("werkbegeleider1").post(
        reverse("learning:review", args=[q.pk]),
        {"decision": "approve", "mentor_support": "Ik help bij mw. Visser.", "version": q.version},
    )
    html = response.content.decode()
    assert "alle punten van de checklist" in html
    assert "‘mw. Visser’" in hint(html, "mentor_support")
    assert "Je noemt mogelijk" not in hint(html, "message")


def test_student_answer_naming_a_client_is_sent_with_a_warning(client_for):
    q = q_of("student1", "clarification")
    client = client_for("student1")
    page = client.get(reverse("learning:edit", args=[q.pk])).content.decode()
    assert 'id="id_answer_privacy"' in page
    response = client.post(
        reverse("learning:edit", args=[q.pk]),
        post_data(action="submit", answer="Bij mevrouw Jansen, BSN 123456782.", version=q.version),
        follow=True,
    )
    html = response.content.decode()
    assert "opnieuw ingediend" in html
    assert SAVED_WARNING in html and "‘mevrouw Jansen’, ‘123456782’" in html
    assert LearningQuestion.objects.get(pk=q.pk).status == Status.RESUBMITTED
