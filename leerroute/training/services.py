"""State changes of the training app: each one ``@transaction.atomic`` function.

Side effects are listed in each docstring. Views, commands and the demo call
these; nothing else writes training rows. A change to an existing programme,
session (attendance included) or work form names the version the editor
loaded: a conditional update on it (``core.versioning``) adds one to the
version, or raises ``Conflict`` and changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from leerroute.core import access, versioning
from leerroute.core.versioning import Conflict as Conflict  # raised here, caught by the views
from leerroute.people.models import Organisation, Role, RoleAssignment, Team, User

from . import queries
from .cascade import EMPLOYEE_ROLES, Status, readiness_of
from .models import (
    Attendance,
    Enrolment,
    Material,
    Programme,
    ReminderSent,
    Session,
    Topic,
    WorkForm,
    WorkFormStep,
)
from .uploads import clean_original_name

# Attendance is registered from the start of a session on (the page and the API).
NOT_STARTED = gettext_lazy("Aanwezigheid kun je registreren vanaf het begin van de bijeenkomst.")


@transaction.atomic
def create_programme(by: User, data: dict) -> Programme:
    """Create a programme; its creator becomes one of its trainers."""
    access.require(by, "training.add_programme")
    programme = Programme.objects.create(
        kind=Programme.Kind.PROGRAMME,
        title=data["title"],
        goal=data["goal"],
        audience=data["audience"],
        organisation=data["organisation"],
        created_by=by,
    )
    programme.trainers.set({by, *data.get("trainers", [])})
    programme.invited_organisations.set(data.get("invited_organisations", []))
    return programme


@transaction.atomic
def update_programme(
    programme: Programme, data: dict, expected_version: int, *, by: User
) -> Programme:
    """Change ``programme`` if it is still at ``expected_version`` (else ``Conflict``)."""
    access.require(by, "training.manage_programme", programme)
    versioning.update(
        programme,
        expected_version,
        **{name: data[name] for name in ("title", "goal", "audience")},
    )
    if "trainers" in data:
        programme.trainers.set(data["trainers"])
    if "invited_organisations" in data:
        programme.invited_organisations.set(data["invited_organisations"])
    return programme


SESSION_FIELDS = ("topic", "starts_at", "ends_at", "place", "online_url")


@transaction.atomic
def save_session(
    programme: Programme,
    data: dict,
    session: Session | None = None,
    expected_version: int | None = None,
    *,
    by: User,
) -> Session:
    """Add a session to ``programme``, or change ``session`` if it is still at
    ``expected_version`` (else ``Conflict``)."""
    access.require(by, "training.manage_programme", programme)
    changes = {name: data[name] for name in SESSION_FIELDS}
    if session is None:
        session = Session.objects.create(programme=programme, **changes)
    else:
        versioning.update(session, expected_version, **changes)
    session.materials.set(data.get("materials", []))
    return session


def _enrol(enrolment: Enrolment, now: datetime.datetime) -> bool:
    if enrolment.status == Enrolment.Status.ENROLLED:
        return False
    enrolment.status = Enrolment.Status.ENROLLED
    enrolment.enrolled_at = now
    enrolment.save(update_fields=["status", "enrolled_at"])
    return True


@transaction.atomic
def invite(
    programme: Programme,
    role: str,
    organisation: Organisation,
    *,
    by: User,
    enrol: bool = False,
) -> tuple[int, int]:
    """Invite (or enrol) everyone holding ``role`` in ``organisation`` now.

    Returns (newly invited, newly enrolled). People already on the list keep
    their row; with ``enrol`` invited people are enrolled.
    """
    access.require(by, "training.manage_programme", programme)
    now = timezone.now()
    existing = {e.user_id: e for e in programme.enrolments.select_for_update()}
    invited = enrolled = 0
    for user in queries.people_with_role(role, organisation):
        row = existing.get(user.pk)
        if row is None:
            Enrolment.objects.create(
                programme=programme,
                user=user,
                invited_as=role,
                status=Enrolment.Status.ENROLLED if enrol else Enrolment.Status.INVITED,
                invited_at=now,
                enrolled_at=now if enrol else None,
            )
            invited += 1
            enrolled += int(enrol)
        elif enrol and _enrol(row, now):
            enrolled += 1
    return invited, enrolled


@transaction.atomic
def sign_up(programme: Programme, user: User) -> bool:
    """An invited person signs up. False if there was no open invitation."""
    access.require(user, "training.sign_up", programme)
    row = (
        Enrolment.objects.select_for_update()
        .filter(programme=programme, user=user, status=Enrolment.Status.INVITED)
        .first()
    )
    return bool(row) and _enrol(row, timezone.now())


@transaction.atomic
def enrol(programme: Programme, user_id: int, *, by: User) -> bool:
    """A manager enrols an invited person. False if they were not invited."""
    access.require(by, "training.manage_programme", programme)
    row = (
        Enrolment.objects.select_for_update()
        .filter(programme=programme, user_id=user_id, status=Enrolment.Status.INVITED)
        .first()
    )
    return bool(row) and _enrol(row, timezone.now())


@transaction.atomic
def register_attendance(
    session: Session, by: User, statuses: dict[int, str], expected_version: int
) -> int:
    """Record present/absent/excused for the enrolled participants of ``session``.

    Only enrolled participants are written; marks the session's attendance as
    registered (by whom, when) if the session is still at ``expected_version``
    (else ``Conflict``, nothing written). Returns the number of rows written.
    """
    access.require(by, "training.manage_programme", session.programme)
    versioning.update(
        session,
        expected_version,
        attendance_registered_at=timezone.now(),
        attendance_registered_by=by,
    )
    participants = set(
        session.programme.enrolments.filter(status=Enrolment.Status.ENROLLED).values_list(
            "user_id", flat=True
        )
    )
    existing = {a.user_id: a for a in session.attendances.select_for_update()}
    written = 0
    for user_id, status in statuses.items():
        if user_id not in participants:
            continue
        row = existing.get(user_id)
        if row is None:
            Attendance.objects.create(session=session, user_id=user_id, status=status)
            written += 1
        elif row.status != status:
            row.status = status
            row.save(update_fields=["status"])
            written += 1
    return written


def team_members(team: Team):
    """Active employees (werkbegeleiders, studentbegeleiders) assigned to ``team``."""
    return User.objects.filter(
        is_active=True,
        pk__in=RoleAssignment.objects.active()
        .filter(team=team, role__in=EMPLOYEE_ROLES)
        .values("user_id"),
    ).order_by("last_name", "first_name")


@transaction.atomic
def plan_team_training(
    by: User,
    *,
    team: Team,
    base: Programme,
    first_start: datetime.datetime,
    interval_weeks: int,
    place: str,
) -> Programme:
    """A practice educator plans a team training for ``team`` from ``base``.

    Creates the team training (run by ``by``), one session per session of
    ``base`` (same topics, lengths and materials; the first at
    ``first_start``, then every ``interval_weeks`` weeks) and enrols the
    team's employees who are not trained yet.
    """
    access.require(by, "training.plan_team_training")
    organisation = team.department.organisation
    training = Programme.objects.create(
        kind=Programme.Kind.TEAM,
        title=f"{base.title} – {team.name}",
        goal=base.goal,
        audience=f"Werkbegeleiders en studentbegeleiders van {team.name}",
        organisation=organisation,
        team=team,
        based_on=base,
        created_by=by,
    )
    training.trainers.set([by])
    training.invited_organisations.set([organisation])
    start = first_start
    for source in base.sessions.prefetch_related("materials"):
        session = Session.objects.create(
            programme=training,
            topic=source.topic,
            starts_at=start,
            ends_at=start + (source.ends_at - source.starts_at),
            place=place,
        )
        session.materials.set(source.materials.all())
        start = start + datetime.timedelta(weeks=interval_weeks)
    now = timezone.now()
    members = list(team_members(team))
    states = readiness_of([m.pk for m in members])
    roles = dict(
        RoleAssignment.objects.active()
        .filter(team=team, role__in=EMPLOYEE_ROLES)
        .values_list("user_id", "role")
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            programme=training,
            user=member,
            invited_as=roles.get(member.pk, Role.MENTOR),
            status=Enrolment.Status.ENROLLED,
            invited_at=now,
            enrolled_at=now,
        )
        for member in members
        if states[member.pk].status != Status.TRAINED
    )
    return training


def _topics(names: list[str]) -> list[Topic]:
    found = []
    for name in names:
        topic = Topic.objects.filter(name__iexact=name).first()
        found.append(topic or Topic.objects.create(name=name))
    return found


@transaction.atomic
def add_material(by: User, data: dict, file_type=None) -> Material:
    """Add a material: an uploaded file (already checked) or a link.

    The file is stored through Django's storage API under a generated name.
    """
    access.require(by, "training.add_material")
    upload = data.get("file")
    material = Material(
        title=data["title"],
        description=data.get("description", ""),
        kind=data["kind"],
        url=data.get("url", "") if data["kind"] == Material.Kind.LINK else "",
        created_by=by,
    )
    if upload and data["kind"] != Material.Kind.LINK:
        material.original_name = clean_original_name(upload.name)
        material.content_type = file_type.content_type
        material.size = upload.size
        material.file.save(upload.name, upload, save=False)
        captions = data.get("captions")
        if captions and data["kind"] == Material.Kind.VIDEO:
            material.captions.save("ondertiteling.vtt", captions, save=False)
    material.save()
    material.topics.set(_topics(data.get("topics", [])))
    return material


def unique_slug(title: str, instance_pk: int | None = None) -> str:
    base = slugify(title)[:70] or "werkvorm"
    slug, n = base, 2
    while WorkForm.objects.filter(slug=slug).exclude(pk=instance_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_work_form(
    by: User,
    data: dict,
    steps: list[tuple[str, str]],
    work_form: WorkForm | None = None,
    expected_version: int | None = None,
) -> WorkForm:
    """Create a work form, or change ``work_form`` if it is still at
    ``expected_version`` (else ``Conflict``); its ordered steps are replaced
    as a whole."""
    if work_form is None:
        access.require(by, "training.add_work_form")
    else:
        access.require(by, "training.change_work_form", work_form)
    changes = {name: data[name] for name in ("title", "kind", "purpose", "duration_minutes")}
    if work_form is None:
        work_form = WorkForm.objects.create(
            created_by=by, slug=unique_slug(data["title"]), **changes
        )
    else:
        versioning.update(work_form, expected_version, **changes)
    work_form.materials.set(data.get("materials", []))
    work_form.steps.all().delete()
    WorkFormStep.objects.bulk_create(
        WorkFormStep(work_form=work_form, position=i, title=title, description=text)
        for i, (title, text) in enumerate(steps, start=1)
    )
    return work_form


@transaction.atomic
def schedule_reminders(day: datetime.date) -> int:
    """Enqueue one reminder task per enrolled participant of each session on ``day``.

    Tasks are enqueued after commit (a rolled-back transaction enqueues
    nothing); participants who already got their reminder are skipped, and
    the task itself is idempotent too. Returns the number of tasks enqueued.
    """
    from .tasks import send_session_reminder

    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    sessions = Session.objects.filter(starts_at__gte=start, starts_at__lt=end)
    pairs = list(
        Enrolment.objects.filter(
            status=Enrolment.Status.ENROLLED,
            user__is_active=True,
            programme__sessions__in=sessions,
        )
        .exclude(user__email="")
        .values_list("programme__sessions__pk", "user_id")
        .order_by("programme__sessions__pk", "user_id")
    )
    done = set(
        ReminderSent.objects.filter(session__in=sessions).values_list("session_id", "user_id")
    )
    todo = [pair for pair in pairs if pair not in done]
    for session_id, user_id in todo:
        transaction.on_commit(lambda s=session_id, u=user_id: send_session_reminder.enqueue(s, u))
    return len(todo)
