"""The conversation services: permissions, the route rule, agreements, locking."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from leerroute.conversations import queries, services
from leerroute.conversations.models import Agreement, Conversation, school_half, school_year_start
from leerroute.core.versioning import Conflict
from leerroute.feedback.models import Feedback
from leerroute.learning.models import LearningQuestion
from leerroute.learning.models import Status as LQ

pytestmark = pytest.mark.django_db

TEN, ELEVEN = datetime.time(10), datetime.time(11)


def _plan(demo, by="docent1", student="student1", participants=("werkbegeleider1",), days=7):
    return services.plan(
        by=demo[by],
        student=demo[student],
        date=timezone.localdate() + datetime.timedelta(days=days),
        start=TEN,
        end=ELEVEN,
        place="Kantoor Team Tulp",
        participants=[demo[p] for p in participants],
        agenda=["Leervragen", "  ", "Afspraken"],
    )


@pytest.mark.parametrize(
    ("on", "first", "last"),
    [
        ("2026-08-01", "2026-08-01", "2027-01-31"),
        ("2027-01-31", "2026-08-01", "2027-01-31"),
        ("2027-02-01", "2027-02-01", "2027-07-31"),
        ("2028-02-29", "2028-02-01", "2028-07-31"),
        ("2027-07-31", "2027-02-01", "2027-07-31"),
    ],
)
def test_school_half(on, first, last):
    day = datetime.date.fromisoformat
    assert school_half(day(on)) == (day(first), day(last))


def test_school_year_starts_on_1_august():
    day = datetime.date.fromisoformat
    assert school_year_start(day("2027-07-31")) == day("2026-08-01")
    assert school_year_start(day("2027-08-01")) == day("2027-08-01")


def test_planning_adds_the_student_and_the_planner(demo):
    conversation = _plan(demo)
    people = set(conversation.participants.values_list("user__username", flat=True))
    assert people == {"student1", "docent1", "werkbegeleider1"}
    assert conversation.agenda == ["Leervragen", "Afspraken"]
    assert conversation.kind_label == "Driegesprek"
    assert conversation.placement.team.name == "Team Tulp"


def test_a_practice_educator_plans_for_students_of_their_organisation(demo):
    conversation = _plan(demo, by="praktijkopleider1", participants=("docent1",))
    assert conversation.planned_by == demo["praktijkopleider1"]
    with pytest.raises(PermissionDenied):
        _plan(demo, by="praktijkopleider2", participants=())


@pytest.mark.parametrize(
    "account", ["werkbegeleider1", "studentbegeleider1", "student1", "docent2", "beheerder"]
)
def test_others_may_not_plan(account, demo):
    before = Conversation.objects.count()
    with pytest.raises(PermissionDenied):
        _plan(demo, by=account, participants=())
    assert Conversation.objects.count() == before


@pytest.mark.parametrize("outsider", ["werkbegeleider2", "docent2", "praktijkopleider2", "trainer"])
def test_a_participant_outside_the_route_is_refused_and_nothing_changes(outsider, demo):
    before = Conversation.objects.count()
    with pytest.raises(ValidationError) as caught:
        _plan(demo, participants=("werkbegeleider1", outsider))
    assert "hoort niet bij de route van deze student" in caught.value.messages[0]
    assert Conversation.objects.count() == before


def test_the_route_is_the_cohort_placement_and_organisation(demo):
    route = {p.user.username: p.role for p in queries.route_people(demo["student1"])}
    assert route == {
        "student1": "STUDENT",
        "docent1": "TEACHER",
        "werkbegeleider1": "MENTOR",
        "studentbegeleider1": "ASSESSOR",
        "praktijkopleider1": "PRACTICE_EDUCATOR",
    }


@pytest.mark.parametrize(
    ("days", "start", "end", "message"),
    [
        (0, ELEVEN, TEN, "eindtijd"),
        (0, TEN, TEN, "eindtijd"),
        (-31, TEN, ELEVEN, "verleden"),
        (400, TEN, ELEVEN, "jaar vooruit"),
    ],
)
def test_bad_times_are_refused(days, start, end, message, demo):
    before = Conversation.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.plan(
            by=demo["docent1"],
            student=demo["student1"],
            date=timezone.localdate() + datetime.timedelta(days=days),
            start=start,
            end=end,
            place="Kantoor",
            participants=[],
            agenda=[],
        )
    assert message in caught.value.messages[0]
    assert Conversation.objects.count() == before


def test_too_long_or_too_many_agenda_items_are_refused(demo):
    with pytest.raises(ValidationError):
        services.clean_agenda(["x" * 201])
    with pytest.raises(ValidationError):
        services.clean_agenda([f"punt {i}" for i in range(31)])


def test_an_agreement_needs_an_owner_who_takes_part(demo):
    conversation = _plan(demo, days=0)
    by = demo["docent1"]
    due = timezone.localdate() + datetime.timedelta(days=14)
    with pytest.raises(ValidationError, match="eigenaar"):
        services.add_agreement(conversation, by=by, text="Oefenen", owner=None, due_date=due)
    with pytest.raises(ValidationError, match="neemt niet deel"):
        services.add_agreement(
            conversation, by=by, text="Oefenen", owner=demo["praktijkopleider1"], due_date=due
        )
    with pytest.raises(ValidationError):
        services.add_agreement(conversation, by=by, text="  ", owner=demo["student1"], due_date=due)
    assert not conversation.agreements.exists()
    agreement = services.add_agreement(
        conversation, by=by, text="Oefenen", owner=demo["student1"], due_date=due
    )
    assert agreement.owner == demo["student1"]


def test_only_staff_participants_record_notes(demo):
    conversation = _plan(demo, days=0)
    for account in ["student1", "praktijkopleider1", "docent2"]:
        with pytest.raises(PermissionDenied):
            services.record_notes(
                conversation, by=demo[account], expected_version=1, notes="Besproken"
            )
    services.record_notes(
        conversation, by=demo["werkbegeleider1"], expected_version=1, notes="Besproken"
    )
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.HELD
    assert conversation.notes_by == demo["werkbegeleider1"]


def test_notes_are_not_recorded_before_the_day_of_the_conversation(demo):
    conversation = _plan(demo, days=3)
    with pytest.raises(PermissionDenied):
        services.record_notes(conversation, by=demo["docent1"], expected_version=1, notes="x")


def test_a_stale_save_of_the_notes_is_refused(demo):
    conversation = _plan(demo, days=0)
    stale = Conversation.objects.get(pk=conversation.pk)
    services.record_notes(conversation, by=demo["docent1"], expected_version=1, notes="Eerste")
    with pytest.raises(Conflict):
        services.record_notes(stale, by=demo["werkbegeleider1"], expected_version=1, notes="Oud")
    conversation.refresh_from_db()
    assert conversation.notes == "Eerste"


def test_ticking_off_only_by_the_owner_or_the_note_taker(demo):
    conversation = _plan(demo, days=0)
    agreement = services.add_agreement(
        conversation,
        by=demo["docent1"],
        text="Plant diensten samen",
        owner=demo["werkbegeleider1"],
        due_date=timezone.localdate(),
    )
    for account in ["student1", "praktijkopleider1"]:
        with pytest.raises(PermissionDenied):
            services.set_agreement_done(agreement, by=demo[account], done=True)
    services.set_agreement_done(agreement, by=demo["werkbegeleider1"], done=True)
    assert Agreement.objects.get(pk=agreement.pk).is_done
    services.set_agreement_done(agreement, by=demo["docent1"], done=False)
    assert not Agreement.objects.get(pk=agreement.pk).is_done


def test_an_agreement_owner_stays_a_participant(demo):
    conversation = _plan(demo, days=0)
    services.add_agreement(
        conversation,
        by=demo["docent1"],
        text="Plant diensten samen",
        owner=demo["werkbegeleider1"],
        due_date=timezone.localdate(),
    )
    with pytest.raises(ValidationError, match="blijft daarom deelnemer"):
        services.change(
            conversation,
            by=demo["docent1"],
            expected_version=1,
            date=conversation.date,
            start=TEN,
            end=ELEVEN,
            place="Elders",
            participants=[],
            agenda=[],
        )
    assert conversation.participants.filter(user=demo["werkbegeleider1"]).exists()


def test_changing_time_or_place_raises_the_sequence_and_cancel_keeps_it(demo):
    conversation = _plan(demo)
    changed = services.change(
        conversation,
        by=demo["docent1"],
        expected_version=1,
        date=conversation.date,
        start=datetime.time(13),
        end=datetime.time(14),
        place="Leslokaal 2",
        participants=[demo["werkbegeleider1"]],
        agenda=["Nieuw punt"],
    )
    assert (changed.sequence, changed.version, changed.agenda) == (1, 2, ["Nieuw punt"])
    services.cancel(changed, by=demo["docent1"], expected_version=2)
    conversation.refresh_from_db()
    assert conversation.is_cancelled and conversation.sequence == 2
    with pytest.raises(PermissionDenied):
        services.cancel(conversation, by=demo["docent1"], expected_version=3)


def test_the_proposed_agenda_names_questions_feedback_review_and_open_agreements(demo):
    student, by = demo["student1"], demo["docent1"]
    items = queries.proposed_agenda(student, by)
    open_questions = LearningQuestion.objects.filter(
        student=student, status__in=[LQ.SUBMITTED, LQ.CLARIFICATION, LQ.RESUBMITTED, LQ.APPROVED]
    )
    for question in open_questions:
        assert any(item.startswith("Leervraag: " + question.question[:30]) for item in items)
    assert any(item.startswith("Voortgangsbeoordeling van") for item in items)
    assert any("Oefent de overdracht met de vaste volgorde" in item for item in items)
    # A ticked-off agreement is not proposed again.
    assert not any("bloedsuikerwaarden" in item for item in items)
    # Feedback: work processes only, never what was written.
    recent = Feedback.objects.filter(student=student).order_by("-created_at").first()
    assert recent.observe[:20] not in " ".join(items)
    assert not any(q.question in item for q in LearningQuestion.objects.drafts() for item in items)


# --- notifications ------------------------------------------------------------------


def _notes_of(user, kind):
    from leerroute.notifications.models import Notification

    return Notification.objects.filter(recipient=user, kind=kind)


def test_planning_invites_the_other_participants(demo):
    conversation = _plan(demo, participants=("werkbegeleider1", "praktijkopleider1"))
    url = f"/gesprekken/{conversation.pk}/"
    for account in ["student1", "werkbegeleider1", "praktijkopleider1"]:
        note = _notes_of(demo[account], "conversation_invited").get(url=url)
        assert note.text.startswith("Petra Zonneveld nodigt je uit voor een gesprek op")
    assert not _notes_of(demo["docent1"], "conversation_invited").filter(url=url).exists()


def test_moving_and_cancelling_tell_the_participants(demo):
    conversation = _plan(demo)
    services.change(
        conversation,
        by=demo["docent1"],
        expected_version=1,
        date=conversation.date,
        start=datetime.time(14),
        end=datetime.time(15),
        place="Elders",
        participants=[demo["werkbegeleider1"], demo["praktijkopleider1"]],
        agenda=[],
    )
    url = f"/gesprekken/{conversation.pk}/"
    texts = list(
        _notes_of(demo["werkbegeleider1"], "conversation_invited")
        .filter(url=url)
        .values_list("text", flat=True)
    )
    assert any("verplaatst naar" in t and "14:00" in t for t in texts)
    # The new participant is invited (not told of a move).
    new = _notes_of(demo["praktijkopleider1"], "conversation_invited").filter(url=url)
    assert [n.text[:30] for n in new] == ["Petra Zonneveld nodigt je uit "]
    services.cancel(conversation, by=demo["docent1"], expected_version=2)
    assert _notes_of(demo["student1"], "conversation_invited").filter(
        url=url, text__contains="geannuleerd"
    )


def test_agreement_reminders_once_per_agreement(demo):
    from django.core.management import call_command

    conversation = _plan(demo, days=0)
    today = timezone.localdate()
    tomorrow = services.add_agreement(
        conversation,
        by=demo["docent1"],
        text="Geheim detail",
        owner=demo["werkbegeleider1"],
        due_date=today + datetime.timedelta(days=1),
    )
    later = services.add_agreement(
        conversation,
        by=demo["docent1"],
        text="Later",
        owner=demo["student1"],
        due_date=today + datetime.timedelta(days=5),
    )
    out = io.StringIO()
    call_command("send_agreement_reminders", stdout=out)
    call_command("send_agreement_reminders", stdout=io.StringIO())
    reminders = _notes_of(demo["werkbegeleider1"], "agreement_due")
    mine = reminders.filter(key=f"agreement:{tomorrow.pk}:due:{tomorrow.due_date.isoformat()}")
    assert mine.count() == 1
    assert "morgen klaar" in mine.get().text and "Geheim" not in mine.get().text
    assert not _notes_of(demo["student1"], "agreement_due").filter(
        key__startswith=f"agreement:{later.pk}:"
    )
    # The demo's agreement of werkbegeleider1 past its date: one reminder, once.
    overdue = reminders.filter(key__contains=":overdue:")
    assert overdue.count() == 1 and "over de datum" in overdue.get().text
    # Ticked off: no more reminders.
    services.set_agreement_done(tomorrow, by=demo["werkbegeleider1"], done=True)


def test_the_reminder_command_refuses_a_bad_date():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("send_agreement_reminders", datum="31-12-2026")
