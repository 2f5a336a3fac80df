"""Changes through the API: the pages' rules and services, with problem documents.

Per action: the person the pages allow, a person who sees the object but may not
act (403), someone of another organisation (404), bad input (422 with the field)
and a stale version (409).
"""

import datetime

import pytest
from django.utils import timezone

from leerroute.conversations.models import Agreement, Conversation
from leerroute.feedback.models import Feedback, FeedbackVersion, ProgressReview
from leerroute.feedback.queries import current_qualification, work_processes_of
from leerroute.learning.models import LearningQuestion
from leerroute.people.models import Cohort
from leerroute.school.models import WeeklyUpdate
from leerroute.school.weeks import Week
from leerroute.training.models import Attendance, Enrolment, Session
from tests.api.helpers import fields as _fields
from tests.api.helpers import patch as _patch
from tests.api.helpers import post as _post

pytestmark = pytest.mark.django_db


def _question(username, status) -> LearningQuestion:
    return (
        LearningQuestion.objects.filter(student__username=username, status=status)
        .order_by("pk")
        .first()
    )


# --- Learning questions ----------------------------------------------------------------


def test_student_changes_a_draft(api_for):
    draft = _question("student1", "draft")
    url = f"/api/v1/learning-questions/{draft.pk}/"
    response = _patch(api_for("student1"), url, {"steps": "1. meekijken", "version": draft.version})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["steps"] == "1. meekijken" and body["question"] == draft.question
    assert body["version"] == draft.version + 1
    stale = _patch(api_for("student1"), url, {"steps": "x", "version": draft.version})
    assert stale.status_code == 409
    assert "gewijzigd" in stale.json()["detail"]
    empty = _patch(api_for("student1"), url, {"question": "  "})
    assert empty.status_code == 422 and _fields(empty) == {"question"}
    too_long = _patch(api_for("student1"), url, {"question": "x" * 601})
    assert too_long.status_code == 422 and _fields(too_long) == {"question"}
    assert LearningQuestion.objects.get(pk=draft.pk).steps == "1. meekijken"


def test_changing_a_question_follows_the_pages_rules(api_for):
    asked = _question("student1", "clarification")
    url = f"/api/v1/learning-questions/{asked.pk}/"
    assert _patch(api_for("student1"), url, {"steps": "Eerst meekijken."}).status_code == 200
    assert _patch(api_for("werkbegeleider1"), url, {"steps": "x"}).status_code == 403
    assert _patch(api_for("student2"), url, {"steps": "x"}).status_code == 404
    assert _patch(api_for("werkbegeleider2"), url, {"steps": "x"}).status_code == 404
    # Submitted: no longer editable (409, as the page refuses it).
    submitted = _question("student1", "submitted")
    refused = _patch(
        api_for("student1"), f"/api/v1/learning-questions/{submitted.pk}/", {"steps": "x"}
    )
    assert refused.status_code == 409
    assert LearningQuestion.objects.get(pk=submitted.pk).steps != "x"


def test_student_resubmits_after_clarification(api_for, demo):
    asked = _question("student1", "clarification")
    url = f"/api/v1/learning-questions/{asked.pk}/resubmit/"
    assert _post(api_for("werkbegeleider1"), url, {}).status_code == 403
    assert _post(api_for("student2"), url, {}).status_code == 404
    stale = _post(api_for("student1"), url, {"version": asked.version - 1})
    assert stale.status_code == 409
    long = _post(api_for("student1"), url, {"answer": "x" * 2001})
    assert long.status_code == 422 and _fields(long) == {"answer"}
    done = _post(api_for("student1"), url, {"answer": "Ik bedoel: binnen drie weken."})
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "resubmitted"
    assert asked.messages.filter(author=demo["student1"]).exists()
    assert _post(api_for("student1"), url, {}).status_code == 409


def test_student_completes_an_approved_question(api_for):
    approved = _question("student1", "approved")
    url = f"/api/v1/learning-questions/{approved.pk}/complete/"
    assert _post(api_for("werkbegeleider1"), url, {"reflection": "x"}).status_code == 403
    assert _post(api_for("student2"), url, {"reflection": "x"}).status_code == 404
    empty = _post(api_for("student1"), url, {"reflection": " "})
    assert empty.status_code == 422 and _fields(empty) == {"reflection"}
    missing = _post(api_for("student1"), url, {})
    assert missing.status_code == 422 and _fields(missing) == {"reflection"}
    stale = _post(api_for("student1"), url, {"reflection": "Gelukt.", "version": 1})
    assert stale.status_code == 409
    done = _post(api_for("student1"), url, {"reflection": "Het is gelukt."})
    assert done.status_code == 200 and done.json()["status"] == "completed"
    assert done.json()["reflection"] == "Het is gelukt."
    again = _post(api_for("student1"), url, {"reflection": "Nog eens."})
    assert again.status_code == 409


# --- Feedback --------------------------------------------------------------------------


def test_author_changes_feedback_and_the_old_version_is_kept(api_for, demo):
    item = Feedback.objects.filter(author=demo["werkbegeleider1"], student=demo["student1"]).first()
    url = f"/api/v1/feedback/{item.pk}/"
    assert _patch(api_for("studentbegeleider1"), url, {"effect": "x"}).status_code == 403
    assert _patch(api_for("student1"), url, {"effect": "x"}).status_code == 403
    assert _patch(api_for("werkbegeleider2"), url, {"effect": "x"}).status_code == 404
    empty = _patch(api_for("werkbegeleider1"), url, {"observe": ""})
    assert empty.status_code == 422 and _fields(empty) == {"observe"}
    changed = _patch(
        api_for("werkbegeleider1"),
        url,
        {"effect": "De bewoner werd rustig.", "version": item.version},
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["effect"] == "De bewoner werd rustig."
    assert changed.json()["observe"] == item.observe
    assert FeedbackVersion.objects.filter(feedback=item).exists()
    stale = _patch(api_for("werkbegeleider1"), url, {"effect": "x", "version": item.version})
    assert stale.status_code == 409
    wrong = _patch(api_for("werkbegeleider1"), url, {"work_process": 999999})
    assert wrong.status_code == 422 and _fields(wrong) == {"work_process"}


# --- Progress reviews ------------------------------------------------------------------


def _review_input(student) -> dict:
    processes = list(work_processes_of(current_qualification(student)))
    cited = list(Feedback.objects.filter(student=student).values_list("pk", flat=True)[:2])
    return {
        "student": student.pk,
        "review_date": timezone.localdate().isoformat(),
        "summary": "Groeit in de basiszorg.",
        "levels": [{"work_process": processes[0].pk, "level": "developing", "note": "Oefent."}],
        "cited_feedback": cited,
    }


def test_reviewer_writes_a_draft_review(api_for, demo):
    data = _review_input(demo["student1"])
    ProgressReview.objects.filter(
        student=demo["student1"], review_date=timezone.localdate()
    ).delete()
    url = "/api/v1/progress-reviews/"
    assert _post(api_for("werkbegeleider1"), url, data).status_code == 403
    assert _post(api_for("student1"), url, data).status_code == 403
    assert _post(api_for("studentbegeleider2"), url, data).status_code == 404
    later = timezone.localdate() + datetime.timedelta(days=3)
    future = {**data, "review_date": later.isoformat()}
    refused = _post(api_for("studentbegeleider1"), "/api/v1/progress-reviews/", future)
    assert refused.status_code == 422 and _fields(refused) == {"review_date"}
    alien = {**data, "levels": [{"work_process": 999999, "level": "developing"}]}
    refused = _post(api_for("studentbegeleider1"), "/api/v1/progress-reviews/", alien)
    assert refused.status_code == 422 and _fields(refused) == {"levels.0.work_process"}
    bad_level = {**data, "levels": [{**data["levels"][0], "level": "perfect"}]}
    refused = _post(api_for("studentbegeleider1"), "/api/v1/progress-reviews/", bad_level)
    assert refused.status_code == 422 and _fields(refused) == {"levels.0.level"}
    unpublishable = {**data, "cited_feedback": [], "publish": True}
    refused = _post(api_for("studentbegeleider1"), "/api/v1/progress-reviews/", unpublishable)
    assert refused.status_code == 422 and _fields(refused) == {"cited_feedback"}

    created = _post(api_for("studentbegeleider1"), "/api/v1/progress-reviews/", data)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and body["author"] == demo["studentbegeleider1"].pk
    levels = {e["work_process"]: e["level"] for e in body["entries"]}
    assert levels[data["levels"][0]["work_process"]] == "developing"
    assert set(levels.values()) <= {"developing", "not_yet_seen"} and len(levels) > 1
    assert body["cited_feedback"] == sorted(data["cited_feedback"])
    # The student does not see a draft.
    assert api_for("student1").get(f"/api/v1/progress-reviews/{body['id']}/").status_code == 404


def test_reviewer_changes_and_publishes_a_review(api_for, demo):
    draft = ProgressReview.objects.filter(student=demo["student1"], status="draft").first()
    url = f"/api/v1/progress-reviews/{draft.pk}/"
    # Drafts are hidden from those who may not review.
    assert _patch(api_for("werkbegeleider1"), url, {"summary": "x"}).status_code == 404
    assert _patch(api_for("praktijkopleider2"), url, {"summary": "x"}).status_code == 404
    empty = _patch(api_for("praktijkopleider1"), url, {"summary": ""})
    assert empty.status_code == 422 and _fields(empty) == {"summary"}
    changed = _patch(
        api_for("praktijkopleider1"), url, {"summary": "Bijgewerkt.", "version": draft.version}
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["summary"] == "Bijgewerkt." and changed.json()["status"] == "draft"
    assert len(changed.json()["entries"]) == draft.entries.count()
    stale = _patch(api_for("praktijkopleider1"), url, {"summary": "x", "version": draft.version})
    assert stale.status_code == 409
    publish = f"{url}publish/"
    assert _post(api_for("praktijkopleider1"), publish, {"version": draft.version}).status_code == (
        409
    )
    published = _post(api_for("studentbegeleider1"), publish, {})
    assert published.status_code == 200 and published.json()["status"] == "published"
    # Published: the student sees it; nobody publishes it again; readers may not change it.
    assert api_for("student1").get(url).status_code == 200
    assert _post(api_for("studentbegeleider1"), publish, {}).status_code == 403
    assert _patch(api_for("werkbegeleider1"), url, {"summary": "x"}).status_code == 403


# --- Weekly updates --------------------------------------------------------------------


def _free_week(cohort) -> Week:
    for n in range(1, 9):
        week = Week.current().plus(n)
        if not WeeklyUpdate.objects.filter(cohort=cohort).in_week(week).exists():
            return week
    raise AssertionError("no free week")


def test_teacher_writes_a_weekly_update(api_for, demo):
    cohort = Cohort.objects.get(name="VIG-3A")
    week = _free_week(cohort)
    data = {"cohort": cohort.pk, "week": week.iso, "topics": "Wondzorg en hygiëne."}
    assert _post(api_for("docent2"), "/api/v1/weekly-updates/", data).status_code == 403
    assert _post(api_for("werkbegeleider1"), "/api/v1/weekly-updates/", data).status_code == 404
    past = _post(api_for("docent1"), "/api/v1/weekly-updates/", {**data, "week": "2000-W01"})
    assert past.status_code == 422 and _fields(past) == {"week"}
    empty = _post(api_for("docent1"), "/api/v1/weekly-updates/", {**data, "topics": " "})
    assert empty.status_code == 422 and _fields(empty) == {"topics"}
    alien = _post(api_for("docent1"), "/api/v1/weekly-updates/", {**data, "work_processes": [999]})
    assert alien.status_code == 422 and _fields(alien) == {"work_processes"}
    created = _post(api_for("docent1"), "/api/v1/weekly-updates/", data)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft" and (body["year"], body["week"]) == (week.year, week.week)
    twice = _post(api_for("docent1"), "/api/v1/weekly-updates/", data)
    assert twice.status_code == 422 and _fields(twice) == {"week"}


def test_teacher_changes_and_publishes_a_weekly_update(api_for):
    week = Week.current().plus(1)
    draft = WeeklyUpdate.objects.get(cohort__name="VIG-3A", year=week.year, week=week.week)
    url = f"/api/v1/weekly-updates/{draft.pk}/"
    assert _patch(api_for("docent2"), url, {"topics": "x"}).status_code == 404
    changed = _patch(api_for("docent1"), url, {"practice": "Oefen de overdracht."})
    assert changed.status_code == 200, changed.content
    assert changed.json()["practice"] == "Oefen de overdracht."
    assert changed.json()["topics"] == draft.topics
    stale = _patch(api_for("docent1"), url, {"topics": "x", "version": draft.version})
    assert stale.status_code == 409
    published = _post(api_for("docent1"), f"{url}publish/", {})
    assert published.status_code == 200 and published.json()["status"] == "published"
    # Published: its readers see it but may not change it.
    assert _patch(api_for("werkbegeleider1"), url, {"topics": "x"}).status_code == 403
    now = Week.current()
    current = WeeklyUpdate.objects.get(cohort__name="VIG-3A", year=now.year, week=now.week)
    # Publishing what is published changes nothing (as the page).
    again = _post(api_for("docent1"), f"/api/v1/weekly-updates/{current.pk}/publish/", {})
    assert again.status_code == 200 and again.json()["version"] == current.version


def test_an_ended_week_is_not_changed(api_for):
    ended = Week.current().plus(-2)
    update = WeeklyUpdate.objects.get(cohort__name="VIG-3A", year=ended.year, week=ended.week)
    response = _patch(api_for("docent1"), f"/api/v1/weekly-updates/{update.pk}/", {"topics": "x"})
    assert response.status_code == 409
    assert "voorbij" in response.json()["detail"]
    assert WeeklyUpdate.objects.get(pk=update.pk).topics != "x"


# --- Conversations ---------------------------------------------------------------------


def _conversation_input(student) -> dict:
    day = timezone.localdate() + datetime.timedelta(days=14)
    return {
        "student": student.pk,
        "date": day.isoformat(),
        "start": "10:00",
        "end": "10:45",
        "place": "Kantoor Team Tulp",
    }


def test_planner_plans_a_conversation(api_for, demo):
    data = _conversation_input(demo["student1"])
    assert _post(api_for("werkbegeleider1"), "/api/v1/conversations/", data).status_code == 403
    assert _post(api_for("student1"), "/api/v1/conversations/", data).status_code == 403
    assert _post(api_for("praktijkopleider2"), "/api/v1/conversations/", data).status_code == 404
    backwards = _post(
        api_for("docent1"), "/api/v1/conversations/", {**data, "start": "11:00", "end": "10:00"}
    )
    assert backwards.status_code == 422 and backwards.json()["errors"]
    no_place = _post(api_for("docent1"), "/api/v1/conversations/", {**data, "place": ""})
    assert no_place.status_code == 422 and _fields(no_place) == {"place"}
    stranger = _post(
        api_for("docent1"),
        "/api/v1/conversations/",
        {**data, "participants": [demo["werkbegeleider2"].pk]},
    )
    assert stranger.status_code == 422 and _fields(stranger) == {"participants"}
    created = _post(api_for("docent1"), "/api/v1/conversations/", data)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "planned" and body["agenda"]  # the proposed agenda
    people = {p["user"] for p in body["participants"]}
    assert {demo["student1"].pk, demo["docent1"].pk, demo["werkbegeleider1"].pk} <= people


def test_planner_changes_a_conversation(api_for, demo):
    held = Conversation.objects.filter(student=demo["student1"], status="held").latest("starts_at")
    url = f"/api/v1/conversations/{held.pk}/"
    assert _patch(api_for("student1"), url, {"place": "x"}).status_code == 403
    assert _patch(api_for("werkbegeleider1"), url, {"place": "x"}).status_code == 403
    assert _patch(api_for("student2"), url, {"place": "x"}).status_code == 404
    changed = _patch(
        api_for("praktijkopleider1"), url, {"place": "Leslokaal 2", "version": held.version}
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["place"] == "Leslokaal 2" and body["agenda"] == held.agenda
    assert {p["user"] for p in body["participants"]} == set(
        held.participants.values_list("user_id", flat=True)
    )
    stale = _patch(api_for("praktijkopleider1"), url, {"place": "x", "version": held.version})
    assert stale.status_code == 409
    bad = _patch(api_for("praktijkopleider1"), url, {"place": "x" * 201})
    assert bad.status_code == 422 and _fields(bad) == {"place"}


def test_participants_record_notes_and_agreements(api_for, demo):
    held = Conversation.objects.filter(student=demo["student1"], status="held").latest("starts_at")
    notes = f"/api/v1/conversations/{held.pk}/notes/"
    assert _post(api_for("student1"), notes, {"notes": "x"}).status_code == 403
    assert _post(api_for("werkbegeleider2"), notes, {"notes": "x"}).status_code == 404
    recorded = _post(api_for("werkbegeleider1"), notes, {"notes": "Besproken: de overdracht."})
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["notes"] == "Besproken: de overdracht."
    stale = _post(api_for("werkbegeleider1"), notes, {"notes": "x", "version": held.version})
    assert stale.status_code == 409

    agreements = f"/api/v1/conversations/{held.pk}/agreements/"
    due = (held.date + datetime.timedelta(days=30)).isoformat()
    data = {"text": "Oefent de overdracht", "owner": demo["student1"].pk, "due_date": due}
    assert _post(api_for("student1"), agreements, data).status_code == 403
    assert _post(api_for("werkbegeleider2"), agreements, data).status_code == 404
    outsider = _post(api_for("docent1"), agreements, {**data, "owner": demo["docent2"].pk})
    assert outsider.status_code == 422 and _fields(outsider) == {"owner"}
    early = _post(api_for("docent1"), agreements, {**data, "due_date": "2000-01-01"})
    assert early.status_code == 422
    added = _post(api_for("docent1"), agreements, data)
    assert added.status_code == 201, added.content
    assert Agreement.objects.get(pk=added.json()["id"]).created_by == demo["docent1"]


def test_planner_cancels_a_conversation(api_for, demo):
    planned = Conversation.objects.filter(student=demo["student1"], status="planned").first()
    url = f"/api/v1/conversations/{planned.pk}/cancel/"
    assert _post(api_for("werkbegeleider1"), url, {}).status_code == 403
    assert _post(api_for("student2"), url, {}).status_code == 404
    assert _post(api_for("docent1"), url, {"version": planned.version + 5}).status_code == 409
    cancelled = _post(api_for("docent1"), url, {})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    # Cancelled: no longer changed (as the pages).
    assert _post(api_for("docent1"), url, {}).status_code == 403


# --- Training attendance ---------------------------------------------------------------


def _started_session(title) -> Session:
    return (
        Session.objects.filter(programme__title=title, starts_at__lte=timezone.now())
        .order_by("starts_at")
        .first()
    )


def test_programme_manager_registers_attendance(api_for, demo):
    session = _started_session("Waarde-vol Werkbegeleiden – Team Tulp")
    url = f"/api/v1/training-sessions/{session.pk}/attendance/"
    enrolled = list(
        session.programme.enrolments.filter(status=Enrolment.Status.ENROLLED).values_list(
            "user_id", flat=True
        )
    )
    before = dict(session.attendances.values_list("user_id", "status"))
    data = {"attendances": [{"user": enrolled[0], "status": "absent"}]}
    assert _post(api_for("werkbegeleider1"), url, data).status_code == 403
    assert _post(api_for("praktijkopleider2"), url, data).status_code == 404
    stranger = _post(
        api_for("praktijkopleider1"),
        url,
        {"attendances": [{"user": demo["student2"].pk, "status": "absent"}]},
    )
    assert stranger.status_code == 422 and _fields(stranger) == {"attendances.0.user"}
    bad = _post(
        api_for("praktijkopleider1"),
        url,
        {"attendances": [{"user": enrolled[0], "status": "misschien"}]},
    )
    assert bad.status_code == 422 and _fields(bad) == {"attendances.0.status"}
    stale = _post(api_for("praktijkopleider1"), url, {**data, "version": session.version + 3})
    assert stale.status_code == 409
    saved = _post(api_for("praktijkopleider1"), url, data)
    assert saved.status_code == 200, saved.content
    rows = {row["user"]: row["status"] for row in saved.json()}
    assert rows[enrolled[0]] == "absent"
    # The others keep what was registered.
    for user_id, status in before.items():
        if user_id != enrolled[0]:
            assert rows[user_id] == status
    session.refresh_from_db()
    assert session.attendance_registered_by == demo["praktijkopleider1"]
    assert Attendance.objects.get(session=session, user_id=enrolled[0]).status == "absent"


def test_attendance_waits_for_the_start_of_the_session(api_for):
    future = (
        Session.objects.filter(
            programme__title="Waarde-vol Werkbegeleiden – Team Tulp",
            starts_at__gt=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )
    response = _post(
        api_for("praktijkopleider1"),
        f"/api/v1/training-sessions/{future.pk}/attendance/",
        {"attendances": []},
    )
    assert response.status_code == 409
    assert "begin van de bijeenkomst" in response.json()["detail"]


def _open_agreement_of(user) -> Agreement:
    return Agreement.objects.filter(owner=user, done_at__isnull=True).earliest("due_date")


def test_owner_ticks_an_agreement_off_and_its_recorder_removes_it(api_for, demo):
    agreement = _open_agreement_of(demo["werkbegeleider1"])
    done = f"/api/v1/conversations/agreements/{agreement.pk}/done/"
    assert _post(api_for("student1"), done, {"done": True}).status_code == 403
    assert _post(api_for("werkbegeleider2"), done, {"done": True}).status_code == 404
    missing = _post(api_for("werkbegeleider1"), done, {})
    assert missing.status_code == 422 and _fields(missing) == {"done"}
    ticked = _post(api_for("werkbegeleider1"), done, {"done": True})
    assert ticked.status_code == 200 and ticked.json()["done_at"]
    reopened = _post(api_for("docent1"), done, {"done": False})
    assert reopened.status_code == 200 and reopened.json()["done_at"] is None

    url = f"/api/v1/conversations/agreements/{agreement.pk}/"
    assert api_for("werkbegeleider1").delete(url).status_code == 403
    assert api_for("werkbegeleider2").delete(url).status_code == 404
    removed = api_for("docent1").delete(url)
    assert removed.status_code == 204 and not removed.content
    assert not Agreement.objects.filter(pk=agreement.pk).exists()


def test_unknown_fields_are_refused_not_ignored(api_for, demo):
    draft = _question("student1", "draft")
    url = f"/api/v1/learning-questions/{draft.pk}/"
    foreign = _patch(api_for("student1"), url, {"student": demo["student2"].pk, "steps": "x"})
    assert foreign.status_code == 422 and _fields(foreign) == {"student"}
    assert foreign.json()["errors"][0]["message"] == "Dit veld kennen we niet."
    typo = _patch(api_for("student1"), url, {"stpes": "x"})
    assert typo.status_code == 422 and _fields(typo) == {"stpes"}
    assert LearningQuestion.objects.get(pk=draft.pk).steps == draft.steps
