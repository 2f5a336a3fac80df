"""The cascade: each employee's readiness as mentor, and coverage per unit.

Definitions (also in README.md):

- **Employee**: a person with an active staff role in a team or department of
  a care organisation today: EMPLOYEE (medewerker, no route role yet), MENTOR
  (werkbegeleider) or ASSESSOR (studentbegeleider). They belong to the team
  of that assignment (if any), its department and its organisation; a person
  is counted once per unit. "Every employee can be a mentor" is measured over
  all of them.
- **Completed team training**: a team training with at least one session
  whose attendance is registered for every session; it is completed on the
  date of its last session.
- **Readiness** on a date D (``readiness``, the only place it is derived):
  *trained* when the employee was present at every session of a team
  training completed on or before D (the date trained is the earliest such
  completion date); otherwise *in training* when enrolled (on or before D)
  in a team training not completed on D; otherwise *not started*. Someone
  who missed a session of a completed training is *not started* again:
  they join another team training.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.people.models import Department, Organisation, Role, RoleAssignment, Team

from .models import Attendance, Enrolment, Programme, Session

EMPLOYEE_ROLES = (Role.EMPLOYEE, Role.MENTOR, Role.ASSESSOR)


class Status:
    NOT_STARTED = "not_started"
    IN_TRAINING = "in_training"
    TRAINED = "trained"

    LABELS = {
        NOT_STARTED: _("nog niet gestart"),
        IN_TRAINING: _("in training"),
        TRAINED: _("getraind"),
    }


@dataclass(frozen=True)
class Readiness:
    status: str
    trained_on: datetime.date | None = None

    @property
    def label(self) -> str:
        return str(Status.LABELS[self.status])


@dataclass(frozen=True)
class TrainingFacts:
    session_count: int
    registered_count: int
    last_session_on: datetime.date | None

    @property
    def completed_on(self) -> datetime.date | None:
        if self.session_count and self.registered_count == self.session_count:
            return self.last_session_on
        return None


@dataclass
class CascadeRecords:
    """Everything ``readiness`` needs, loaded in three queries."""

    trainings: dict[int, TrainingFacts] = field(default_factory=dict)
    # user id -> [(programme id, enrolled on)]
    enrolments: dict[int, list[tuple[int, datetime.date]]] = field(default_factory=dict)
    # (programme id, user id) -> sessions present
    present: dict[tuple[int, int], int] = field(default_factory=dict)


def load_records(user_ids) -> CascadeRecords:
    """Team-training records of the given users (a list or a values() queryset:
    pass a subquery rather than thousands of ids)."""
    records = CascadeRecords()
    enrolled = Enrolment.objects.filter(
        user_id__in=user_ids,
        status=Enrolment.Status.ENROLLED,
        programme__kind=Programme.Kind.TEAM,
    ).values_list("user_id", "programme_id", "enrolled_at")
    programme_ids = set()
    for user_id, programme_id, enrolled_at in enrolled:
        records.enrolments.setdefault(user_id, []).append(
            (programme_id, timezone.localdate(enrolled_at))
        )
        programme_ids.add(programme_id)
    if not programme_ids:
        return records
    trainings = (
        Programme.objects.filter(pk__in=programme_ids)
        .with_session_counts()
        .annotate(last_start=Max("sessions__starts_at"))
        .values_list("pk", "session_count", "registered_count", "last_start")
    )
    for pk, sessions, registered, last_start in trainings:
        records.trainings[pk] = TrainingFacts(
            sessions, registered, timezone.localdate(last_start) if last_start else None
        )
    present = (
        Attendance.objects.filter(
            user_id__in=user_ids,
            status=Attendance.Status.PRESENT,
            session__programme_id__in=programme_ids,
        )
        .values_list("session__programme_id", "user_id")
        .order_by()
    )
    for programme_id, user_id in present:
        key = (programme_id, user_id)
        records.present[key] = records.present.get(key, 0) + 1
    return records


def readiness(records: CascadeRecords, user_id: int, on: datetime.date) -> Readiness:
    """The readiness of one employee as mentor on ``on``: the one derivation."""
    trained_on = None
    in_training = False
    for programme_id, enrolled_on in records.enrolments.get(user_id, []):
        if enrolled_on > on:
            continue
        facts = records.trainings[programme_id]
        completed_on = facts.completed_on
        if completed_on is not None and completed_on <= on:
            if records.present.get((programme_id, user_id), 0) == facts.session_count:
                trained_on = min(trained_on or completed_on, completed_on)
        else:
            in_training = True
    if trained_on is not None:
        return Readiness(Status.TRAINED, trained_on)
    if in_training:
        return Readiness(Status.IN_TRAINING)
    return Readiness(Status.NOT_STARTED)


def readiness_of(user_ids, on: datetime.date | None = None) -> dict[int, Readiness]:
    on = on or timezone.localdate()
    ids = list(user_ids)
    records = load_records(ids)
    return {uid: readiness(records, uid, on) for uid in ids}


def employee_ids(organisations):
    """The employees of these organisations, as a subquery of user ids."""
    return (
        RoleAssignment.objects.active()
        .filter(
            role__in=EMPLOYEE_ROLES,
            organisation__in=organisations,
            organisation__kind=Organisation.Kind.CARE,
            user__is_active=True,
        )
        .values("user_id")
    )


# --- coverage ----------------------------------------------------------------


@dataclass
class Counts:
    trained: int = 0
    in_training: int = 0
    not_started: int = 0

    @property
    def total(self) -> int:
        return self.trained + self.in_training + self.not_started

    @property
    def percent_trained(self) -> int:
        return round(100 * self.trained / self.total) if self.total else 0

    @classmethod
    def of(cls, user_ids, states: dict[int, Readiness]) -> Counts:
        counts = cls()
        for uid in user_ids:
            status = states[uid].status
            setattr(counts, status, getattr(counts, status) + 1)
        return counts


@dataclass
class TeamRow:
    team: Team
    counts: Counts
    in_training_now: bool
    has_training: bool


@dataclass
class DepartmentRow:
    department: Department
    counts: Counts
    teams: list[TeamRow]


@dataclass
class ChartPoint:
    on: datetime.date
    trained: int
    in_training: int
    total: int


@dataclass
class TeamTrainingRow:
    programme: Programme
    team: Team
    session_count: int
    registered_count: int
    next_start: datetime.datetime | None
    participant_count: int


@dataclass
class OrganisationCoverage:
    organisation: Organisation
    counts: Counts
    pilot: Counts
    rest: Counts
    departments: list[DepartmentRow]
    history: list[ChartPoint]
    in_training_now: list[TeamTrainingRow]
    next_teams: list[TeamRow]


def month_ends(today: datetime.date, months: int = 12) -> list[datetime.date]:
    """The last day of each of the previous ``months - 1`` months, then today."""
    points = [today]
    cursor = today.replace(day=1)
    for _i in range(months - 1):
        cursor = cursor - datetime.timedelta(days=1)
        points.append(cursor)
        cursor = cursor.replace(day=1)
    return sorted(points)


def _signature(records: CascadeRecords, user_id: int) -> tuple:
    """What readiness depends on for one employee: people in the same team
    training share it, so each date is derived once per signature."""
    return tuple(
        sorted(
            (
                enrolled_on,
                records.trainings[programme_id].completed_on,
                records.present.get((programme_id, user_id), 0)
                == records.trainings[programme_id].session_count,
            )
            for programme_id, enrolled_on in records.enrolments.get(user_id, [])
        )
    )


def _history(records: CascadeRecords, user_ids, today: datetime.date) -> list[ChartPoint]:
    """Trained / in training per month end: ``readiness`` once per signature and date."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for uid in user_ids:
        groups[_signature(records, uid)].append(uid)
    history = []
    for on in month_ends(today):
        trained = in_training = 0
        for members in groups.values():
            status = readiness(records, members[0], on).status
            if status == Status.TRAINED:
                trained += len(members)
            elif status == Status.IN_TRAINING:
                in_training += len(members)
        history.append(ChartPoint(on, trained, in_training, len(user_ids)))
    return history


def coverage(organisations, today: datetime.date | None = None) -> list[OrganisationCoverage]:
    """Coverage of the cascade for the given organisations (a constant number of queries).

    Employees are read as id tuples (no model objects), their records with a
    subquery, and the history derives each date once per group of people with
    the same training records."""
    today = today or timezone.localdate()
    orgs = list(organisations.order_by("name"))
    if not orgs:
        return []
    departments = list(
        Department.objects.filter(organisation__in=orgs).order_by("-is_pilot", "name")
    )
    teams = list(
        Team.objects.filter(department__in=departments)
        .select_related("department")
        .order_by("name")
    )
    employees = employee_ids(orgs)
    assignments = employees.values_list(
        "user_id", "organisation_id", "department_id", "team_id"
    ).order_by()
    records = load_records(employees)
    states: dict[int, Readiness] = {}

    by_org: dict[int, set[int]] = defaultdict(set)
    by_dept: dict[int, set[int]] = defaultdict(set)
    by_team: dict[int, set[int]] = defaultdict(set)
    team_dept = {t.pk: t.department_id for t in teams}
    for user_id, organisation_id, department_id, team_id in assignments:
        if user_id not in states:
            states[user_id] = readiness(records, user_id, today)
        by_org[organisation_id].add(user_id)
        dept_id = team_dept.get(team_id) if team_id else department_id
        if dept_id:
            by_dept[dept_id].add(user_id)
        if team_id:
            by_team[team_id].add(user_id)

    trainings = list(
        Programme.objects.team_trainings()
        .filter(team__in=teams)
        .with_session_counts()
        .order_by("created_at", "pk")
    )
    next_starts = _next_session_starts([p.pk for p in trainings])
    participants = _participant_counts([p.pk for p in trainings])
    open_by_team: dict[int, list[Programme]] = defaultdict(list)
    any_by_team: set[int] = set()
    for p in trainings:
        any_by_team.add(p.team_id)
        if not (p.session_count and p.registered_count == p.session_count):
            open_by_team[p.team_id].append(p)

    teams_by_dept: dict[int, list[Team]] = defaultdict(list)
    for t in teams:
        teams_by_dept[t.department_id].append(t)
    team_rows: dict[int, TeamRow] = {
        t.pk: TeamRow(
            t, Counts.of(by_team[t.pk], states), t.pk in open_by_team, t.pk in any_by_team
        )
        for t in teams
    }
    result = []
    for org in orgs:
        org_depts = [d for d in departments if d.organisation_id == org.pk]
        dept_rows = []
        pilot_ids: set[int] = set()
        rest_ids: set[int] = set()
        for dept in org_depts:
            (pilot_ids if dept.is_pilot else rest_ids).update(by_dept[dept.pk])
            dept_rows.append(
                DepartmentRow(
                    dept,
                    Counts.of(by_dept[dept.pk], states),
                    [team_rows[t.pk] for t in teams_by_dept[dept.pk]],
                )
            )
        org_ids = by_org[org.pk]
        now_rows = []
        for dept in org_depts:  # pilot departments first
            for team in teams_by_dept[dept.pk]:
                for p in open_by_team.get(team.pk, []):
                    now_rows.append(
                        TeamTrainingRow(
                            p,
                            team,
                            p.session_count,
                            p.registered_count,
                            next_starts.get(p.pk),
                            participants.get(p.pk, 0),
                        )
                    )
        next_teams = [
            row
            for dept in org_depts
            for row in (team_rows[t.pk] for t in teams_by_dept[dept.pk])
            if not row.has_training and row.counts.not_started
        ]
        result.append(
            OrganisationCoverage(
                organisation=org,
                counts=Counts.of(org_ids, states),
                pilot=Counts.of(pilot_ids, states),
                rest=Counts.of(rest_ids, states),
                departments=dept_rows,
                history=_history(records, org_ids, today),
                in_training_now=now_rows,
                next_teams=next_teams,
            )
        )
    return result


def _next_session_starts(programme_ids: list[int]) -> dict[int, datetime.datetime]:
    if not programme_ids:
        return {}
    rows = (
        Session.objects.filter(programme_id__in=programme_ids, starts_at__gte=timezone.now())
        .values_list("programme_id")
        .annotate(first=Min("starts_at"))
        .order_by()
    )
    return dict(rows)


def _participant_counts(programme_ids: list[int]) -> dict[int, int]:
    if not programme_ids:
        return {}
    rows = (
        Enrolment.objects.filter(programme_id__in=programme_ids, status=Enrolment.Status.ENROLLED)
        .values_list("programme_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)
