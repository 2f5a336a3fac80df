"""The conversation pages through HTTP: content per role, bad input, query counts.

The status per account of every URL is in tests/matrix.py; these tests check
what each role sees and that bad input changes nothing.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerroute.conversations import services
from leerroute.conversations.models import Agreement, Conversation
from leerroute.people.models import AccessLog
from tests.costs import first_and_repeated

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")


def _held(demo, student="student1"):
    return Conversation.objects.filter(student=demo[student], status="held").latest("starts_at")


def _plan_data(demo, **changes):
    data = {
        "date": timezone.localdate().isoformat(),
        "start": "14:00",
        "end": "15:00",
        "place": "Kantoor Team Tulp",
        "participants": [demo["werkbegeleider1"].pk, demo["praktijkopleider1"].pk],
        "agenda": "Leervragen\nAfspraken van vorige keer",
    }
    data.update(changes)
    return data


# --- the plan page -----------------------------------------------------------------


@pytest.mark.parametrize("account", ["docent1", "praktijkopleider1"])
def test_the_plan_form_proposes_the_agenda_and_the_route(account, demo, client_for):
    response = client_for(account).get(reverse("conversations:plan", args=[demo["student1"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leervraag: " in html
    assert "Afspraak van vorige keer: Oefent de overdracht" in html
    route = {
        "docent1": "Petra Zonneveld (docent)",
        "praktijkopleider1": "Esther Valkenier (praktijkopleider)",
    }
    for label in ["Ingrid Bakelaar (werkbegeleider)", "Marloes Pieterse (studentbegeleider)"]:
        assert label in html
    # The planner always takes part: not a choice; the other planner is.
    other = "praktijkopleider1" if account == "docent1" else "docent1"
    assert route[other] in html and route[account] not in html
    assert "Joost Hendrikse" not in html  # werkbegeleider2: not in student1's route


def test_docent1_plans_a_conversation(demo, client_for):
    client = client_for("docent1")
    response = client.post(
        reverse("conversations:plan", args=[demo["student1"].pk]), _plan_data(demo)
    )
    conversation = Conversation.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == reverse("conversations:detail", args=[conversation.pk])
    assert conversation.agenda == ["Leervragen", "Afspraken van vorige keer"]
    people = set(conversation.participants.values_list("user__username", flat=True))
    assert people == {"student1", "docent1", "werkbegeleider1", "praktijkopleider1"}
    assert conversation.kind_label == "Viergesprek"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"participants": ["OUTSIDER"]}, "hoort niet bij de route van de student"),
        ({"participants": ["abc"]}, "ongeldige deelnemer"),
        ({"date": "31-02-2027"}, "Datum"),
        ({"start": "25:00"}, "Begintijd"),
        ({"start": "15:00", "end": "14:00"}, "De eindtijd moet na de begintijd liggen."),
        ({"place": ""}, "Plaats"),
        ({"agenda": ("x" * 201)}, "hoogstens 200 tekens"),
    ],
)
def test_bad_input_on_the_plan_form_changes_nothing(changes, message, demo, client_for):
    if changes.get("participants") == ["OUTSIDER"]:
        changes = {"participants": [demo["werkbegeleider1"].pk, demo["werkbegeleider2"].pk]}
    before = Conversation.objects.count()
    response = client_for("docent1").post(
        reverse("conversations:plan", args=[demo["student1"].pk]), _plan_data(demo, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Conversation.objects.count() == before


# --- who reads the notes ---------------------------------------------------------


@pytest.mark.parametrize("account", ["student1", "docent1", "werkbegeleider1", "praktijkopleider1"])
def test_participants_and_the_practice_educator_read_the_notes(account, demo, client_for):
    conversation = _held(demo)
    response = client_for(account).get(reverse("conversations:detail", args=[conversation.pk]))
    assert response.status_code == 200
    assert conversation.notes[:40] in response.content.decode()


@pytest.mark.parametrize(
    "account",
    [
        "studentbegeleider1",
        "docent2",
        "werkbegeleider2",
        "praktijkopleider2",
        "trainer",
        "beheerder",
    ],
)
def test_everyone_else_gets_404_and_the_attempt_is_logged(account, demo, client_for):
    conversation = _held(demo)
    for name in ["detail", "ics", "notes", "edit"]:
        response = client_for(account).get(reverse(f"conversations:{name}", args=[conversation.pk]))
        assert response.status_code == 404, name
        assert conversation.notes[:40] not in response.content.decode()
    denial = AccessLog.objects.filter(
        user=demo[account], object_type="conversations.conversation"
    ).latest("at")
    assert (denial.outcome, denial.student_id) == ("not_found", demo["student1"].pk)


def test_a_practice_educator_reads_a_conversation_they_are_not_in(demo, client_for):
    conversation = Conversation.objects.get(student__username="s.kramer")
    assert not conversation.participants.filter(user=demo["praktijkopleider2"]).exists()
    response = client_for("praktijkopleider2").get(
        reverse("conversations:detail", args=[conversation.pk])
    )
    assert response.status_code == 200


def test_a_mentor_whose_placement_ended_no_longer_reads_it(demo, client_for):
    conversation = _held(demo)
    placement = demo["student1"].placements.active().get()
    placement.mentors.remove(demo["werkbegeleider1"])
    from leerroute.people.models import RoleAssignment

    RoleAssignment.objects.filter(user=demo["werkbegeleider1"]).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client_for("werkbegeleider1").get(
        reverse("conversations:detail", args=[conversation.pk])
    )
    assert response.status_code == 404


def test_the_student_sees_their_own_notes_but_cannot_edit(demo, client_for):
    client = client_for("student1")
    conversation = _held(demo)
    html = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    assert conversation.notes[:40] in html
    assert reverse("conversations:notes", args=[conversation.pk]) not in html
    assert reverse("conversations:edit", args=[conversation.pk]) not in html


# --- notes and agreements ----------------------------------------------------------


def test_notes_are_saved_with_the_version(demo, client_for):
    conversation = _held(demo)
    client = client_for("werkbegeleider1")
    url = reverse("conversations:notes", args=[conversation.pk])
    response = client.post(url, {"notes": "Nieuw verslag", "version": conversation.version})
    assert response.status_code == 302
    stale = client.post(url, {"notes": "Oude versie", "version": conversation.version})
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    conversation.refresh_from_db()
    assert conversation.notes == "Nieuw verslag"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"owner": ""}, "iedere afspraak heeft een eigenaar"),
        ({"owner": "OUTSIDER"}, "neemt niet deel aan het gesprek"),
        ({"owner": "x1"}, "neemt niet deel aan het gesprek"),
        ({"text": ""}, "Afspraak"),
        ({"due_date": "morgen"}, "Uiterlijk op"),
        ({"due_date": "2000-01-01"}, "niet vóór het gesprek"),
    ],
)
def test_bad_agreements_are_refused_and_nothing_changes(data, message, demo, client_for):
    conversation = _held(demo)
    if data.get("owner") == "OUTSIDER":
        data = {"owner": demo["studentbegeleider1"].pk}
    posted = {
        "text": "Oefent de overdracht",
        "owner": demo["student1"].pk,
        "due_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        **data,
    }
    before = Agreement.objects.count()
    response = client_for("docent1").post(
        reverse("conversations:agreement_add", args=[conversation.pk]), posted
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Agreement.objects.count() == before


def test_the_owner_ticks_off_from_the_home_page(demo, client_for):
    client = client_for("werkbegeleider1")
    agreement = Agreement.objects.get(owner=demo["werkbegeleider1"], done_at__isnull=True)
    home = client.get(HOME).content.decode()
    assert "Mijn afspraken" in home and agreement.text in home and "over de datum" in home
    response = client.post(
        reverse("conversations:agreement_done", args=[agreement.pk]), {"done": "1", "next": HOME}
    )
    assert response.status_code == 302 and response["Location"] == HOME
    agreement.refresh_from_db()
    assert agreement.is_done and agreement.done_by == demo["werkbegeleider1"]
    assert agreement.text not in client.get(HOME).content.decode()


@pytest.mark.parametrize("value", ["", "2", "ja", "١"])
def test_a_malformed_tick_is_400(value, demo, client_for):
    agreement = Agreement.objects.get(owner=demo["werkbegeleider1"], done_at__isnull=True)
    response = client_for("werkbegeleider1").post(
        reverse("conversations:agreement_done", args=[agreement.pk]), {"done": value}
    )
    assert response.status_code == 400
    agreement.refresh_from_db()
    assert not agreement.is_done


def test_a_foreign_next_is_ignored(demo, client_for):
    agreement = Agreement.objects.get(owner=demo["werkbegeleider1"], done_at__isnull=True)
    response = client_for("werkbegeleider1").post(
        reverse("conversations:agreement_done", args=[agreement.pk]),
        {"done": "1", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("conversations:detail", args=[agreement.conversation_id])


def test_cancel_keeps_the_conversation_marked(demo, client_for):
    conversation = Conversation.objects.get(student__username="s.bloemendaal")
    response = client_for("docent1").post(
        reverse("conversations:cancel", args=[conversation.pk]),
        {"version": conversation.version},
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.is_cancelled
    html = client_for("docent1").get(response["Location"]).content.decode()
    assert "Dit gesprek is geannuleerd" in html


def test_cancel_without_a_version_is_400(demo, client_for):
    conversation = Conversation.objects.get(student__username="s.bloemendaal")
    response = client_for("docent1").post(
        reverse("conversations:cancel", args=[conversation.pk]), {"version": "x"}
    )
    assert response.status_code == 400
    conversation.refresh_from_db()
    assert not conversation.is_cancelled


def test_the_single_event_download(demo, client_for):
    conversation = _held(demo)
    response = client_for("student1").get(reverse("conversations:ics", args=[conversation.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert f"UID:gesprek-{conversation.pk}@leerroute" in body
    assert "over je leerroute" in body
    assert conversation.notes[:20] not in body


# --- the home page panels ------------------------------------------------------------


def test_docent1s_home_lists_missing_overdue_and_past_due(demo, client_for):
    html = client_for("docent1").get(HOME).content.decode()
    assert "Gesprekken met mijn studenten" in html
    assert "Ontbreekt deze helft" in html
    assert "Eva Groenewegen" in html  # no conversation at all
    assert "Yasmina Ouali" in html  # overdue: no notes after the planned time
    assert "Plant twee diensten samen met Sanne op de revalidatie" in html  # past its date
    assert "Milan Koster" not in html  # docent2's student


def test_praktijkopleider2_sees_topaz_only(demo, client_for):
    html = client_for("praktijkopleider2").get(HOME).content.decode()
    assert "Julia Kramer" in html  # overdue at Topaz
    assert "Laat Milan een mobilisatie zelfstandig voorbereiden" in html
    assert "Yasmina Ouali" not in html and "Sanne" not in html


@pytest.mark.parametrize("account", ["werkbegeleider1", "student1", "trainer", "beheerder"])
def test_no_planner_panel_for_others(account, client_for):
    assert "Gesprekken met mijn studenten" not in client_for(account).get(HOME).content.decode()


def test_index_lists_my_students_for_planners(demo, client_for):
    html = client_for("docent1").get(reverse("conversations:index")).content.decode()
    assert "Mijn studenten" in html and "ontbreekt" in html and "Lotte Bloemendaal" in html
    student_html = client_for("student1").get(reverse("conversations:index")).content.decode()
    assert "Mijn studenten" not in student_html and "Sanne Verhoef" in student_html


# --- constant query counts --------------------------------------------------------


def _more_conversations(demo, count):
    """``count`` more held conversations for student1, each with two agreements."""
    for i in range(count):
        conversation = services.plan(
            by=demo["docent1"],
            student=demo["student1"],
            date=timezone.localdate() - datetime.timedelta(days=i % 20),
            start=datetime.time(8 + i % 8),
            end=datetime.time(9 + i % 8),
            place=f"Kamer {i}",
            participants=[demo["werkbegeleider1"], demo["praktijkopleider1"]],
            agenda=["Punt"],
        )
        services.record_notes(conversation, by=demo["docent1"], expected_version=1, notes="x")
        for owner in ["werkbegeleider1", "student1"]:
            services.add_agreement(
                conversation,
                by=demo["docent1"],
                text=f"Afspraak {i}",
                owner=demo[owner],
                due_date=timezone.localdate()
                - datetime.timedelta(days=i % 3)
                + datetime.timedelta(days=2),
            )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("account", "name"),
    [
        ("docent1", "core:home"),
        ("praktijkopleider1", "core:home"),
        ("werkbegeleider1", "core:home"),
        ("student1", "core:home"),
        ("docent1", "conversations:index"),
        ("praktijkopleider1", "conversations:index"),
        ("werkbegeleider1", "conversations:index"),
    ],
)
def test_pages_have_constant_query_counts(account, name, demo, client_for):
    client = client_for(account)
    url = reverse(name)
    client.get(url)
    # The first request after a change (kept home panels rendered again,
    # core/panels.py) and its repeat, each before and after more conversations.
    first_before, before, _ = first_and_repeated(client, url)
    _more_conversations(demo, 6)
    first_after, after, response = first_and_repeated(client, url)
    assert response.status_code == 200
    assert len(after) == len(before)
    assert len(first_after) == len(first_before)


@pytest.mark.parametrize("name", ["conversations:detail", "conversations:notes"])
def test_detail_pages_have_constant_query_counts(name, demo, client_for):
    client = client_for("docent1")
    conversation = _held(demo)
    url = reverse(name, args=[conversation.pk])
    client.get(url)
    before = _count(client, url)
    for i in range(5):
        services.add_agreement(
            conversation,
            by=demo["docent1"],
            text=f"Extra {i}",
            owner=demo["werkbegeleider1"] if i % 2 else demo["student1"],
            due_date=timezone.localdate() + datetime.timedelta(days=i),
        )
    assert _count(client, url) == before


def test_the_planner_changes_time_and_place_with_the_version(demo, client_for):
    conversation = Conversation.objects.get(student__username="s.bloemendaal")
    client = client_for("praktijkopleider1")
    url = reverse("conversations:edit", args=[conversation.pk])
    form = client.get(url).content.decode()
    assert 'name="version"' in form and conversation.place in form
    data = _plan_data(
        demo,
        date=conversation.date.isoformat(),
        place="Leslokaal 3",
        participants=[demo["docent1"].pk, demo["werkbegeleider1"].pk],
        version=conversation.version,
    )
    assert client.post(url, data).status_code == 302
    conversation.refresh_from_db()
    assert (conversation.place, conversation.sequence, conversation.version) == (
        "Leslokaal 3",
        1,
        2,
    )
    stale = client.post(url, {**data, "place": "Oud"})
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    conversation.refresh_from_db()
    assert conversation.place == "Leslokaal 3"


@pytest.mark.parametrize("name", ["conversations:plan", "conversations:ics"])
def test_plan_and_download_have_constant_query_counts(name, demo, client_for):
    client = client_for("docent1")
    if name == "conversations:plan":
        url = reverse(name, args=[demo["student1"].pk])
    else:
        url = reverse(name, args=[_held(demo).pk])
    client.get(url)
    before = _count(client, url)
    _more_conversations(demo, 4)
    assert _count(client, url) == before
