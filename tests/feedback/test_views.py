"""Feedback and progress reviews through HTTP: roles, bad input, history, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from leerroute.feedback import services
from leerroute.feedback.models import (
    RECENT_FEEDBACK_DAYS,
    Feedback,
    FeedbackVersion,
    ProgressLevel,
    ProgressReview,
    ReviewStatus,
    ReviewVersion,
)
from leerroute.feedback.queries import current_qualification, work_processes_of
from leerroute.qualifications.models import Qualification, WorkProcess

OEPS = {
    "observe": "Je mat de bloeddruk en legde uit wat je deed.",
    "effect": "De bewoner bleef rustig, zei je.",
    "pause": "Uitleg vooraf werkt.",
    "suggestions": "Doe dat ook bij de avondronde.",
}


def _wp(student, code="B1-K1-W3"):
    return work_processes_of(current_qualification(student)).get(code=code)


def _foreign_wp(student):
    """A work process that is not part of the student's qualification."""
    own = work_processes_of(current_qualification(student)).values("pk")
    return WorkProcess.objects.exclude(pk__in=own).first()


def _give(demo, author="werkbegeleider1", student="student1", **extra):
    return services.give_feedback(author=demo[author], student=demo[student], **{**OEPS, **extra})


# --- giving feedback --------------------------------------------------------------


def test_anonymous_is_sent_to_login(client_for):
    response = client_for(None).get(reverse("feedback:create"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_mentor_opens_the_form_with_the_student_preselected(demo, client_for):
    student = demo["student1"]
    response = client_for("werkbegeleider1").get(
        reverse("feedback:create") + f"?student={student.pk}"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{student.pk}" selected>' in html
    # The four OEPS steps, each with its one-line hint.
    for hint in (
        "Vraag naar de situatie",
        "Vraag de student naar het effect",
        "Vat samen wat de student zei",
        "Spreek samen af",
    ):
        assert hint in html
    assert "Het welzijn van de cliënt was in het geding" in html
    # Work processes of the student's qualification are offered.
    assert _wp(student).title in html
    assert "draft.js" in html and "data-draft-key" in html


def test_mentor_records_feedback(demo, client_for):
    student = demo["student1"]
    data = {
        **OEPS,
        "student": student.pk,
        "work_process": _wp(student).pk,
        "client_wellbeing": "on",
    }
    response = client_for("werkbegeleider1").post(reverse("feedback:create"), data)
    item = Feedback.objects.get(student=student, observe=OEPS["observe"])
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:detail", args=[item.pk])
    assert item.author == demo["werkbegeleider1"]
    assert item.client_wellbeing and item.work_process == _wp(student)
    assert item.placement.team.name == "Team Tulp"


def test_save_via_draft_script_answers_204_with_the_next_page(demo, client_for):
    student = demo["student1"]
    response = client_for("werkbegeleider1").post(
        reverse("feedback:create"),
        {**OEPS, "student": student.pk},
        headers={"X-Leerroute-Draft": "1"},
    )
    item = Feedback.objects.get(student=student, observe=OEPS["observe"])
    assert response.status_code == 204
    assert response["X-Saved-Location"] == reverse("feedback:detail", args=[item.pk])


def test_another_observer_in_the_team_and_the_assessor_may_give_feedback(demo, client_for):
    student = demo["student1"]
    for account in ("studentbegeleider1", "praktijkopleider1"):
        response = client_for(account).post(
            reverse("feedback:create"), {**OEPS, "student": student.pk, "observe": account}
        )
        assert response.status_code == 302, account
    assert Feedback.objects.filter(student=student, observe__in=["studentbegeleider1"]).exists()


@pytest.mark.parametrize("account", ["student1", "docent1", "trainer", "beheerder"])
def test_who_does_not_observe_cannot_give_feedback(account, client_for):
    assert client_for(account).get(reverse("feedback:create")).status_code == 403


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"observe": "  "}, "Beschrijf bij Observeren"),
        ({"effect": ""}, "Beschrijf bij Effect"),
        ({"pause": ""}, "Vat bij Pauzeren samen"),
        ({"suggestions": ""}, "Schrijf bij Suggesties"),
        ({"student": "other"}, "Aan deze student kun je geen feedback geven"),
        ({"work_process": "foreign"}, "Dit werkproces hoort niet bij de kwalificatie"),
    ],
)
def test_bad_feedback_input_gets_a_dutch_message_and_changes_nothing(
    change, message, demo, client_for
):
    student = demo["student1"]
    data = {**OEPS, "student": student.pk, **change}
    if data["student"] == "other":
        data["student"] = demo["student2"].pk  # another organisation's student
    if data.get("work_process") == "foreign":
        data["work_process"] = _foreign_wp(student).pk
    before = Feedback.objects.count()
    response = client_for("werkbegeleider1").post(reverse("feedback:create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Controleer het formulier" in response.content.decode()
    assert Feedback.objects.count() == before


# --- the student reacts -----------------------------------------------------------


def test_student_sees_own_feedback_reacts_and_marks_read(demo, client_for):
    item = _give(demo)
    client = client_for("student1")
    page = client.get(reverse("feedback:student", args=[demo["student1"].pk]))
    assert OEPS["observe"] in page.content.decode()
    detail = client.get(reverse("feedback:detail", args=[item.pk])).content.decode()
    assert "Jouw reactie" in detail and "Markeer als gelezen" in detail

    response = client.post(
        reverse("feedback:respond", args=[item.pk]),
        {"response": "Ik let erop bij de avondronde.", "version": item.version},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.student_response == "Ik let erop bij de avondronde."
    assert item.is_read and item.version == 2


def test_mark_read_is_idempotent(demo, client_for):
    item = _give(demo)
    client = client_for("student1")
    client.post(reverse("feedback:mark_read", args=[item.pk]))
    item.refresh_from_db()
    first = item.read_at
    client.post(reverse("feedback:mark_read", args=[item.pk]))
    item.refresh_from_db()
    assert first is not None and item.read_at == first


def test_empty_reaction_is_refused(demo, client_for):
    item = _give(demo)
    response = client_for("student1").post(
        reverse("feedback:respond", args=[item.pk]), {"response": " ", "version": item.version}
    )
    assert "Schrijf een korte reactie" in response.content.decode()
    item.refresh_from_db()
    assert item.student_response == "" and item.version == 1


def test_mentor_cannot_react_for_the_student(demo, client_for):
    item = _give(demo)
    response = client_for("werkbegeleider1").post(
        reverse("feedback:respond", args=[item.pk]), {"response": "x", "version": 1}
    )
    assert response.status_code == 403


def test_other_student_and_other_organisation_get_404(demo, client_for):
    item = _give(demo)
    for account in ("student2", "werkbegeleider2", "praktijkopleider2", "docent2"):
        assert (
            client_for(account).get(reverse("feedback:detail", args=[item.pk])).status_code == 404
        )


def test_teacher_reads_feedback_of_own_cohort_but_cannot_change_it(demo, client_for):
    item = _give(demo)
    client = client_for("docent1")
    detail = client.get(reverse("feedback:detail", args=[item.pk]))
    assert detail.status_code == 200 and OEPS["observe"] in detail.content.decode()
    assert "Feedback aanpassen" not in detail.content.decode()
    assert client.get(reverse("feedback:edit", args=[item.pk])).status_code == 403


# --- editing keeps history -------------------------------------------------------


def test_edit_keeps_the_earlier_version_visible_to_assessor(demo, client_for):
    item = _give(demo)
    response = client_for("werkbegeleider1").post(
        reverse("feedback:edit", args=[item.pk]),
        {**OEPS, "suggestions": "Nieuwe afspraak.", "version": 1},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.suggestions == "Nieuwe afspraak." and item.version == 2
    old = FeedbackVersion.objects.get(feedback=item)
    assert old.version == 1 and old.suggestions == OEPS["suggestions"]

    history = client_for("studentbegeleider1").get(reverse("feedback:history", args=[item.pk]))
    assert history.status_code == 200 and OEPS["suggestions"] in history.content.decode()
    for account in ("werkbegeleider1", "student1", "docent1"):
        assert (
            client_for(account).get(reverse("feedback:history", args=[item.pk])).status_code == 403
        )


def test_stale_edit_is_refused_with_a_conflict_message(demo, client_for):
    item = _give(demo)
    client = client_for("werkbegeleider1")
    client.post(reverse("feedback:edit", args=[item.pk]), {**OEPS, "pause": "Eerst.", "version": 1})
    response = client.post(
        reverse("feedback:edit", args=[item.pk]), {**OEPS, "pause": "Tweede.", "version": 1}
    )
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in response.content.decode()
    item.refresh_from_db()
    assert item.pause == "Eerst." and item.version == 2


def test_only_the_author_edits(demo, client_for):
    item = _give(demo)
    assert (
        client_for("studentbegeleider1").get(reverse("feedback:edit", args=[item.pk])).status_code
        == 403
    )


# --- progress reviews ------------------------------------------------------------


def _review_data(student, *, cited=(), publish=False, date=None, levels=None):
    data = {
        "review_date": (date or timezone.localdate()).isoformat(),
        "summary": "De student groeit in de zorg voor bewoners.",
        "cited_feedback": [f.pk for f in cited],
    }
    for wp in work_processes_of(current_qualification(student)):
        data[f"level_{wp.pk}"] = (levels or {}).get(wp.code, ProgressLevel.NOT_YET_SEEN)
        data[f"note_{wp.pk}"] = ""
    data["publiceren" if publish else "concept"] = "1"
    return data


def test_assessor_writes_a_draft_and_publishes_it(demo, client_for):
    student = demo["student1"]
    item = _give(demo)
    client = client_for("studentbegeleider1")
    form = client.get(reverse("feedback:review_create", args=[student.pk])).content.decode()
    for level in ProgressLevel:
        assert str(level.label) in form and str(level.meaning) in form

    response = client.post(
        reverse("feedback:review_create", args=[student.pk]),
        _review_data(student, cited=[item], levels={"B1-K1-W3": "at_level"}),
    )
    review = ProgressReview.objects.get(student=student, review_date=timezone.localdate())
    assert response.status_code == 302
    assert review.status == ReviewStatus.DRAFT
    assert list(review.cited_feedback.all()) == [item]
    assert review.entries.get(work_process__code="B1-K1-W3").level == "at_level"
    # The student does not see a draft.
    assert (
        client_for("student1").get(reverse("feedback:review", args=[review.pk])).status_code == 404
    )

    response = client.post(
        reverse("feedback:review_publish", args=[review.pk]), {"version": review.version}
    )
    review.refresh_from_db()
    assert review.is_published and ReviewVersion.objects.filter(review=review).count() == 1
    page = client_for("student1").get(reverse("feedback:review", args=[review.pk]))
    assert page.status_code == 200 and "op niveau" in page.content.decode()


def test_mentor_is_refused_a_review_and_never_offered_one(demo, client_for):
    student = demo["student1"]
    client = client_for("werkbegeleider1")
    url = reverse("feedback:review_create", args=[student.pk])
    assert client.get(url).status_code == 403
    before = ProgressReview.objects.count()
    assert client.post(url, _review_data(student)).status_code == 403
    assert ProgressReview.objects.count() == before
    for page in ("feedback:student", "feedback:progress"):
        html = client.get(reverse(page, args=[student.pk])).content.decode()
        assert url not in html
    published = ProgressReview.objects.filter(student=student).published().first()
    html = client.get(reverse("feedback:review", args=[published.pk])).content.decode()
    assert reverse("feedback:review_edit", args=[published.pk]) not in html
    assert client.get(reverse("feedback:review_edit", args=[published.pk])).status_code == 403


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("other_students_feedback", "Je kunt alleen feedback van deze student aanhalen"),
        ("publish_without_citation", "Vink minstens één feedbackmoment aan"),
        ("bad_level", "Kies een niveau van de schaal"),
        ("future_date", "kan niet in de toekomst liggen"),
        ("taken_date", "op deze datum al een voortgangsbeoordeling"),
        ("empty_summary", "Schrijf een onderbouwing"),
    ],
)
def test_bad_review_input_gets_a_dutch_message_and_changes_nothing(case, message, demo, client_for):
    student = demo["student1"]
    data = _review_data(student, cited=[_give(demo)])
    if case == "other_students_feedback":
        data["cited_feedback"] = [_give(demo, "werkbegeleider2", "student2").pk]
    elif case == "publish_without_citation":
        data = _review_data(student, publish=True)
    elif case == "bad_level":
        data[next(k for k in data if k.startswith("level_"))] = "excellent"
    elif case == "future_date":
        data["review_date"] = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    elif case == "taken_date":
        data["review_date"] = ProgressReview.objects.filter(student=student).first().review_date
    elif case == "empty_summary":
        data["summary"] = ""
    before = (ProgressReview.objects.count(), ReviewVersion.objects.count())
    response = client_for("studentbegeleider1").post(
        reverse("feedback:review_create", args=[student.pk]), data
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (ProgressReview.objects.count(), ReviewVersion.objects.count()) == before


def test_editing_a_review_keeps_the_earlier_version(demo, client_for):
    student = demo["student1"]
    review = ProgressReview.objects.filter(student=student).published().first()
    cited = list(review.cited_feedback.all())
    client = client_for("praktijkopleider1")
    data = _review_data(student, cited=cited, date=review.review_date)
    data["version"] = review.version
    data["summary"] = "Bijgesteld na het gesprek."
    response = client.post(reverse("feedback:review_edit", args=[review.pk]), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.summary == "Bijgesteld na het gesprek." and review.is_published
    history = client.get(reverse("feedback:review_history", args=[review.pk])).content.decode()
    assert "Aangevuld na het driegesprek" in history  # the earlier text, kept


def test_foreign_student_review_is_404(demo, client_for):
    url = reverse("feedback:review_create", args=[demo["student2"].pk])
    assert client_for("studentbegeleider1").get(url).status_code == 404


def test_teacher_sees_published_reviews_only(demo, client_for):
    student = demo["student1"]
    draft = ProgressReview.objects.filter(student=student).drafts().first()
    published = ProgressReview.objects.filter(student=student).published().first()
    client = client_for("docent1")
    assert client.get(reverse("feedback:review", args=[draft.pk])).status_code == 404
    assert client.get(reverse("feedback:review", args=[published.pk])).status_code == 200
    assert client.get(reverse("feedback:review_edit", args=[published.pk])).status_code == 403


# --- overviews ---------------------------------------------------------------------


def test_progress_grid_shows_level_text_and_feedback_count(demo, client_for):
    student = demo["student1"]
    html = client_for("student1").get(reverse("feedback:progress", args=[student.pk])).content
    html = html.decode()
    assert "level-developing" in html and "in ontwikkeling" in html
    # The student sees published reviews only: no draft column.
    assert "concept" not in html
    staff = client_for("studentbegeleider1").get(reverse("feedback:progress", args=[student.pk]))
    assert "concept" in staff.content.decode()


def test_team_overview_splits_recent_and_quiet(demo, client_for):
    from leerroute.people.models import Team

    team = Team.objects.get(name="Team Tulp")
    response = client_for("studentbegeleider1").get(reverse("feedback:team", args=[team.pk]))
    html = response.content.decode()
    quiet = html.split('id="h-quiet"')[1].split('id="h-recent"')[0]
    recent = html.split('id="h-recent"')[1]
    assert "Sanne Verhoef" in recent  # student1 has recent feedback
    assert "Mees Hoogeveen" in quiet  # none at all
    assert "Lotte Bloemendaal" in quiet  # only older than the window
    assert str(RECENT_FEEDBACK_DAYS) in html
    assert (
        client_for("werkbegeleider1").get(reverse("feedback:team", args=[team.pk])).status_code
        == 403
    )


def test_home_panels(demo, client_for):
    mentor = client_for("werkbegeleider1").get(reverse("core:home")).content.decode()
    assert "Feedback (werkbegeleider)" in mentor and "Mees Hoogeveen" in mentor
    student = client_for("student1").get(reverse("core:home")).content.decode()
    assert "Nieuwe feedback om te lezen" in student and "Voortgangsbeoordelingen" in student
    assessor = client_for("studentbegeleider1").get(reverse("core:home")).content.decode()
    assert "Beoordelingen in concept" in assessor and "Sanne Verhoef" in assessor


def test_student_page_links_to_feedback(demo, client_for):
    student = demo["student1"]
    mentor = client_for("werkbegeleider1").get(reverse("people:student", args=[student.pk]))
    assert f"{reverse('feedback:create')}?student={student.pk}" in mentor.content.decode()
    teacher = client_for("docent1").get(reverse("people:student", args=[student.pk]))
    assert reverse("feedback:create") not in teacher.content.decode()
    admin = client_for("beheerder").get(reverse("people:student", args=[student.pk]))
    assert reverse("feedback:create") not in admin.content.decode()


def test_the_scale_is_defined_once():
    assert [level.label for level in ProgressLevel] == [
        "nog niet gezien",
        "in ontwikkeling",
        "op niveau",
        "boven niveau",
    ]
    assert all(level.meaning and level.symbol for level in ProgressLevel)


# --- constant query counts ------------------------------------------------------------


def _add_feedback(demo, n):
    student = demo["student1"]
    wp = _wp(student)
    for i in range(n):
        _give(demo, observe=f"Extra observatie {i}", work_process=wp)


@pytest.mark.parametrize(
    ("account", "url_name"),
    [
        ("student1", "feedback:student"),
        ("studentbegeleider1", "feedback:student"),
        ("studentbegeleider1", "feedback:progress"),
        ("studentbegeleider1", "feedback:review_create"),
        ("docent1", "feedback:progress"),
        ("werkbegeleider1", "feedback:index"),
        ("studentbegeleider1", "feedback:team"),
        ("werkbegeleider1", "core:home"),
        ("student1", "core:home"),
        ("studentbegeleider1", "core:home"),
    ],
)
def test_query_count_does_not_grow_with_feedback(account, url_name, demo, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from leerroute.people.models import Team

    if url_name == "feedback:team":
        url = reverse(url_name, args=[Team.objects.get(name="Team Tulp").pk])
    elif url_name in ("feedback:index", "core:home"):
        url = reverse(url_name)
    else:
        url = reverse(url_name, args=[demo["student1"].pk])
    client = client_for(account)
    client.get(url)  # warm up (session, caches)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _add_feedback(demo, 1)
    few = count()
    _add_feedback(demo, 12)
    many = count()
    assert few == many, (few, many)


def test_review_and_feedback_detail_query_counts_are_constant(demo, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    student = demo["student1"]
    client = client_for("studentbegeleider1")

    def review_with(n):
        items = [_give(demo, observe=f"Citaat {n}-{i}") for i in range(n)]
        data = _review_data(
            student, cited=items, date=timezone.localdate() - datetime.timedelta(days=50 + n)
        )
        client.post(reverse("feedback:review_create", args=[student.pk]), data)
        return ProgressReview.objects.get(student=student, review_date=data["review_date"])

    counts = []
    for n in (1, 8):
        review = review_with(n)
        url = reverse("feedback:review", args=[review.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_demo_reviews_cover_several_students_and_moments(db):
    assert ProgressReview.objects.published().values("student").distinct().count() >= 3
    assert ProgressReview.objects.drafts().count() >= 1
    assert ProgressReview.objects.filter(student__username="student1").count() >= 2
    assert Feedback.objects.values("author").distinct().count() >= 5
    assert Qualification.objects.exists()
