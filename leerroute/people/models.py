"""Organisations, their structure, people and the relations between them.

Who may see what is decided in ``queries.py`` (querysets) and ``rules.py``
(predicates built on those querysets); the models only hold data and
state-named queryset methods.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core.changes import Tracked


def today() -> datetime.date:
    return timezone.localdate()


class Role(models.TextChoices):
    STUDENT = "STUDENT", _("student")
    # An employee of a care organisation, in a team, without a route role (yet):
    # counted in the cascade's coverage ("every employee can be a mentor").
    EMPLOYEE = "EMPLOYEE", _("medewerker")
    MENTOR = "MENTOR", _("werkbegeleider")
    ASSESSOR = "ASSESSOR", _("studentbegeleider")
    PRACTICE_EDUCATOR = "PRACTICE_EDUCATOR", _("praktijkopleider")
    TEACHER = "TEACHER", _("docent")
    TRAINER = "TRAINER", _("trainer")
    ADMIN = "ADMIN", _("functioneel beheerder")


class User(Tracked, AbstractUser):
    """A person using Leerroute. Roles come from ``RoleAssignment``.

    ``updated_at`` (``changed_since`` of the API's people) changes with the
    person's own fields and with any change to their role assignments
    (``signals.py``); a sign-in (``last_login``) does not count.
    """

    untracked_fields = frozenset({"last_login"})

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["last_name", "first_name", "username"]
        indexes = [
            # Lists sorted by name (people, learning questions by student) read
            # people in this order and stop at one page.
            models.Index(fields=["last_name", "first_name", "username"], name="user_name_order"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Organisation(Tracked):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        CARE = "care", _("zorgorganisatie")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_school(self) -> bool:
        return self.kind == self.Kind.SCHOOL


class Department(Tracked):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="departments",
        verbose_name=_("organisatie"),
    )
    name = models.CharField(_("naam"), max_length=200)
    is_pilot = models.BooleanField(
        _("pilotafdeling"),
        default=False,
        help_text=_("Afdeling waar de leerroute als eerste is gestart."),
    )

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")
        ordering = ["organisation__name", "-is_pilot", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="department_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Team(Tracked):
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="teams", verbose_name=_("afdeling")
    )
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["department__organisation__name", "department__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation(self) -> Organisation:
        return self.department.organisation


class Cohort(Tracked):
    """A class (klas) at the school, with its teachers."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="cohorts",
        limit_choices_to={"kind": Organisation.Kind.SCHOOL},
        verbose_name=_("school"),
    )
    name = models.CharField(_("naam"), max_length=100)
    school_year = models.CharField(_("schooljaar"), max_length=9, help_text=_("bijv. 2026-2027"))
    teachers = models.ManyToManyField(
        User, related_name="taught_cohorts", blank=True, verbose_name=_("docenten")
    )

    class Meta:
        verbose_name = _("klas")
        verbose_name_plural = _("klassen")
        ordering = ["-school_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name", "school_year"], name="cohort_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school_year})"


class PeriodQuerySet(models.QuerySet):
    """Rows valid from ``start_date`` up to and including ``end_date`` (open if null)."""

    def active(self, on: datetime.date | None = None):
        return self.filter(active_q(on))


def active_q(on: datetime.date | None = None, prefix: str = "") -> Q:
    """The condition 'this period covers ``on``' (default: today)."""
    on = on or today()
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


class Period(models.Model):
    start_date = models.DateField(_("begindatum"), default=today)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("De einddatum ligt vóór de begindatum.")})

    def is_active(self, on: datetime.date | None = None) -> bool:
        on = on or today()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


def period_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
        name=name,
    )


class RoleAssignment(Period):
    """A role held by a person in an organisation, optionally narrowed to a
    department or team, for a period."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("persoon")
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("organisatie"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("afdeling"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("team"),
    )

    class Meta:
        verbose_name = _("roltoewijzing")
        verbose_name_plural = _("roltoewijzingen")
        ordering = ["user", "role"]
        indexes = [
            models.Index(fields=["user", "role"], name="roleassign_user_role"),
            models.Index(fields=["organisation", "role"], name="roleassign_org_role"),
        ]
        constraints = [period_constraint("roleassignment_period")]

    def __str__(self) -> str:
        scope = self.team or self.department or self.organisation
        return f"{self.user} – {self.get_role_display()} ({scope})"

    def clean(self):
        super().clean()
        if self.team_id and self.department_id and self.team.department_id != self.department_id:
            raise ValidationError({"team": _("Dit team hoort niet bij de gekozen afdeling.")})
        if self.team_id and self.team.department.organisation_id != self.organisation_id:
            raise ValidationError({"team": _("Dit team hoort niet bij de gekozen organisatie.")})
        if self.department_id and self.department.organisation_id != self.organisation_id:
            raise ValidationError(
                {"department": _("Deze afdeling hoort niet bij de gekozen organisatie.")}
            )


class Placement(Tracked, Period):
    """A student's work placement (BPV-plaats) at a team for a period."""

    student = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="placements", verbose_name=_("student")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="placements", verbose_name=_("team")
    )
    mentors = models.ManyToManyField(
        User, related_name="mentored_placements", blank=True, verbose_name=_("werkbegeleiders")
    )
    assessor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessed_placements",
        verbose_name=_("studentbegeleider"),
    )

    class Meta:
        verbose_name = _("BPV-plaats")
        verbose_name_plural = _("BPV-plaatsen")
        ordering = ["-start_date"]
        indexes = [
            models.Index(fields=["team", "start_date", "end_date"], name="placement_team_period"),
            models.Index(fields=["student", "start_date"], name="placement_student_start"),
            # The beheer list, newest first (its ordering plus the pk Django adds).
            models.Index(fields=["-start_date", "-id"], name="placement_newest_first"),
        ]
        constraints = [
            period_constraint("placement_period"),
            models.UniqueConstraint(fields=["student", "start_date"], name="placement_one_start"),
        ]

    def __str__(self) -> str:
        return f"{self.student} @ {self.team}"

    def clean(self):
        super().clean()
        if not (self.student_id and self.start_date):
            return
        overlapping = Placement.objects.filter(student_id=self.student_id).exclude(pk=self.pk)
        overlapping = overlapping.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=self.start_date)
        )
        if self.end_date:
            overlapping = overlapping.filter(start_date__lte=self.end_date)
        if overlapping.exists():
            raise ValidationError(_("Deze student heeft in deze periode al een andere BPV-plaats."))


class Enrollment(Period):
    """A student in a cohort, studying for a qualification."""

    student = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="enrollments", verbose_name=_("student")
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("klas")
    )
    qualification = models.ForeignKey(
        "qualifications.Qualification",
        on_delete=models.PROTECT,
        related_name="enrollments",
        verbose_name=_("kwalificatie"),
    )

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["-start_date"]
        indexes = [
            models.Index(
                fields=["cohort", "start_date", "end_date"], name="enrollment_cohort_period"
            ),
            models.Index(fields=["student", "start_date"], name="enrollment_student_start"),
        ]
        constraints = [
            period_constraint("enrollment_period"),
            models.UniqueConstraint(
                fields=["student", "cohort", "start_date"], name="enrollment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} – {self.cohort}"


class AccessLogQuerySet(models.QuerySet):
    """The access log is append-only in the app: rows are never changed, and only
    the retention job (``purge_expired``) removes rows past their retention."""

    def update(self, **kwargs):
        raise PermissionDenied("The access log is append-only.")

    def delete(self):
        raise PermissionDenied("The access log is append-only; see AccessLog.purge_expired.")

    def purge_expired(self, before) -> int:
        """Remove the rows written before ``before`` (the retention job only)."""
        deleted, _by_model = models.QuerySet.delete(self.filter(at__lt=before))
        return deleted


class AccessLog(models.Model):
    """Who opened (or tried to open) which student's data, when (NEN 7513-style).

    Holds ids, the roles held, the view and the outcome only, never content.
    Written only by ``leerroute.core.access``; append-only.
    """

    class Outcome(models.TextChoices):
        READ = "read", _("ingezien")
        NOT_FOUND = "not_found", _("geweigerd (niet gevonden)")
        FORBIDDEN = "forbidden", _("geweigerd (geen toestemming)")

    # Indexed by the (person, at) indexes below: a row is written on every read
    # of a student's data, so no index more than those.
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_index=False,
        verbose_name=_("persoon"),
    )
    student = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_index=False,
        verbose_name=_("student"),
    )
    view_name = models.CharField(_("pagina"), max_length=100)
    outcome = models.CharField(
        _("uitkomst"), max_length=10, choices=Outcome.choices, default=Outcome.READ
    )
    roles = models.CharField(_("rollen"), max_length=100, blank=True)
    # The organisations (ids) the person held those roles in, at the time.
    organisations = models.CharField(_("organisaties"), max_length=200, blank=True)
    object_type = models.CharField(_("soort gegeven"), max_length=60, blank=True)
    object_id = models.PositiveBigIntegerField(_("nummer gegeven"), null=True, blank=True)
    at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["student", "at"], name="accesslog_student_at"),
            models.Index(fields=["user", "at"], name="accesslog_user_at"),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The access log is append-only; see AccessLog.purge_expired.")

    def organisation_ids(self) -> list[int]:
        return [int(pk) for pk in self.organisations.split(",") if pk]

    def role_labels(self) -> str:
        """The roles held at the time, in the interface language."""
        labels = dict(Role.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.roles.split(",") if code)
