"""Data that does not outlive its purpose (TRUST.md PRIV-07, PRIV-08, PRIV-13, PRIV-14).

Retention periods per category, in days, from ``settings.RETENTION_DAYS``:

- ``learning``: learning questions with their history, messages and checks,
  counted from the day the student left the route;
- ``feedback``: feedback with its reactions and earlier versions, from leaving;
- ``reviews``: progress reviews (exam-relevant), from leaving;
- ``training``: training attendance, from the day of the session;
- ``access_log``: access-log rows, from the day they were written.

A student has left the route when none of their student role, placements and
enrolments is still running; the day they left is the latest end date of these.
The nightly job (``manage.py apply_retention``) archives what expired and
purges it ``RETENTION_PURGE_DELAY_DAYS`` later. It reports counts only.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from leerroute.core.panels import app_modules
from leerroute.feedback.models import Feedback, ProgressReview
from leerroute.learning.models import LearningQuestion
from leerroute.people.models import AccessLog, Enrollment, Placement, Role, RoleAssignment, User
from leerroute.training.models import Attendance

from .models import Archive, ErasureLog

# Per-student categories: what is removed when the category is purged.
STUDENT_CATEGORIES = {
    "learning": lambda student_ids: LearningQuestion.objects.filter(student__in=student_ids),
    "feedback": lambda student_ids: Feedback.objects.filter(student__in=student_ids),
    "reviews": lambda student_ids: ProgressReview.objects.filter(student__in=student_ids),
}


def days(category: str) -> int:
    return int(settings.RETENTION_DAYS[category])


def delay() -> datetime.timedelta:
    return datetime.timedelta(days=settings.RETENTION_PURGE_DELAY_DAYS)


def left_on() -> dict[int, datetime.date]:
    """Students who have left the route, with the day they left."""
    today = timezone.localdate()
    running = Q(end_date__isnull=True) | Q(end_date__gte=today)
    in_route = set(
        RoleAssignment.objects.filter(running, role=Role.STUDENT).values_list("user_id", flat=True)
    )
    in_route |= set(Placement.objects.filter(running).values_list("student_id", flat=True))
    in_route |= set(Enrollment.objects.filter(running).values_list("student_id", flat=True))
    ended: dict[int, datetime.date] = {}
    sources = [
        RoleAssignment.objects.filter(role=Role.STUDENT).values("user_id"),
        Placement.objects.values(user_id=F("student_id")),
        Enrollment.objects.values(user_id=F("student_id")),
    ]
    for rows in sources:
        for row in rows.annotate(last=Max("end_date")):
            student_id, last = row["user_id"], row["last"]
            if student_id in in_route or last is None:
                continue
            ended[student_id] = max(last, ended.get(student_id, last))
    return ended


@dataclass
class Report:
    archived: Counter
    purged: Counter
    restored: int

    def lines(self) -> list[str]:
        out = [f"gearchiveerd {cat}: {n}" for cat, n in sorted(self.archived.items())]
        out += [f"verwijderd {cat}: {n}" for cat, n in sorted(self.purged.items())]
        out.append(f"teruggezet (weer in de leerroute): {self.restored}")
        return out


@transaction.atomic
def apply(now: datetime.datetime | None = None) -> Report:
    """Archive what expired, purge what was archived long enough. Counts only."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    archived, purged = Counter(), Counter()
    left = left_on()

    # Back in the route before the purge: nothing is purged.
    back = Archive.objects.filter(purged_at__isnull=True).exclude(student_id__in=list(left))
    restored = back.count()
    back.delete()

    existing = set(Archive.objects.values_list("student_id", "category"))
    new = []
    for student_id, last_day in left.items():
        for category, rows in STUDENT_CATEGORIES.items():
            if (student_id, category) in existing:
                continue
            if today <= last_day + datetime.timedelta(days=days(category)):
                continue
            if not rows([student_id]).exists():
                continue
            new.append(
                Archive(
                    student_id=student_id,
                    category=category,
                    archived_at=now,
                    purge_after=now + delay(),
                )
            )
            archived[category] += 1
    Archive.objects.bulk_create(new)

    due = Archive.objects.filter(purged_at__isnull=True, purge_after__lte=now)
    for category, rows in STUDENT_CATEGORIES.items():
        ids = list(due.filter(category=category).values_list("student_id", flat=True))
        if ids:
            removed, _by_model = rows(ids).delete()
            purged[category] += removed
    due.update(purged_at=now)

    # Time-based categories: rows past the period are archived (counted) and
    # removed once past the period plus the delay.
    cutoff = now - datetime.timedelta(days=days("training"))
    old = Attendance.objects.filter(session__ends_at__lt=cutoff)
    archived["training"] += old.filter(session__ends_at__gte=cutoff - delay()).count()
    removed, _by_model = old.filter(session__ends_at__lt=cutoff - delay()).delete()
    purged["training"] += removed

    cutoff = now - datetime.timedelta(days=days("access_log"))
    archived["access_log"] += AccessLog.objects.filter(
        at__lt=cutoff, at__gte=cutoff - delay()
    ).count()
    purged["access_log"] += AccessLog.objects.purge_expired(cutoff - delay())
    return Report(archived, purged, restored)


class ErasureRefused(Exception):
    """Erasure is not allowed (yet); the message says why, in Dutch."""


def erasure_check(student: User) -> list[str]:
    """Why this student cannot be erased now (empty: it may be done)."""
    from django.utils.translation import gettext as _

    reasons = []
    if not student.role_assignments.filter(role=Role.STUDENT).exists():
        return [_("Dit account is geen (oud-)student.")]
    left = left_on().get(student.pk)
    if left is None:
        reasons.append(
            _("De student zit nog in de leerroute (rol, BPV-plaats of inschrijving loopt nog).")
        )
        return reasons
    keep_until = left + datetime.timedelta(days=days("reviews"))
    if (
        ProgressReview.objects.published().filter(student=student).exists()
        and timezone.localdate() <= keep_until
    ):
        reasons.append(
            _("Voortgangsbeoordelingen moeten bewaard blijven tot %(date)s.")
            % {"date": keep_until.strftime("%d-%m-%Y")}
        )
    return reasons


@transaction.atomic
def erase(student: User, *, by: User) -> ErasureLog:
    """Remove one student everywhere. Refused while a retention rule needs the data."""
    from leerroute.core import access

    access.require(by, "privacy.erase_student", student)
    reasons = erasure_check(student)
    if reasons:
        raise ErasureRefused(" ".join(reasons))
    counts: Counter = Counter()
    # Access-log rows keep who looked and when, not whom: the student's id goes.
    logs = AccessLog.objects.filter(
        Q(student=student) | Q(object_type="User", object_id=student.pk)
    )
    counts["inzagelog (geanonimiseerd)"] = logs.count()
    AccessLog._base_manager.filter(pk__in=logs.values("pk")).update(student=None, object_id=None)
    for category, rows in STUDENT_CATEGORIES.items():
        counts[category] = rows([student.pk]).delete()[0]
    # Apps that hold the student's name outside the student's own rows (e.g. other
    # people's notifications) forget it in their erasure.py: forget(student) -> int.
    for module in app_modules("erasure"):
        counts[module.__name__.split(".")[1]] += module.forget(student)
    _deleted, by_model = student.delete()
    for label, n in by_model.items():
        counts[label] += n
    return ErasureLog.objects.create(by=by, counts=dict(counts))


def erasure_summary(student: User) -> dict[str, int]:
    """What erasing this student would remove, as counts per kind (Dutch labels)."""
    from django.utils.translation import gettext as _

    return {
        _("leervragen"): LearningQuestion.objects.filter(student=student).count(),
        _("feedback"): Feedback.objects.filter(student=student).count(),
        _("voortgangsbeoordelingen"): ProgressReview.objects.filter(student=student).count(),
        _("BPV-plaatsen"): Placement.objects.filter(student=student).count(),
        _("inschrijvingen"): Enrollment.objects.filter(student=student).count(),
        _("inzagelogregels (worden geanonimiseerd)"): AccessLog.objects.filter(
            student=student
        ).count(),
    }
