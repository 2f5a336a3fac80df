"""Intervision groups of mentors, their meetings, attendance and the group's notes.

A practice educator forms an ``IntervisionGroup`` of mentors (werkbegeleiders)
of their own organisation, within or across teams, with a facilitator (a
mentor, assessor or practice educator of that organisation). The group meets
(``Meeting``) with a method from the work-form catalogue (an intervision
``WorkForm`` and its steps). The facilitator registers attendance. The notes
of a meeting (``MeetingNotes``) belong to the group: only its members and its
facilitator read and write them (``queries.notes_visible_to``).

Who may see or change which rows is decided in ``queries.py`` and ``rules.py``.
Groups, meetings and notes carry a ``version`` (``core.versioning``): a stale
save is refused. A meeting's version goes up only with changes an attendee
notices (time, place, method, cancelled), so it doubles as the iCalendar
``SEQUENCE``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core.versioning import Versioned
from leerroute.people.models import Organisation
from leerroute.training.models import AttendanceRecord, WorkForm


class GroupQuerySet(models.QuerySet):
    def active(self):
        """Groups that have not been ended."""
        return self.filter(ended_at__isnull=True)


class IntervisionGroup(Versioned):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="intervision_groups",
        verbose_name=_("organisatie"),
    )
    name = models.CharField(_("naam"), max_length=120)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="facilitated_intervision_groups",
        verbose_name=_("begeleider"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="intervision_groups",
        verbose_name=_("deelnemers"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("intervisiegroep")
        verbose_name_plural = _("intervisiegroepen")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class MeetingQuerySet(models.QuerySet):
    def planned(self):
        """Meetings that were not cancelled."""
        return self.filter(cancelled_at__isnull=True)

    def upcoming(self, now=None):
        """Not cancelled and not over yet, the first first."""
        now = now or timezone.now()
        return self.planned().filter(ends_at__gte=now).order_by("starts_at", "pk")

    def held(self, since, until=None):
        """Not cancelled, started between ``since`` and ``until`` (default now)."""
        return self.planned().filter(starts_at__gte=since, starts_at__lte=until or timezone.now())


class Meeting(Versioned):
    """A meeting (bijeenkomst) of an intervision group."""

    group = models.ForeignKey(IntervisionGroup, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place = models.CharField(_("plaats"), max_length=200)
    method = models.ForeignKey(
        WorkForm,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": WorkForm.Kind.INTERVISION},
        verbose_name=_("methode"),
    )
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attendance_registered_at = models.DateTimeField(null=True, blank=True)
    attendance_registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("intervisiebijeenkomst")
        verbose_name_plural = _("intervisiebijeenkomsten")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["group", "starts_at"], name="meeting_group_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class MeetingAttendance(AttendanceRecord):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intervision_attendances"
    )

    class Meta:
        verbose_name = _("aanwezigheid bij intervisie")
        verbose_name_plural = _("aanwezigheid bij intervisie")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="intervision_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.meeting}: {self.get_status_display()}"


class MeetingNotes(Versioned):
    """The group's notes of one meeting: for its members and facilitator only."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("notities"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("notities van een intervisiebijeenkomst")
        verbose_name_plural = _("notities van intervisiebijeenkomsten")

    def __str__(self) -> str:
        return f"{self.meeting} (notities)"
