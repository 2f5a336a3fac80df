"""The client-confidentiality warning on OEPS feedback and the student's reaction.

Advice, never a gate: the feedback is saved, and the writer is told what looks
like a client identifier (live next to the field, next to the field when the
form comes back, and on the next page after a save).
"""

from django.urls import reverse

from leerroute.feedback.models import Feedback

from .test_views import OEPS, _give

SAVED_WARNING = "Let op: je tekst is opgeslagen, maar noemt mogelijk een cliënt"
OEPS_FIELDS = ("observe", "effect", "pause", "suggestions")


def hint(html: str, field: str) -> str:
    """The content of the live hint region next to ``field`` (up to its first </div>)."""
    rest = html[html.index(f'id="id_{field}_privacy"') :]
    return rest[: rest.index("</div>")]


def test_each_oeps_field_has_a_live_hint(demo, client_for):
    student = demo["student1"]
    html = (
        client_for("werkbegeleider1")
        .get(reverse("feedback:create") + f"?student={student.pk}")
        .content.decode()
    )
    url = reverse("core:privacy_check")
    for field in OEPS_FIELDS:
        assert f'id="id_{field}_privacy" class="privacy-live" aria-live="polite"' in html
        assert f'hx-vals="{{&quot;privacy_field&quot;: &quot;{field}&quot;}}"' in html
        assert f'hx-target="#id_{field}_privacy"' in html
        assert f"id_{field}_helptext id_{field}_privacy" in html
        assert "Je noemt mogelijk" not in hint(html, field)
    assert html.count(f'hx-post="{url}"') == 4


def test_feedback_naming_a_client_is_saved_with_a_warning(demo, client_for):
    student = demo["student1"]
    before = Feedback.objects.count()
    data = {
        **OEPS,
        "student": student.pk,
        "observe": "Je hielp mevrouw Jansen op kamer 12 met wassen.",
        "pause": "Geboren 3-4-1941, dus voorzichtig.",
    }
    response = client_for("werkbegeleider1").post(reverse("feedback:create"), data, follow=True)
    html = response.content.decode()
    assert Feedback.objects.count() == before + 1
    assert "Je feedback is opgeslagen." in html
    assert SAVED_WARNING in html
    assert "‘mevrouw Jansen’, ‘kamer 12’, ‘Geboren 3-4-1941’" in html


def test_clean_feedback_is_saved_without_a_warning(demo, client_for):
    data = {**OEPS, "student": demo["student1"].pk}
    response = client_for("werkbegeleider1").post(reverse("feedback:create"), data, follow=True)
    assert "Je feedback is opgeslagen." in response.content.decode()
    assert SAVED_WARNING not in response.content.decode()


def test_saved_through_draft_js_the_warning_waits_on_the_next_page(demo, client_for):
    client = client_for("werkbegeleider1")
    data = {**OEPS, "student": demo["student1"].pk, "effect": "Meneer Bakker lachte."}
    response = client.post(reverse("feedback:create"), data, HTTP_X_LEERROUTE_DRAFT="1")
    assert response.status_code == 204
    html = client.get(response["X-Saved-Location"]).content.decode()
    assert SAVED_WARNING in html and "‘Meneer Bakker’" in html


def test_form_shown_again_has_the_warning_next_to_the_field(demo, client_for):
    before = Feedback.objects.count()
    data = {
        **OEPS,
        "student": demo["student1"].pk,
        "observe": "Bij dhr. De Vries ging het mis.",
        "suggestions": "",
    }
    response = client_for("werkbegeleider1").post(reverse("feedback:create"), data)
    html = response.content.decode()
    assert response.status_code == 200 and "Controleer het formulier" in html
    assert "Je noemt mogelijk een cliënt (‘dhr. De Vries’)" in hint(html, "observe")
    assert "Je noemt mogelijk" not in hint(html, "effect")
    assert Feedback.objects.count() == before


def test_edited_feedback_naming_a_client_is_saved_with_a_warning(demo, client_for):
    item = _give(demo)
    response = client_for("werkbegeleider1").post(
        reverse("feedback:edit", args=[item.pk]),
        {**OEPS, "suggestions": "Vraag mw. Visser wat zij wil.", "version": item.version},
        follow=True,
    )
    assert SAVED_WARNING in response.content.decode()
    item.refresh_from_db()
    assert item.suggestions == "Vraag mw. Visser wat zij wil." and item.version == 2


# --- the student's reaction -----------------------------------------------------------


def test_reaction_naming_a_client_is_saved_with_a_warning(demo, client_for):
    item = _give(demo)
    client = client_for("student1")
    page = client.get(reverse("feedback:detail", args=[item.pk])).content.decode()
    assert 'id="id_response_privacy" class="privacy-live" aria-live="polite"' in page
    response = client.post(
        reverse("feedback:respond", args=[item.pk]),
        {"response": "Ik vraag het meneer Bakker op kamer 4.", "version": item.version},
        follow=True,
    )
    html = response.content.decode()
    assert "Je reactie is opgeslagen." in html
    assert SAVED_WARNING in html and "‘meneer Bakker’, ‘kamer 4’" in html
    item.refresh_from_db()
    assert item.student_response == "Ik vraag het meneer Bakker op kamer 4."


def test_clean_reaction_has_no_warning(demo, client_for):
    item = _give(demo)
    response = client_for("student1").post(
        reverse("feedback:respond", args=[item.pk]),
        {"response": "Ik neem het mee naar de avondronde.", "version": item.version},
        follow=True,
    )
    assert "Je reactie is opgeslagen." in response.content.decode()
    assert SAVED_WARNING not in response.content.decode()


def test_reaction_shown_again_has_the_warning_next_to_the_field(demo, client_for):
    item = _give(demo)
    response = client_for("student1").post(
        reverse("feedback:respond", args=[item.pk]),
        {"response": "Zoals bij mevrouw Jansen.", "version": item.version + 3},  # stale
    )
    html = response.content.decode()
    assert "Je noemt mogelijk een cliënt (‘mevrouw Jansen’)" in hint(html, "response")
    item.refresh_from_db()
    assert item.student_response == ""


def test_review_texts_have_a_live_hint_and_warn_after_saving(demo, client_for):
    from django.utils import timezone

    from leerroute.feedback.models import ProgressReview

    from .test_views import _review_data

    student = demo["student1"]
    client = client_for("studentbegeleider1")
    url = reverse("feedback:review_create", args=[student.pk])
    form = client.get(url).content.decode()
    assert 'id="id_summary_privacy"' in form
    assert form.count('class="privacy-live"') > 1  # the summary and every note

    data = _review_data(student)
    data["summary"] = "Goede zorg voor dhr. De Vries op kamer 7."
    response = client.post(url, data, follow=True)
    html = response.content.decode()
    assert ProgressReview.objects.filter(student=student, review_date=timezone.localdate()).exists()
    assert SAVED_WARNING in html
    assert "dhr. De Vries" in html and "kamer 7" in html
