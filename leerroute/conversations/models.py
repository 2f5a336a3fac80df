"""The twice-yearly conversation (driegesprek/viergesprek) about a student's route.

A ``Conversation`` is planned by a teacher of the student's cohort or a
practice educator of the organisation where the student is placed, with its
``Participant``s (always the student), a time, a place and an agenda. One of
the staff participants records the notes (optimistic locking through
``core.versioning``) and the ``Agreement``s, each with an owner among the
participants and a due date. Who sees what is decided in ``queries.py``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core.versioning import Versioned
from leerroute.people.models import Role

PLACE_MAX = 200
AGENDA_ITEM_MAX = 200
AGENDA_MAX_ITEMS = 30
NOTES_MAX = 10_000
AGREEMENT_MAX = 500


def school_year_start(on: datetime.date) -> datetime.date:
    """1 August of the school year ``on`` falls in (school year: 1 Aug – 31 Jul)."""
    return datetime.date(on.year if on.month >= 8 else on.year - 1, 8, 1)


def school_half(on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The half of the school year ``on`` falls in: (first day, last day).

    Each student has two conversations per school year: one in each half,
    1 Aug – 31 Jan and 1 Feb – 31 Jul.
    """
    start = school_year_start(on)
    february = datetime.date(start.year + 1, 2, 1)
    if on < february:
        return start, february - datetime.timedelta(days=1)
    return february, datetime.date(start.year + 1, 7, 31)


class ConversationQuerySet(models.QuerySet):
    def not_cancelled(self):
        return self.exclude(status=Conversation.Status.CANCELLED)

    def in_period(self, first: datetime.date, last: datetime.date):
        return self.filter(date__gte=first, date__lte=last)

    def overdue(self, now: datetime.datetime | None = None):
        """Planned, its start passed, and no notes recorded yet."""
        return self.filter(status=Conversation.Status.PLANNED, starts_at__lt=now or timezone.now())

    def with_people(self):
        return self.select_related("student", "planned_by").prefetch_related(
            models.Prefetch("participants", queryset=Participant.objects.select_related("user"))
        )


class Conversation(Versioned):
    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        HELD = "held", _("gehouden")
        CANCELLED = "cancelled", _("geannuleerd")

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conversations",
        verbose_name=_("student"),
    )
    placement = models.ForeignKey(
        "people.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("BPV-plaats"),
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gepland door"),
    )
    date = models.DateField(_("datum"))
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place = models.CharField(_("plaats"), max_length=PLACE_MAX)
    agenda = models.JSONField(_("agenda"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("verslag"), max_length=NOTES_MAX, blank=True)
    notes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verslag door"),
    )
    notes_at = models.DateTimeField(_("verslag op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geannuleerd door"),
    )
    # iCalendar SEQUENCE: raised on every change of time, place or status.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["student", "date"], name="conversation_student_date"),
            models.Index(fields=["status", "starts_at"], name="conversation_status_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="conversation_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "held", "cancelled"]),
                name="conversation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} – {self.date:%d-%m-%Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def kind_label(self) -> str:
        """Driegesprek with three people, viergesprek with four, else 'gesprek'."""
        count = len(self.participants.all())
        if count == 3:
            return str(_("Driegesprek"))
        if count == 4:
            return str(_("Viergesprek"))
        return str(_("Gesprek"))


class Participant(models.Model):
    """A person taking part, in the capacity they were invited as."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conversation_participations",
        verbose_name=_("deelnemer"),
    )
    role = models.CharField(_("als"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["conversation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="participant_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class AgreementQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def past_due(self, on: datetime.date | None = None):
        return self.open().filter(due_date__lt=on or timezone.localdate())


class Agreement(models.Model):
    """An agreement made in a conversation: what, who (a participant), by when."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="agreements"
    )
    text = models.CharField(_("afspraak"), max_length=AGREEMENT_MAX)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="conversation_agreements",
        verbose_name=_("wie"),
    )
    due_date = models.DateField(_("uiterlijk op"))
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgevinkt door"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["owner", "done_at"], name="agreement_owner_done")]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_past_due(self) -> bool:
        return not self.is_done and self.due_date < timezone.localdate()
