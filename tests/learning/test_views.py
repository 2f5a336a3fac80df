"""Views per role, bad input through HTTP, the live check, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from leerroute.learning import services
from leerroute.learning.models import LearningQuestion, Status
from leerroute.people.models import Placement
from leerroute.qualifications.models import Qualification
from tests.costs import first_and_repeated
from tests.paging import walk_capped_pages


def q_of(username, status):
    return LearningQuestion.objects.filter(student__username=username, status=status).first()


def post_data(**changes):
    data = {
        "question": "Ik wil leren zelfstandig een wond te verzorgen volgens protocol.",
        "steps": "Meekijken, oefenen, zelf doen.",
        "support_requested": "Voordoen en meekijken.",
        "target_date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "action": "save",
    }
    data.update(changes)
    return data


# --- roles -------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).get(reverse("learning:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_student_sees_own_list_with_history(client_for):
    response = client_for("student1").get(reverse("learning:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mijn leervragen" in html
    assert "Verduidelijking gevraagd" in html or "verduidelijking gevraagd" in html
    assert "Ik wil leren klinisch redeneren" not in html  # student2's


def test_mentor_sees_waiting_list(client_for):
    html = client_for("werkbegeleider1").get(reverse("learning:waiting")).content.decode()
    assert q_of("student1", "submitted").question[:40] in html
    assert q_of("student1", "resubmitted").question[:40] in html
    assert q_of("student2", "submitted").question[:40] not in html


def test_assessor_sees_scope_read_only(client_for):
    q = q_of("student1", "submitted")
    client = client_for("studentbegeleider1")
    html = client.get(reverse("learning:list")).content.decode()
    assert "Sanne Verhoef" in html and "Milan Koster" not in html
    detail = client.get(reverse("learning:detail", args=[q.pk]))
    assert detail.status_code == 200
    assert reverse("learning:review", args=[q.pk]) not in detail.content.decode()
    assert client.get(reverse("learning:review", args=[q.pk])).status_code == 403


def test_other_organisation_gets_404(client_for):
    q = q_of("student1", "submitted")
    for who in ("werkbegeleider2", "praktijkopleider2", "docent2"):
        client = client_for(who)
        assert client.get(reverse("learning:detail", args=[q.pk])).status_code == 404
        assert client.get(reverse("learning:review", args=[q.pk])).status_code == 404


def test_drafts_are_private(client_for):
    q = q_of("student1", "draft")
    assert (
        client_for("werkbegeleider1").get(reverse("learning:detail", args=[q.pk])).status_code
        == 404
    )
    html = client_for("docent1").get(reverse("learning:list")).content.decode()
    assert q.question not in html


def test_teacher_sees_cohort_questions(client_for):
    html = client_for("docent1").get(reverse("learning:list") + "?status=approved").content.decode()
    assert q_of("student1", "approved").question[:40] in html
    assert q_of("student1", "submitted").question[:40] not in html


def test_student_page_shows_questions(client_for, demo):
    html = (
        client_for("praktijkopleider1")
        .get(reverse("people:student", args=[demo["student1"].pk]))
        .content.decode()
    )
    assert "h-learning-questions" in html
    assert q_of("student1", "completed").question[:40] in html


def test_home_panels(client_for):
    student = client_for("student1").get(reverse("core:home")).content.decode()
    assert "Mijn leervragen: te doen" in student
    assert "je werkbegeleider heeft een vraag" in student
    mentor = client_for("werkbegeleider1").get(reverse("core:home")).content.decode()
    assert "Leervragen die op jou wachten" in mentor
    assert q_of("student1", "resubmitted").question[:30] in mentor


# --- the journey through HTTP ----------------------------------------------------------


def test_create_submit_review_complete(client_for):
    student, mentor = client_for("student1"), client_for("werkbegeleider1")
    response = student.post(reverse("learning:create"), post_data(action="submit"))
    assert response.status_code == 302
    q = LearningQuestion.objects.filter(student__username="student1").order_by("-pk").first()
    assert q.status == Status.SUBMITTED
    response = mentor.post(
        reverse("learning:review", args=[q.pk]),
        {"decision": "clarify", "message": "Bij welke wond?", "version": q.version},
    )
    assert response.status_code == 302
    q.refresh_from_db()
    assert q.status == Status.CLARIFICATION
    edit = student.get(reverse("learning:edit", args=[q.pk])).content.decode()
    assert "Bij welke wond?" in edit
    response = student.post(
        reverse("learning:edit", args=[q.pk]),
        post_data(action="submit", answer="Een decubituswond.", version=q.version),
    )
    assert response.status_code == 302
    q.refresh_from_db()
    assert q.status == Status.RESUBMITTED
    checklist = dict.fromkeys(
        [
            "right_level",
            "linked_work_process",
            "concrete",
            "steps_lead_to_competence",
            "support_written",
        ],
        "on",
    )
    response = mentor.post(
        reverse("learning:review", args=[q.pk]),
        {
            "decision": "approve",
            "mentor_support": "Ik doe het voor.",
            "version": q.version,
            **checklist,
        },
    )
    assert response.status_code == 302
    q.refresh_from_db()
    assert q.status == Status.APPROVED
    response = student.post(
        reverse("learning:complete", args=[q.pk]),
        {"reflection": "Gelukt.", "version": q.version},
    )
    assert response.status_code == 302
    html = mentor.get(reverse("learning:detail", args=[q.pk])).content.decode()
    assert "Gelukt." in html and "Reflectie van de student" in html


# --- bad input ---------------------------------------------------------------------


def _count():
    return LearningQuestion.objects.count()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"question": "  "}, "Schrijf je leervraag op."),
        ({"question": "x" * 601}, "600"),
        ({"support_requested": "x" * 1001}, "1000"),
        ({"target_date": "2001-01-01"}, "in het verleden"),
        ({"target_date": "morgen"}, "geldige datum"),
    ],
)
def test_bad_input_gets_a_dutch_message(client_for, changes, message):
    before = _count()
    response = client_for("student1").post(reverse("learning:create"), post_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _count() == before


def test_work_process_of_another_qualification(client_for):
    foreign = Qualification.objects.get(title="Mbo-Verpleegkundige").work_processes.get(
        code="P2-K1-W3"
    )
    before = _count()
    response = client_for("student1").post(
        reverse("learning:create"), post_data(work_processes=[foreign.pk])
    )
    assert "eigen kwalificatie" in response.content.decode()
    assert _count() == before


@pytest.mark.parametrize("field", ["student", "placement"])
def test_foreign_ids_are_refused(client_for, demo, field):
    other = (
        demo["student2"].pk
        if field == "student"
        else Placement.objects.filter(student=demo["student2"]).first().pk
    )
    before = _count()
    response = client_for("student1").post(reverse("learning:create"), post_data(**{field: other}))
    assert response.status_code == 400
    assert "eigen" in response.content.decode() or "jezelf" in response.content.decode()
    assert _count() == before


def test_stale_edit_gets_a_conflict_message(client_for):
    q = q_of("student1", "draft")
    client = client_for("student1")
    old_version = q.version
    assert (
        client.post(
            reverse("learning:edit", args=[q.pk]), post_data(version=old_version)
        ).status_code
        == 302
    )
    response = client.post(
        reverse("learning:edit", args=[q.pk]),
        post_data(question="Ik wil leren iets anders.", version=old_version),
    )
    assert response.status_code == 409
    assert "intussen gewijzigd" in response.content.decode()
    q.refresh_from_db()
    assert q.question != "Ik wil leren iets anders."


def test_approve_without_full_checklist(client_for):
    q = q_of("student1", "submitted")
    response = client_for("werkbegeleider1").post(
        reverse("learning:review", args=[q.pk]),
        {
            "decision": "approve",
            "mentor_support": "Ik help.",
            "version": q.version,
            "right_level": "on",
        },
    )
    assert response.status_code == 200
    assert "alle punten van de checklist" in response.content.decode()
    assert LearningQuestion.objects.get(pk=q.pk).status == Status.SUBMITTED


def test_complete_twice_is_refused(client_for):
    q = q_of("student1", "completed")
    response = client_for("student1").get(reverse("learning:complete", args=[q.pk]))
    assert response.status_code == 302


# --- the live check -------------------------------------------------------------------


def test_check_returns_the_results_region(client_for):
    response = client_for("student1").post(
        reverse("learning:check"),
        {"question": "Ik wil leren een katheter te verzorgen."},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "B1-K1-W4" in html and "Koppel B1-K1-W4" in html
    assert 'data-code="no_steps"' in html


def test_linking_a_suggestion_updates_the_checkboxes(client_for):
    wp = Qualification.objects.get(title="Verzorgende IG").work_processes.get(code="B1-K1-W4")
    response = client_for("student1").post(
        reverse("learning:check"),
        {"question": "Ik wil leren een katheter te verzorgen.", "link": str(wp.pk)},
    )
    html = response.content.decode()
    assert 'hx-swap-oob="true"' in html
    assert f'value="{wp.pk}" id="wp-{wp.pk}" checked' in html
    assert "Werkproces B1-K1-W4 is gekoppeld." in html


def test_check_ignores_foreign_work_processes(client_for):
    foreign = Qualification.objects.get(title="Mbo-Verpleegkundige").work_processes.get(
        code="P2-K1-W3"
    )
    response = client_for("student1").post(
        reverse("learning:check"), {"question": "Ik wil leren.", "link": str(foreign.pk)}
    )
    assert "hx-swap-oob" not in response.content.decode()


# --- query counts ----------------------------------------------------------------------


def _add_questions(demo, n):
    student = demo["student1"]
    for i in range(n):
        q = services.save_draft(
            student,
            services.Content(
                question=f"Ik wil leren {i}.",
                target_date=timezone.localdate() + datetime.timedelta(days=5),
            ),
        )
        services.submit(q, student)


@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("student1", "learning:list"),
        ("docent1", "learning:list"),
        ("werkbegeleider1", "learning:waiting"),
        ("werkbegeleider1", "core:home"),
    ],
)
def test_list_queries_do_not_grow(client_for, demo, username, url):
    import re

    client = client_for(username)
    client.get(reverse(url))  # warm up (session, caches)
    # The first request after a change (kept home panels rendered again,
    # core/panels.py) and its repeat, each before and after more questions.
    first_few, few, _ = first_and_repeated(client, reverse(url))
    _add_questions(demo, 6)
    first_many, many, response = first_and_repeated(client, reverse(url))
    assert response.status_code == 200
    # The home panel shows the newest few and "en nog N"; the lists show all.
    expected = "en nog" if url == "core:home" else "Ik wil leren 5."
    assert expected in response.content.decode()
    assert len(many) == len(few), [re.sub(r"\s+", " ", q["sql"])[:120] for q in many]
    assert len(first_many) == len(first_few), [
        re.sub(r"\s+", " ", q["sql"])[:120] for q in first_many
    ]


# --- the overview at region scale: counted up to a limit -------------------------------


@pytest.mark.parametrize("username", ["beheerder", "praktijkopleider1", "werkbegeleider1"])
def test_overview_counted_up_to_a_limit_still_pages_through_every_row(
    client_for, demo, monkeypatch, username
):
    """Past the limit the overview says "Meer dan N", and the pages still hold
    every row of the rule, in order, each once."""
    from django.db.models import Q

    from leerroute.learning import views
    from leerroute.learning.models import LearningQuestion
    from leerroute.people import queries as people

    _add_questions(demo, 6)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "OVERVIEW_COUNT_UP_TO", 3)
    user = demo[username]
    expected = list(
        LearningQuestion.objects.filter(student__in=people.students_visible_to(user))
        .filter(Q(student=user) | ~Q(status="draft"))
        .order_by("student__last_name", "student__first_name", "-updated_at", "pk")
        .values_list("pk", flat=True)
    )
    assert len(expected) > 4
    client = client_for(username)
    shown = walk_capped_pages(
        client, reverse("learning:list"), "leervragen", 3, 2, total=len(expected)
    )
    assert shown == expected


def test_overview_count_stops_at_the_limit(client_for, demo, monkeypatch):
    """The administrator's overview counts at most the limit (LIMIT, unsorted),
    in the same number of queries however many questions there are."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from leerroute.learning import views

    monkeypatch.setattr(views, "OVERVIEW_COUNT_UP_TO", 30)
    client = client_for("beheerder")
    client.get(reverse("learning:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("learning:list"))
    _add_questions(demo, 40)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("learning:list"))
    assert "Meer dan 30 leervragen" in response.content.decode()
    assert len(many) == len(few), [re.sub(r"\s+", " ", q["sql"])[:120] for q in many]
    (count,) = [
        q["sql"]
        for q in many.captured_queries
        if "COUNT(" in q["sql"].upper() and "learning_learningquestion" in q["sql"]
    ]
    assert "LIMIT 31" in count
    assert "ORDER BY" not in count


@pytest.mark.parametrize("username", ["werkbegeleider1", "werkbegeleider2", "studentbegeleider1"])
def test_reviewable_questions_are_the_named_mentors_without_distinct(client_for, demo, username):
    """``mentored_by`` (placement IN the mentor's placements) gives the rows of
    the plain join on the mentors, each once, without sorting whole rows."""
    from leerroute.learning import queries
    from leerroute.learning.models import LearningQuestion
    from leerroute.people.models import Placement
    from leerroute.people.queries import students_visible_to

    _add_questions(demo, 3)
    mentor = demo[username]
    plain = set(
        LearningQuestion.objects.filter(
            placement__in=Placement.objects.active().filter(mentors=mentor),
            student__in=students_visible_to(mentor),
        )
        .exclude(status="draft")
        .values_list("pk", flat=True)
    )
    reviewable = queries.reviewable_by(mentor)
    found = list(reviewable.values_list("pk", flat=True))
    assert len(found) == len(set(found))
    assert set(found) == plain
    if username == "werkbegeleider1":
        assert plain
    if plain:
        assert "DISTINCT" not in str(reviewable.query).upper()
    response = client_for(username).get(reverse("learning:waiting"))
    if response.status_code == 200:
        shown = {q.pk for q in response.context["page"]}
        assert shown == set(queries.waiting_for(mentor).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("username", "url", "rows"),
    [
        # The student's own questions, newest first; the mentor's, oldest first.
        ("student1", "learning:list", lambda demo: _own_order(demo)),
        ("werkbegeleider1", "learning:waiting", lambda demo: _waiting_order(demo)),
    ],
)
def test_own_and_waiting_lists_come_in_pages_of_25(client_for, demo, username, url, rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _add_questions(demo, 30)
    expected = rows(demo)
    assert len(expected) > 25
    client = client_for(username)
    first = client.get(reverse(url))
    with CaptureQueriesContext(connection) as queries_first:
        first = client.get(reverse(url))
    with CaptureQueriesContext(connection) as queries_second:
        second = client.get(reverse(url), {"pagina": 2})
    assert [q.pk for q in first.context["page"]] == expected[:25]
    assert [q.pk for q in second.context["page"]] == expected[25:50]
    html = first.content.decode()
    pages = -(-len(expected) // 25)
    assert f"Pagina 1 van {pages}" in html
    assert 'rel="next"' in html
    assert len(queries_first) == len(queries_second)
    # A malformed page number is the first page; one past the end is the last.
    again = client.get(reverse(url), {"pagina": "twee"})
    assert [q.pk for q in again.context["page"]] == expected[:25]
    last = client.get(reverse(url), {"pagina": 99})
    assert last.context["page"].number == pages
    assert [q.pk for q in last.context["page"]] == expected[(pages - 1) * 25 :]
    # The total comes with the rows of the page: no separate count.
    assert not any(
        "COUNT(*) AS" in q["sql"] and "learning_learningquestion" in q["sql"]
        for q in queries_first.captured_queries
    )


def test_an_empty_own_list_is_one_empty_page(client_for, demo):
    from leerroute.learning.models import LearningQuestion

    LearningQuestion.objects.filter(student=demo["student1"]).delete()
    response = client_for("student1").get(reverse("learning:list"))
    page = response.context["page"]
    assert (page.number, list(page), page.paginator.count) == (1, [], 0)
    assert "Je hebt nog geen leervragen." in response.content.decode()
    assert 'rel="next"' not in response.content.decode()


def _own_order(demo):
    from leerroute.learning import queries

    return list(
        queries.own_learning_questions(demo["student1"])
        .order_by("-updated_at", "-pk")
        .values_list("pk", flat=True)
    )


def _waiting_order(demo):
    from leerroute.learning import queries

    return list(
        queries.waiting_for(demo["werkbegeleider1"])
        .order_by("updated_at", "pk")
        .values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    ("username", "url"), [("student1", "learning:list"), ("werkbegeleider1", "learning:waiting")]
)
def test_a_page_number_beyond_any_offset_is_the_last_page(client_for, username, url):
    """A page number the database cannot skip to (the offset past its largest
    integer) is the last page, as any page past the end."""
    client = client_for(username)
    for number in ("9223372036854775807", "368934881474191033"):
        response = client.get(reverse(url), {"pagina": number})
        assert response.status_code == 200
        page = response.context["page"]
        assert page.number == page.paginator.num_pages


def test_overview_pages_keep_the_status_filter_and_nothing_else(client_for, demo, monkeypatch):
    """The previous/next links (the shared pagination) keep ``?status=``; other
    parameters in the address are not carried along."""
    from leerroute.learning import views

    _add_questions(demo, 3)
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    client = client_for("beheerder")
    html = client.get(reverse("learning:list"), {"status": "submitted", "x": "1"}).content.decode()
    assert 'href="?status=submitted&amp;pagina=2" rel="next"' in html
    html = client.get(
        reverse("learning:list"), {"status": "submitted", "pagina": 2}
    ).content.decode()
    assert 'href="?status=submitted&amp;pagina=1" rel="prev"' in html
    html = client.get(reverse("learning:list")).content.decode()
    assert 'href="?pagina=2" rel="next"' in html
