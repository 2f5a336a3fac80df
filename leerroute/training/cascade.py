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
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core import versions
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
    pass a subquery rather than thousands of ids), in two queries: each
    enrolment with the number of sessions its person was present at (counted
    in the database), then the facts of those team trainings."""
    records = CascadeRecords()
    present = (
        Attendance.objects.filter(
            session__programme_id=OuterRef("programme_id"),
            user_id=OuterRef("user_id"),
            status=Attendance.Status.PRESENT,
        )
        .order_by()
        .values("user_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    enrolled = (
        Enrolment.objects.filter(
            user_id__in=user_ids,
            status=Enrolment.Status.ENROLLED,
            programme__kind=Programme.Kind.TEAM,
        )
        .annotate(present=Subquery(present))
        .values_list("user_id", "programme_id", "enrolled_at", "present")
        .order_by()  # the default ordering would join programmes and people
    )
    zone = timezone.get_current_timezone()
    programme_ids = set()
    for user_id, programme_id, enrolled_at, n in enrolled:
        records.enrolments.setdefault(user_id, []).append(
            (programme_id, enrolled_at.astimezone(zone).date())
        )
        if n:
            records.present[programme_id, user_id] = n
        programme_ids.add(programme_id)
    if not programme_ids:
        return records
    trainings = (
        Programme.objects.filter(pk__in=programme_ids)
        .with_session_counts()
        .annotate(last_start=Max("sessions__starts_at"))
        .values_list("pk", "session_count", "registered_count", "last_start")
        .order_by()
    )
    for pk, sessions, registered, last_start in trainings:
        records.trainings[pk] = TrainingFacts(
            sessions, registered, last_start.astimezone(zone).date() if last_start else None
        )
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
    without_team: Counts = field(default_factory=Counts)


@dataclass(frozen=True)
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


def _employee_assignments(organisations, **filters):
    """(user id, organisation id, department id, team id) of each active employee role."""
    return (
        employee_ids(organisations)
        .filter(**filters)
        .values_list("user_id", "organisation_id", "department_id", "team_id")
        .order_by()
    )


_INDEX = {Status.TRAINED: 0, Status.IN_TRAINING: 1, Status.NOT_STARTED: 2}


class _Tally:
    """Counts per unit in one pass over the assignments; a person counts once per unit.

    Units: ``("org", id)``, ``("dept", id)``, ``("team", id)``, ``("dept_only", id)``
    (assigned to the department without a team) and ``("pilot", org id)``
    / ``("rest", org id)`` (the employees of the organisation's pilot departments and
    of its other departments). A team's employees count in the team's department,
    whatever department their assignment names."""

    def __init__(self, assignments, records, team_dept, departments, today):
        rows = list(assignments)
        repeated = {uid for uid, n in Counter(row[0] for row in rows).items() if n > 1}
        tallies: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.org_members: dict[int, list[int]] = defaultdict(list)
        status_index: dict[int, int] = {}
        seen: set[tuple] = set()
        for user_id, organisation_id, department_id, team_id in rows:
            index = status_index.get(user_id)
            if index is None:
                index = status_index[user_id] = _INDEX[readiness(records, user_id, today).status]
            units = [("org", organisation_id)]
            dept_id = team_dept.get(team_id) if team_id else department_id
            if dept_id:
                units.append(("dept", dept_id))
                dept = departments.get(dept_id)
                if dept is not None:
                    units.append(("pilot" if dept.is_pilot else "rest", dept.organisation_id))
            if team_id:
                units.append(("team", team_id))
            elif dept_id:
                units.append(("dept_only", dept_id))  # in the department, in no team
            for unit in units:
                if user_id in repeated:  # several assignments: count once per unit
                    if (unit, user_id) in seen:
                        continue
                    seen.add((unit, user_id))
                tallies[unit][index] += 1
                if unit[0] == "org":
                    self.org_members[organisation_id].append(user_id)
        self.counts = {unit: Counts(*tally) for unit, tally in tallies.items()}

    def of(self, kind: str, pk: int) -> Counts:
        return self.counts.get((kind, pk)) or Counts()


# The tables coverage is computed from (core/versions.py): a write to any of them
# makes the cached figures unreachable.
DATA_TOPIC = "coverage"


def register_data_topic() -> None:
    versions.register(
        DATA_TOPIC,
        [
            versions.Watched("people.Organisation"),
            versions.Watched("people.Department"),
            versions.Watched("people.Team"),
            versions.Watched("people.RoleAssignment"),
            versions.Watched("people.User", columns=("is_active",)),
            versions.Watched("training.Programme"),
            versions.Watched("training.Session"),
            versions.Watched("training.Enrolment"),
            versions.Watched("training.Attendance"),
        ],
    )


def coverage(
    organisations, today: datetime.date | None = None, *, with_history: bool = True
) -> list[OrganisationCoverage]:
    """Coverage of the cascade for the given organisations (a constant number of queries).

    Employees are read as id tuples (no model objects) and counted per unit in
    one pass; their records come with a subquery (attendance counted in the
    database), and the history derives each date once per group of people with
    the same training records. Without ``with_history`` (the cascade page, the
    export) the twelve-month history is left empty.

    The figures do not depend on who asks, only on the organisations (which the
    caller chose for them), the date and the data: they are cached until one of
    the tables of ``DATA_TOPIC`` changes, the date changes or a shown next
    session starts (``core/versions.py``)."""
    today = today or timezone.localdate()
    pks = list(organisations.order_by("pk").values_list("pk", flat=True))
    if not pks:
        return []
    key = f"{today.isoformat()}:{int(with_history)}:{','.join(map(str, pks))}"
    return versions.cached(
        DATA_TOPIC,
        key,
        lambda: _coverage(Organisation.objects.filter(pk__in=pks), today, with_history),
        valid_until=_next_start,
    )


def _next_start(result: list[OrganisationCoverage]) -> datetime.datetime | None:
    """When the first shown "next session" starts: then the figures change by the clock."""
    starts = [row.next_start for org in result for row in org.in_training_now if row.next_start]
    return min(starts, default=None)


def _coverage(organisations, today: datetime.date, with_history: bool):
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
    team_dept = {t.pk: t.department_id for t in teams}
    records = load_records(employee_ids(orgs))
    tally = _Tally(
        _employee_assignments(orgs),
        records,
        team_dept,
        {d.pk: d for d in departments},
        today,
    )

    trainings = list(
        Programme.objects.team_trainings()
        .filter(team__in=teams)
        .with_session_counts()
        .annotate(
            next_start=Subquery(
                Session.objects.filter(programme=OuterRef("pk"), starts_at__gte=timezone.now())
                .order_by("starts_at")
                .values("starts_at")[:1]
            ),
            participant_count=Subquery(
                Enrolment.objects.filter(programme=OuterRef("pk"), status=Enrolment.Status.ENROLLED)
                .order_by()
                .values("programme_id")
                .annotate(n=Count("pk"))
                .values("n")
            ),
        )
        .only("pk", "title", "team_id", "created_at")
        .order_by("created_at", "pk")
    )
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
        t.pk: TeamRow(t, tally.of("team", t.pk), t.pk in open_by_team, t.pk in any_by_team)
        for t in teams
    }
    result = []
    for org in orgs:
        org_depts = [d for d in departments if d.organisation_id == org.pk]
        dept_rows = [
            DepartmentRow(
                dept,
                tally.of("dept", dept.pk),
                [team_rows[t.pk] for t in teams_by_dept[dept.pk]],
            )
            for dept in org_depts
        ]
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
                            p.next_start,
                            p.participant_count or 0,
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
                counts=tally.of("org", org.pk),
                pilot=tally.of("pilot", org.pk),
                rest=tally.of("rest", org.pk),
                departments=dept_rows,
                history=(
                    _history(records, tally.org_members[org.pk], today) if with_history else []
                ),
                in_training_now=now_rows,
                next_teams=next_teams,
            )
        )
    return result


def department_coverage(department: Department, today: datetime.date | None = None):
    """The counts of one department and of each of its teams (a constant number of
    queries): the employees of its teams, and those assigned to the department
    without a team, counted as ``coverage`` counts them."""
    today = today or timezone.localdate()
    teams = list(Team.objects.filter(department=department).order_by("name"))
    team_dept = {t.pk: department.pk for t in teams}
    in_department = Q(team__department=department) | Q(team__isnull=True, department=department)
    organisations = Organisation.objects.filter(pk=department.organisation_id)
    employees = employee_ids(organisations).filter(in_department)
    records = load_records(employees)
    tally = _Tally(
        _employee_assignments(organisations).filter(in_department),
        records,
        team_dept,
        {department.pk: department},
        today,
    )
    trainings = (
        Programme.objects.team_trainings()
        .filter(team__in=teams)
        .with_session_counts()
        .values_list("team_id", "session_count", "registered_count")
        .order_by()
    )
    open_teams, any_teams = set(), set()
    for team_id, sessions, registered in trainings:
        any_teams.add(team_id)
        if not (sessions and registered == sessions):
            open_teams.add(team_id)
    return DepartmentRow(
        department,
        tally.of("dept", department.pk),
        [TeamRow(t, tally.of("team", t.pk), t.pk in open_teams, t.pk in any_teams) for t in teams],
        tally.of("dept_only", department.pk),
    )
