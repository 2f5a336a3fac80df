"""Every write of the weekly updates, the suggestion of work processes, the digest.

- ``suggest_work_processes(cohort, text)``: the work processes of the cohort's
  qualification the text is about, by the learning-question check
  (``leerroute.learning.checker.rank``), best first.
- ``previous_week(cohort, week)``: last week's update of the cohort (to start from).
- ``save_update(by=, cohort=, week=, topics=, practice=, work_process_ids=,
  publish=False, update=None, expected_version=None)``: create or change; a
  change after publishing keeps the earlier text (``WeeklyUpdateVersion``).
- ``publish(update, by=, expected_version=)``.
  Publishing notifies (``weekly_update``) the cohort's students and the
  practice educators and mentors of those students.
- ``schedule_digests(week)``: enqueue the weekly e-mail for each practice
  educator and mentor who has new updates and has not had that week's mail.

Bad input raises ``UpdateError`` with a Dutch message per field and writes
nothing; a refused action raises ``PermissionDenied``; a stale save
``versioning.Conflict``.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from leerroute.core import access, versioning
from leerroute.learning import checker
from leerroute.notifications import kinds
from leerroute.notifications.queries import wants_email
from leerroute.notifications.services import notify
from leerroute.people import queries as people
from leerroute.people.models import Cohort, Role, RoleAssignment, User

from . import queries
from .models import (
    PRACTICE_MAX,
    TOPICS_MAX,
    DigestSent,
    Status,
    WeeklyUpdate,
    WeeklyUpdateVersion,
)
from .weeks import AHEAD_WEEKS, Week


class UpdateError(Exception):
    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(" ".join(errors.values()))


def suggest_work_processes(cohort: Cohort, text: str) -> list[int]:
    qualification = queries.cohort_qualification(cohort)
    if qualification is None or not (text or "").strip():
        return []
    return [s.work_process_id for s in checker.rank(text, checker.get_index(qualification))]


def previous_week(cohort: Cohort, week: Week) -> WeeklyUpdate | None:
    before = week.previous()
    return (
        WeeklyUpdate.objects.filter(cohort=cohort)
        .in_week(before)
        .prefetch_related("work_processes")
        .first()
    )


def week_error(week: Week | None) -> str | None:
    """Why a teacher cannot write for ``week`` now (None: they can)."""
    if week is None:
        return _("Kies een geldige week (jaar en weeknummer).")
    if week.has_ended():
        return _(
            "Week %(week)d van %(year)d is voorbij. Een weekupdate schrijf of wijzig je tot en "
            "met de zondag van die week; kies deze week of een latere week."
        ) % {"week": week.week, "year": week.year}
    if week > Week.current().plus(AHEAD_WEEKS):
        return _(
            "Die week ligt te ver vooruit. Je kunt een weekupdate tot %(n)d weken vooruit "
            "schrijven."
        ) % {"n": AHEAD_WEEKS}
    return None


def _validate(cohort, week, topics, practice, work_process_ids) -> tuple[str, str, list[int]]:
    errors = {}
    problem = week_error(week)
    if problem:
        errors["week"] = problem
    topics = (topics or "").strip()
    practice = (practice or "").strip()
    if not topics:
        errors["topics"] = _("Schrijf op wat jullie deze week op school behandelden.")
    elif len(topics) > TOPICS_MAX:
        errors["topics"] = _("De onderwerpen zijn te lang: maximaal %(n)d tekens.") % {
            "n": TOPICS_MAX
        }
    if len(practice) > PRACTICE_MAX:
        errors["practice"] = _("Het oefenen in de praktijk is te lang: maximaal %(n)d tekens.") % {
            "n": PRACTICE_MAX
        }
    ids = sorted({int(i) for i in work_process_ids})
    if ids:
        allowed = set(queries.cohort_work_processes(cohort).values_list("pk", flat=True))
        if set(ids) - allowed:
            errors["work_processes"] = _(
                "Je kunt alleen werkprocessen van de kwalificatie van deze klas koppelen. "
                "Kies uit de lijst."
            )
    if errors:
        raise UpdateError(errors)
    return topics, practice, ids


@transaction.atomic
def save_update(
    *,
    by: User,
    cohort: Cohort,
    week: Week | None,
    topics: str,
    practice: str = "",
    work_process_ids=(),
    publish: bool = False,
    update: WeeklyUpdate | None = None,
    expected_version: int | None = None,
) -> WeeklyUpdate:
    now = timezone.now()
    if update is None:
        access.require(by, "school.write_update", cohort)
        topics, practice, ids = _validate(cohort, week, topics, practice, work_process_ids)
        if WeeklyUpdate.objects.filter(cohort=cohort).in_week(week).exists():
            raise UpdateError(
                {
                    "week": _(
                        "Voor %(cohort)s is er al een weekupdate voor %(week)s. Open die om "
                        "hem te wijzigen."
                    )
                    % {"cohort": cohort.name, "week": week.short}
                }
            )
        update = WeeklyUpdate.objects.create(
            cohort=cohort,
            year=week.year,
            week=week.week,
            topics=topics,
            practice=practice,
            author=by,
            created_at=now,
            updated_at=now,
            **({"status": Status.PUBLISHED, "published_at": now} if publish else {}),
        )
        update.work_processes.set(ids)
        if publish:
            notify_published(update, by)
        return update
    access.require(by, "school.change_update", update)
    locked = versioning.lock(update, expected_version)
    topics, practice, ids = _validate(
        locked.cohort, locked.the_week, topics, practice, work_process_ids
    )
    if locked.is_published:
        WeeklyUpdateVersion.objects.create(
            update=locked,
            version=locked.version,
            topics=locked.topics,
            practice=locked.practice,
            work_process_codes=sorted(locked.work_processes.values_list("code", flat=True)),
            valid_from=locked.updated_at,
            replaced_at=now,
            replaced_by=by,
        )
    newly = publish and not locked.is_published
    changes = {"topics": topics, "practice": practice, "author": by, "updated_at": now}
    if newly:
        changes.update(status=Status.PUBLISHED, published_at=now)
    versioning.update(locked, expected_version, **changes)
    locked.work_processes.set(ids)
    if newly:
        notify_published(locked, by)
    return locked


@transaction.atomic
def publish(update: WeeklyUpdate, *, by: User, expected_version: int | None) -> WeeklyUpdate:
    """Draft → published (publishing twice changes nothing)."""
    access.require(by, "school.change_update", update)
    locked = versioning.lock(update, expected_version)
    if locked.is_published:
        return locked
    problem = week_error(locked.the_week)
    if problem:
        raise UpdateError({"week": problem})
    now = timezone.now()
    versioning.update(
        locked, expected_version, status=Status.PUBLISHED, published_at=now, updated_at=now
    )
    notify_published(locked, by)
    return locked


def notify_published(update: WeeklyUpdate, by: User) -> None:
    students = list(queries.students_of_cohort(update.cohort).values_list("pk", flat=True))
    recipients = set(students) | queries.guides_of(students)
    with translation.override("nl"):
        text = _("Nieuwe weekupdate van school: %(cohort)s, %(week)s") % {
            "cohort": update.cohort.name,
            "week": update.the_week.short,
        }
    notify(
        recipients - {by.pk},
        kinds.WEEKLY_UPDATE,
        text=text,
        url=reverse("school:detail", args=[update.pk]),
        key=f"weekly-update:{update.pk}:published",
    )


# --- the weekly digest ------------------------------------------------------------


def digest_updates(user: User, week: Week):
    """The published updates of ``week`` for the cohorts of ``user``'s students."""
    return (
        queries.published_in([week], queries.cohort_ids_of(people.students_visible_to(user)))
        .select_related("author")
        .order_by("cohort__name")
    )


def digest_candidates() -> list[int]:
    """Active practice educators and mentors (role in force) with an e-mail address."""
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=RoleAssignment.objects.active()
            .filter(role__in=[Role.PRACTICE_EDUCATOR, Role.MENTOR])
            .values("user_id"),
        )
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def schedule_digests(week: Week) -> int:
    """Enqueue one digest task per practice educator and mentor who wants it and has
    not had it for ``week``; after commit. The task decides again (idempotent)."""
    from .tasks import send_weekly_digest

    if not WeeklyUpdate.objects.published().in_week(week).exists():
        return 0
    candidates = digest_candidates()
    done = set(
        DigestSent.objects.filter(year=week.year, week=week.week).values_list("user_id", flat=True)
    )
    wanted = wants_email([pk for pk in candidates if pk not in done], kinds.WEEKLY_DIGEST)
    # Only people with updates for their students' cohorts (one query each: weekly).
    users = User.objects.filter(pk__in=wanted).order_by("pk")
    todo = [user.pk for user in users if digest_updates(user, week).exists()]
    for pk in todo:
        transaction.on_commit(lambda u=pk: send_weekly_digest.enqueue(u, week.year, week.week))
    return len(todo)
