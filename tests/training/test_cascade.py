"""Readiness as mentor, and the coverage dashboard recounted from the records."""

import datetime
import re

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from leerroute.people.models import Organisation, Role, RoleAssignment, Team
from leerroute.training.cascade import (
    CascadeRecords,
    Status,
    TrainingFacts,
    readiness,
    readiness_of,
)
from leerroute.training.models import Attendance, Enrolment, Programme

D = datetime.date


MAY_1, MARCH_1 = D(2026, 5, 1), D(2026, 3, 1)


def records(sessions=4, registered=4, last=MAY_1, enrolled=MARCH_1, present=4):
    return CascadeRecords(
        trainings={1: TrainingFacts(sessions, registered, last)},
        enrolments={7: [(1, enrolled)]},
        present={(1, 7): present},
    )


@pytest.mark.parametrize(
    ("recs", "on", "status", "trained_on"),
    [
        (CascadeRecords(), D(2026, 6, 1), Status.NOT_STARTED, None),
        (records(), D(2026, 6, 1), Status.TRAINED, D(2026, 5, 1)),
        (records(), D(2026, 5, 1), Status.TRAINED, D(2026, 5, 1)),
        # Before completion: still in training.
        (records(), D(2026, 4, 30), Status.IN_TRAINING, None),
        # Before enrolment: not started.
        (records(), D(2026, 2, 28), Status.NOT_STARTED, None),
        # Attendance of one session not yet registered: not completed.
        (records(registered=3), D(2026, 6, 1), Status.IN_TRAINING, None),
        # Missed a session of a completed training: not started (joins another).
        (records(present=3), D(2026, 6, 1), Status.NOT_STARTED, None),
        # A training without sessions is planned, not completed.
        (records(sessions=0, registered=0, last=None), D(2026, 6, 1), Status.IN_TRAINING, None),
    ],
)
def test_readiness_table(recs, on, status, trained_on):
    result = readiness(recs, 7, on)
    assert (result.status, result.trained_on) == (status, trained_on)


def test_trained_on_is_the_earliest_completed_training():
    recs = CascadeRecords(
        trainings={1: TrainingFacts(2, 2, D(2026, 5, 1)), 2: TrainingFacts(1, 1, D(2026, 3, 1))},
        enrolments={7: [(1, D(2026, 1, 1)), (2, D(2026, 1, 1))]},
        present={(1, 7): 2, (2, 7): 1},
    )
    assert readiness(recs, 7, D(2026, 6, 1)).trained_on == D(2026, 3, 1)


def test_demo_readiness(demo):
    states = readiness_of(
        [demo[u].pk for u in ("werkbegeleider1", "werkbegeleider2", "wb.tulp2", "wb.overrijn2")]
    )
    assert states[demo["werkbegeleider1"].pk].status == Status.IN_TRAINING
    assert states[demo["werkbegeleider2"].pk].status == Status.TRAINED
    assert states[demo["werkbegeleider2"].pk].trained_on is not None
    assert states[demo["wb.tulp2"].pk].status == Status.TRAINED
    # Excused at one session of the completed Topaz training.
    assert states[demo["wb.overrijn2"].pk].status == Status.NOT_STARTED


# --- an independent recount -------------------------------------------------------------


def recount(organisation):
    """Count trained / in training / not started per unit straight from the rows."""
    today = timezone.localdate()
    assignments = RoleAssignment.objects.filter(
        organisation=organisation,
        role__in=[Role.EMPLOYEE, Role.MENTOR, Role.ASSESSOR],
        user__is_active=True,
    ).filter(Q(start_date__lte=today), Q(end_date__isnull=True) | Q(end_date__gte=today))

    def status_of(user_id):
        trained = in_training = False
        for enrolment in Enrolment.objects.filter(
            user_id=user_id, status="enrolled", programme__kind="team"
        ):
            sessions = list(enrolment.programme.sessions.all())
            completed = bool(sessions) and all(s.attendance_registered_at for s in sessions)
            if completed:
                if all(
                    Attendance.objects.filter(session=s, user_id=user_id, status="present").exists()
                    for s in sessions
                ):
                    trained = True
            else:
                in_training = True
        return "trained" if trained else "in_training" if in_training else "not_started"

    units = {"org": set(), "pilot": set(), "rest": set()}
    for a in assignments:
        team = Team.objects.filter(pk=a.team_id).first()
        dept = team.department if team else a.department
        units["org"].add(a.user_id)
        if dept:
            units.setdefault(("dept", dept.pk), set()).add(a.user_id)
            units["pilot" if dept.is_pilot else "rest"].add(a.user_id)
        if team:
            units.setdefault(("team", team.pk), set()).add(a.user_id)
    result = {}
    for unit, user_ids in units.items():
        counts = {"trained": 0, "in_training": 0, "not_started": 0}
        for uid in user_ids:
            counts[status_of(uid)] += 1
        result[unit] = counts
    return result


def as_dict(counts):
    return {
        "trained": counts.trained,
        "in_training": counts.in_training,
        "not_started": counts.not_started,
    }


def shown(org_coverage):
    result = {
        "org": as_dict(org_coverage.counts),
        "pilot": as_dict(org_coverage.pilot),
        "rest": as_dict(org_coverage.rest),
    }
    for dept in org_coverage.departments:
        if dept.counts.total:
            result["dept", dept.department.pk] = as_dict(dept.counts)
        for row in dept.teams:
            if row.counts.total:
                result["team", row.team.pk] = as_dict(row.counts)
    return result


def figures_in_html(html, org_name):
    section = html[html.index(f">{org_name}</h2>") :]
    return {
        key: int(value) for key, value in re.findall(r'data-figure="(\w+)">(\d+)<', section)[:4]
    }


def assert_dashboard_agrees(client):
    response = client.get(reverse("training:coverage"))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["coverage"]
    for org_coverage in response.context["coverage"]:
        expected = recount(org_coverage.organisation)
        assert shown(org_coverage) == expected, org_coverage.organisation
        figures = figures_in_html(html, org_coverage.organisation.name)
        total = sum(expected["org"].values())
        assert figures == {**expected["org"], "total": total}
        # The chart's last point is today.
        last = org_coverage.history[-1]
        assert (last.trained, last.in_training) == (
            expected["org"]["trained"],
            expected["org"]["in_training"],
        )
    return response


def test_dashboard_agrees_with_the_records_for_every_organisation(client_for):
    response = assert_dashboard_agrees(client_for("beheerder"))
    names = [c.organisation.name for c in response.context["coverage"]]
    assert names == ["ActiVite", "DSV|verzorgd leven", "Topaz"]


def test_demo_has_seven_dsv_teams_in_training_pilot_first(client_for):
    response = client_for("praktijkopleider1").get(reverse("training:coverage"))
    (dsv,) = response.context["coverage"]
    assert dsv.organisation.name == "DSV|verzorgd leven"
    rows = dsv.in_training_now
    assert len(rows) == 7
    pilots = [row.team.department.is_pilot for row in rows]
    assert pilots == sorted(pilots, reverse=True)
    assert pilots.count(True) == 6
    assert [row.team.name for row in dsv.next_teams][0] == "Wijkteam Leiden-Zuid"
    assert dsv.counts.trained >= 2
    # Trained mentors elsewhere too.
    assert assert_dashboard_agrees(client_for("beheerder"))


def test_planning_a_team_training_moves_the_figures(client_for, ttt):
    client = client_for("praktijkopleider1")
    dsv = Organisation.objects.get(name="DSV|verzorgd leven")
    before = recount(dsv)["org"]
    team = Team.objects.get(name="Wijkteam Leiden-Zuid")
    # A week ahead at 10:00: a time that exists on every day (unlike, say, 02:30
    # on the night summer time starts).
    start = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=7), datetime.time(10)
    )
    response = client.post(
        reverse("training:teamtraining_create"),
        {
            "team": team.pk,
            "base": ttt.pk,
            "first_start": start.strftime("%Y-%m-%dT%H:%M"),
            "interval_weeks": 2,
            "place": "Thuiszorg Leiden, vergaderruimte",
        },
    )
    training = Programme.objects.get(team=team)
    assert response.status_code == 302
    assert response["Location"] == reverse("training:programme_detail", args=[training.pk])
    assert training.sessions.count() == ttt.sessions.count()
    assert list(training.trainers.values_list("username", flat=True)) == ["praktijkopleider1"]
    assert training.enrolments.filter(status="enrolled").count() == 2
    after = recount(dsv)["org"]
    assert after["in_training"] == before["in_training"] + 2
    assert after["not_started"] == before["not_started"] - 2
    assert_dashboard_agrees(client)
    next_names = [
        row.team.name
        for row in client.get(reverse("training:coverage")).context["coverage"][0].next_teams
    ]
    assert "Wijkteam Leiden-Zuid" not in next_names


def test_registering_the_last_session_makes_people_trained(client_for, tulp_training):
    client = client_for("praktijkopleider1")
    wb1 = tulp_training.enrolments.get(user__username="werkbegeleider1").user
    past = timezone.now() - datetime.timedelta(days=1)
    for offset, session in enumerate(tulp_training.sessions.order_by("starts_at")):
        session.starts_at = past - datetime.timedelta(days=7 * (4 - offset))
        session.ends_at = session.starts_at + datetime.timedelta(hours=2)
        session.save(update_fields=["starts_at", "ends_at"])
        data = {
            f"p{e.user_id}": "present" for e in tulp_training.enrolments.filter(status="enrolled")
        }
        data["version"] = session.version
        client.post(reverse("training:session_attendance", args=[session.pk]), data)
    state = readiness_of([wb1.pk])[wb1.pk]
    assert state.status == Status.TRAINED
    assert state.trained_on == timezone.localdate(
        tulp_training.sessions.order_by("starts_at").last().starts_at
    )
    assert_dashboard_agrees(client)


def test_practice_educator_cannot_plan_for_another_organisation(client_for, ttt):
    team = Team.objects.get(name="Team Hospice")  # Topaz
    count = Programme.objects.count()
    response = client_for("praktijkopleider1").post(
        reverse("training:teamtraining_create"),
        {
            "team": team.pk,
            "base": ttt.pk,
            "first_start": "2030-01-10T14:00",
            "interval_weeks": 2,
            "place": "Ergens",
        },
    )
    assert response.status_code == 200
    assert "Kies een team van je eigen organisatie." in response.content.decode()
    assert Programme.objects.count() == count


def test_plan_form_refuses_bad_input(client_for):
    count = Programme.objects.count()
    response = client_for("praktijkopleider1").post(
        reverse("training:teamtraining_create"),
        {"team": "", "base": "", "first_start": "morgen", "interval_weeks": 0, "place": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Kies een team.",
        "Kies het programma waarop de teamtraining is gebaseerd.",
        "Vul een geldige datum en tijd in",
        "Minstens 1 week.",
        "Vul de plaats in.",
    ):
        assert message in html
    assert Programme.objects.count() == count


def test_coverage_dashboard_query_count_is_constant(client_for, django_assert_max_num_queries, ttt):
    client = client_for("beheerder")
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("training:coverage"))
    # Many more team trainings, participants and attendance rows.
    pe = RoleAssignment.objects.get(user__username="praktijkopleider1").user
    from leerroute.training import services

    for team in Team.objects.filter(department__organisation__name="DSV|verzorgd leven"):
        services.plan_team_training(
            pe,
            team=team,
            base=ttt,
            first_start=timezone.now() - datetime.timedelta(days=30),
            interval_weeks=1,
            place="Leiden",
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("training:coverage"))
    assert response.status_code == 200


def test_team_readiness_page_lists_each_employee(client_for):
    team = Team.objects.get(name="Team Tulp")
    response = client_for("praktijkopleider1").get(
        reverse("training:coverage_team", args=[team.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ingrid Bakelaar" in html
    assert "in training" in html
    assert "getraind" in html


def test_coverage_counts_every_employee_of_the_team(client_for):
    """Everyone with a staff role in the team counts, also without a route role yet."""
    team = Team.objects.get(name="Team Tulp")
    members = set(
        RoleAssignment.objects.active()
        .filter(team=team, role__in=[Role.EMPLOYEE, Role.MENTOR, Role.ASSESSOR])
        .values_list("user_id", flat=True)
    )
    employees = RoleAssignment.objects.active().filter(team=team, role=Role.EMPLOYEE)
    assert employees.exists()
    client = client_for("praktijkopleider1")
    response = client.get(reverse("training:coverage"))
    (dsv,) = response.context["coverage"]
    (row,) = [r for d in dsv.departments for r in d.teams if r.team == team]
    assert row.counts.total == len(members)
    assert row.counts.trained + row.counts.in_training + row.counts.not_started == len(members)
    text = re.sub(r"<[^>]+>", "", response.content.decode())  # glossary terms are links
    assert "medewerker, werkbegeleider of studentbegeleider" in text
    page = client.get(reverse("training:coverage_team", args=[team.pk])).content.decode()
    for assignment in employees.select_related("user"):
        assert assignment.user.get_full_name() in page


def test_history_groups_agree_with_readiness_per_person(client_for):
    """The chart's figures equal readiness() derived per person and date."""
    from leerroute.training.cascade import employee_ids, load_records, month_ends, readiness

    response = client_for("beheerder").get(reverse("training:coverage"))
    for org_coverage in response.context["coverage"]:
        ids = set(employee_ids([org_coverage.organisation]).values_list("user_id", flat=True))
        records = load_records(list(ids))
        for point, on in zip(org_coverage.history, month_ends(timezone.localdate()), strict=True):
            states = [readiness(records, uid, on).status for uid in ids]
            assert point.trained == states.count("trained")
            assert point.in_training == states.count("in_training")
            assert point.total == len(ids)
