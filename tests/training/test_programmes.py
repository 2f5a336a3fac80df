"""Programmes, sessions, invitations and attendance through the HTTP surface."""

import datetime

from django.urls import reverse
from django.utils import timezone

from leerroute.people.models import Organisation
from leerroute.training.models import Attendance, Enrolment, Programme, Session

from .conftest import make_session


def test_anonymous_is_sent_to_login(client_for, ttt):
    response = client_for(None).get(reverse("training:programme_detail", args=[ttt.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_trainer_creates_a_programme(client_for, demo):
    school = Organisation.objects.get(name="mboRijnland")
    dsv = Organisation.objects.get(name="DSV|verzorgd leven")
    response = client_for("trainer").post(
        reverse("training:programme_create"),
        {
            "title": "Opfrisdag werkbegeleiden",
            "goal": "Kennis opfrissen.",
            "audience": "Praktijkopleiders",
            "organisation": school.pk,
            "invited_organisations": [dsv.pk],
        },
    )
    programme = Programme.objects.get(title="Opfrisdag werkbegeleiden")
    assert response.status_code == 302
    assert list(programme.trainers.all()) == [demo["trainer"]]
    assert list(programme.invited_organisations.all()) == [dsv]
    assert programme.kind == Programme.Kind.PROGRAMME


def test_programme_form_refuses_an_organisation_outside_the_users_own(client_for):
    dsv = Organisation.objects.get(name="DSV|verzorgd leven")
    count = Programme.objects.count()
    response = client_for("trainer").post(
        reverse("training:programme_create"),
        {"title": "X", "goal": "Y", "audience": "Z", "organisation": dsv.pk},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode() or "geldige" in (
        response.content.decode()
    )
    assert Programme.objects.count() == count


def test_trainer_adds_a_session_with_place_or_link(client_for, ttt):
    client = client_for("trainer")
    url = reverse("training:session_create", args=[ttt.pk])
    count = ttt.sessions.count()
    response = client.post(
        url,
        {
            "topic": "Terugkomdag",
            "starts_at": "2030-03-01T13:00",
            "ends_at": "2030-03-01T12:00",
            "place": "",
            "online_url": "javascript:alert(1)",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "De bijeenkomst moet eindigen na het begin." in html
    assert "Vul een geldige link in die begint met https://." in html
    assert ttt.sessions.count() == count
    response = client.post(
        url,
        {
            "topic": "Terugkomdag",
            "starts_at": "2030-03-01T13:00",
            "ends_at": "2030-03-01T16:00",
            "place": "",
            "online_url": "https://meet.example.org/terugkomdag",
        },
    )
    session = ttt.sessions.get(topic="Terugkomdag")
    assert response.status_code == 302
    assert timezone.localtime(session.starts_at).hour == 13


def test_session_without_place_or_link_is_refused(client_for, ttt):
    response = client_for("trainer").post(
        reverse("training:session_create", args=[ttt.pk]),
        {"topic": "T", "starts_at": "2030-03-01T13:00", "ends_at": "2030-03-01T14:00"},
    )
    assert "Vul een plaats of een online link in." in response.content.decode()
    assert not Session.objects.filter(topic="T").exists()


def test_attendance_in_one_form(client_for, ttt, demo):
    session = make_session(ttt, days=-1)
    client = client_for("trainer")
    url = reverse("training:session_attendance", args=[session.pk])
    page = client.get(url).content.decode()
    enrolled = Enrolment.objects.filter(programme=ttt, status="enrolled")
    for e in enrolled:
        assert f'name="p{e.user_id}"' in page
    # An invited (not enrolled) person has no row.
    assert f'name="p{demo["docent2"].pk}"' not in page
    data = {f"p{e.user_id}": "present" for e in enrolled}
    data[f"p{demo['docent1'].pk}"] = "excused"
    data["version"] = session.version
    response = client.post(url, data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.attendance_registered_at is not None
    assert session.attendance_registered_by == demo["trainer"]
    assert Attendance.objects.get(session=session, user=demo["docent1"]).status == "excused"
    assert Attendance.objects.filter(session=session).count() == enrolled.count()


def test_attendance_with_a_missing_or_bad_row_changes_nothing(client_for, ttt, demo):
    session = make_session(ttt, days=-1)
    response = client_for("trainer").post(
        reverse("training:session_attendance", args=[session.pk]),
        {f"p{demo['docent1'].pk}": "misschien", "version": session.version},
    )
    assert response.status_code == 200
    assert "Kies aanwezig, afwezig of afgemeld." in response.content.decode()
    assert not Attendance.objects.filter(session=session).exists()
    session.refresh_from_db()
    assert session.attendance_registered_at is None


def test_attendance_before_the_session_is_refused(client_for, ttt, demo):
    session = make_session(ttt, days=3)
    response = client_for("trainer").post(
        reverse("training:session_attendance", args=[session.pk]),
        {
            "version": session.version,
            **{f"p{e.user_id}": "present" for e in ttt.enrolments.filter(status="enrolled")},
        },
    )
    assert response.status_code == 200
    assert "vanaf het begin van de bijeenkomst" in response.content.decode()
    assert not Attendance.objects.filter(session=session).exists()


def test_invite_by_role_and_organisation_then_sign_up(client_for, ttt, demo):
    school = Organisation.objects.get(name="mboRijnland")
    Enrolment.objects.filter(programme=ttt, user=demo["docent2"]).delete()
    response = client_for("trainer").post(
        reverse("training:programme_invite", args=[ttt.pk]),
        {"role": "TEACHER", "organisation": school.pk},
    )
    assert response.status_code == 302
    row = Enrolment.objects.get(programme=ttt, user=demo["docent2"])
    assert row.status == "invited"
    # Already enrolled docent1 keeps their row.
    assert Enrolment.objects.get(programme=ttt, user=demo["docent1"]).status == "enrolled"
    client = client_for("docent2")
    assert (
        "Aanmelden"
        in client.get(reverse("training:programme_detail", args=[ttt.pk])).content.decode()
    )
    assert client.post(reverse("training:programme_signup", args=[ttt.pk])).status_code == 302
    row.refresh_from_db()
    assert row.status == "enrolled" and row.enrolled_at is not None
    # Signing up twice is refused (no open invitation any more).
    assert client.post(reverse("training:programme_signup", args=[ttt.pk])).status_code == 403


def test_practice_educator_invites_only_their_own_organisation(client_for, tulp_training):
    topaz = Organisation.objects.get(name="Topaz")
    count = Enrolment.objects.count()
    response = client_for("praktijkopleider1").post(
        reverse("training:programme_invite", args=[tulp_training.pk]),
        {"role": "MENTOR", "organisation": topaz.pk, "enrol": "on"},
    )
    assert response.status_code == 200
    assert "Kies een van de uitgenodigde organisaties." in response.content.decode()
    assert Enrolment.objects.count() == count


def test_manager_enrols_an_invited_person(client_for, ttt, demo):
    response = client_for("trainer").post(
        reverse("training:programme_enrol", args=[ttt.pk]), {"user": demo["docent2"].pk}
    )
    assert response.status_code == 302
    assert Enrolment.objects.get(programme=ttt, user=demo["docent2"]).status == "enrolled"


def test_enrolling_someone_not_invited_changes_nothing(client_for, ttt, demo):
    count = Enrolment.objects.filter(programme=ttt).count()
    response = client_for("trainer").post(
        reverse("training:programme_enrol", args=[ttt.pk]),
        {"user": demo["student1"].pk},
        follow=True,
    )
    assert "Deze persoon staat niet als uitgenodigd op de lijst." in response.content.decode()
    assert Enrolment.objects.filter(programme=ttt).count() == count


def test_participant_sees_only_their_own_row(client_for, ttt):
    html = (
        client_for("docent1")
        .get(reverse("training:programme_detail", args=[ttt.pk]))
        .content.decode()
    )
    assert "Petra Zonneveld" in html
    assert "Esther Valkenier" not in html  # praktijkopleider1
    assert "2 van 4 bijeenkomsten" in html


def test_docent1_attended_two_of_four(client_for):
    html = client_for("docent1").get(reverse("training:index")).content.decode()
    assert "Waarde-vol Werkbegeleiden" in html
    assert "2 van 4 bijeenkomsten bijgewoond" in html


def test_mentor_sees_their_upcoming_sessions(client_for, tulp_training):
    html = client_for("werkbegeleider1").get(reverse("core:home")).content.decode()
    upcoming = tulp_training.sessions.filter(starts_at__gte=timezone.now()).order_by("starts_at")
    assert upcoming.exists()
    for session in upcoming[:3]:
        assert reverse("training:session_detail", args=[session.pk]) in html
    assert "Mijn trainingen" in html
    assert "in training" in html


def test_trainer_home_panel_replaces_the_placeholder(client_for):
    html = client_for("trainer").get(reverse("core:home")).content.decode()
    assert "Dit onderdeel is nog in ontwikkeling" not in html
    assert "Programma&#x27;s die jij verzorgt" in html or "Programma's die jij verzorgt" in html
    assert "Waarde-vol Werkbegeleiden" in html


def test_programme_detail_query_count_is_constant(
    client_for, ttt, demo, django_assert_max_num_queries
):
    client = client_for("trainer")
    url = reverse("training:programme_detail", args=[ttt.pk])
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for i in range(12):
        session = make_session(ttt, days=-20 - i, topic=f"Extra {i}")
        session.materials.set(ttt.sessions.first().materials.all())
        Attendance.objects.create(session=session, user=demo["docent1"], status="present")
    for user in ("student1", "werkbegeleider2", "studentbegeleider2"):
        Enrolment.objects.create(
            programme=ttt, user=demo[user], status="invited", invited_as="MENTOR"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "Extra 11" in response.content.decode()


def test_index_query_count_is_constant(client_for, django_assert_max_num_queries, demo):
    school = Organisation.objects.get(name="mboRijnland")

    def add(i):
        programme = Programme.objects.create(
            title=f"Extra {i}", goal="-", audience="-", organisation=school
        )
        make_session(programme, days=5)
        Enrolment.objects.create(
            programme=programme,
            user=demo["beheerder"],
            status="enrolled",
            invited_as="ADMIN",
            enrolled_at=timezone.now() - datetime.timedelta(days=1),
        )

    client = client_for("beheerder")
    add(0)
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("training:index"))
    for i in range(1, 15):
        add(i)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("training:index"))
    assert response.status_code == 200
    assert "Extra 14" in response.content.decode()
