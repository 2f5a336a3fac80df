"""Home page order and the waiting list, the student's view of a clarifying question,
the review form's error summary, and the link between feedback and a learning question."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from leerroute.feedback import services as feedback_services
from leerroute.learning import services
from leerroute.learning.models import LearningQuestion, Status
from leerroute.learning.queries import waiting_for

pytestmark = pytest.mark.django_db

OEPS = {
    "observe": "Je mat de bloeddruk en legde uit wat je deed.",
    "effect": "De bewoner bleef rustig, zei je.",
    "pause": "Uitleg vooraf werkt.",
    "suggestions": "Doe dat ook bij de avondronde.",
}


def _positions(html: str, *texts: str) -> list[int]:
    return [html.index(t) for t in texts]


def test_mentor_home_starts_with_what_waits_newest_first(demo, client_for):
    mentor = demo["werkbegeleider1"]
    waiting = list(waiting_for(mentor).order_by("-updated_at", "-pk"))
    assert waiting, "the demo has learning questions waiting for werkbegeleider1"
    html = client_for("werkbegeleider1").get("/").content.decode()
    # What waits comes before the mentor's students and the feedback panel.
    waits, students, feedback = _positions(
        html, "Leervragen die op jou wachten", "Mijn studenten", "Feedback (werkbegeleider)"
    )
    assert waits < students < feedback
    # The newest is shown; anything beyond the first five behind an honest link.
    assert reverse("learning:review", args=[waiting[0].pk]) in html
    if len(waiting) > 5:
        assert f"en nog {len(waiting) - 5} leervra" in html
    else:
        for question in waiting:
            assert reverse("learning:review", args=[question.pk]) in html


def test_the_newest_of_six_waiting_questions_is_on_the_home_page(demo, client_for):
    mentor = demo["werkbegeleider1"]
    waiting = list(waiting_for(mentor))
    base = waiting[0]
    extra = 6 - len(waiting)
    for n in range(max(extra, 0)):
        base.pk = None
        base.question = f"Ik wil leren een extra vraag {n} te stellen."
        base.save()
    newest = waiting_for(mentor).order_by("pk").last()
    LearningQuestion.objects.filter(pk=newest.pk).update(
        updated_at=timezone.now() + timezone.timedelta(minutes=5)
    )
    total = waiting_for(mentor).count()
    html = client_for("werkbegeleider1").get("/").content.decode()
    assert reverse("learning:review", args=[newest.pk]) in html
    assert f"en nog {total - 5} leervra" in html
    assert reverse("learning:waiting") in html


def test_mentor_student_cards_do_not_repeat_the_mentor(demo, client_for):
    mentor = demo["werkbegeleider1"]
    html = client_for("werkbegeleider1").get("/").content.decode()
    panel = html[
        html.index('id="panel-mentor"') : html.index("</section>", html.index('id="panel-mentor"'))
    ]
    assert mentor.get_full_name() not in panel
    assert "Werkbegeleider(s)" not in panel


@pytest.mark.parametrize(
    ("account", "students", "route"),
    [
        ("trainer", False, False),
        ("student1", False, True),
        ("werkbegeleider1", True, True),
        ("docent1", True, True),
        ("beheerder", True, True),
    ],
)
def test_menu_shows_only_what_the_role_can_use(account, students, route, client_for):
    html = client_for(account).get("/").content.decode()
    nav = html[html.index('aria-label="Hoofdmenu"') : html.index("</nav>")]
    assert (reverse("people:student_list") in nav) is students
    assert (reverse("feedback:index") in nav) is route
    assert (reverse("learning:list") in nav) is route
    assert reverse("training:index") in nav


def _clarify(demo):
    mentor = demo["werkbegeleider1"]
    question = waiting_for(mentor).filter(student=demo["student1"]).first()
    services.ask_clarification(
        question,
        mentor,
        "Welke wond bedoel je precies, en wanneer wil je het kunnen?",
        services.Checklist(right_level=True, support_written=True),
        question.version,
    )
    return LearningQuestion.objects.get(pk=question.pk)


def test_student_sees_the_mentors_question_not_a_failed_checklist(demo, client_for):
    question = _clarify(demo)
    assert question.status == Status.CLARIFICATION
    html = client_for("student1").get(reverse("learning:detail", args=[question.pk])).content
    html = html.decode()
    assert "Welke wond bedoel je precies" in html
    assert "vraagt je iets aan te passen" in html
    assert "Nog niet in orde" not in html
    assert reverse("learning:edit", args=[question.pk]) in html
    # The mentor still sees the checklist.
    mentor_html = client_for("werkbegeleider1").get(reverse("learning:detail", args=[question.pk]))
    assert "Nog niet in orde" in mentor_html.content.decode()


def test_failed_approval_shows_the_error_summary_first(demo, client_for):
    mentor = demo["werkbegeleider1"]
    question = waiting_for(mentor).first()
    response = client_for("werkbegeleider1").post(
        reverse("learning:review", args=[question.pk]),
        {"decision": "approve", "version": question.version, "mentor_support": ""},
    )
    html = response.content.decode()
    assert 'id="foutmeldingen"' in html
    # Right under the heading, long before the form.
    assert html.index('id="foutmeldingen"') < html.index("Advies van de controle")
    assert re.search(r'class="error-summary" role="alert" tabindex="-1"', html)


def test_feedback_and_learning_question_link_both_ways(demo, client_for):
    question = LearningQuestion.objects.filter(student=demo["student1"]).first()
    item = feedback_services.give_feedback(
        author=demo["werkbegeleider1"],
        student=demo["student1"],
        learning_question=question,
        **OEPS,
    )
    detail = client_for("student1").get(reverse("feedback:detail", args=[item.pk])).content
    assert reverse("learning:detail", args=[question.pk]) in detail.decode()
    back = client_for("student1").get(reverse("learning:detail", args=[question.pk])).content
    assert reverse("feedback:detail", args=[item.pk]) in back.decode()


def test_a_reaction_is_the_students_own_and_opens_with_its_text(demo, client_for):
    item = feedback_services.give_feedback(
        author=demo["werkbegeleider1"], student=demo["student1"], client_wellbeing=True, **OEPS
    )
    client = client_for("student1")
    client.post(
        reverse("feedback:respond", args=[item.pk]),
        {"response": "Ik leg het voortaan vooraf uit.", "version": item.version},
    )
    item.refresh_from_db()
    client.post(
        reverse("feedback:respond", args=[item.pk]),
        {"response": "Ik leg het voortaan altijd vooraf uit.", "version": item.version},
    )
    html = client.get(reverse("feedback:detail", args=[item.pk])).content.decode()
    assert "Aangepast" not in html
    assert "reageerde op" in html
    # "Reactie aanpassen" opens with the text written before.
    section = html[html.index("h-response") :]
    assert "Ik leg het voortaan altijd vooraf uit.</textarea>" in section, section[:3000]
    assert "Reactie aanpassen" in html
    # The client-safety marker is a calm moment, not an alarm.
    assert "badge-safety" in html and "badge-alert" not in html
    form = client_for("werkbegeleider1").get(reverse("feedback:create")).content.decode()
    assert "geen beschuldiging" in form
