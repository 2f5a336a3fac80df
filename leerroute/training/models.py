"""Training programmes, sessions, attendance, materials, work forms and the cascade.

A ``Programme`` is one run of a course: a train-the-trainer programme (kind
PROGRAMME, e.g. "Waarde-vol Werkbegeleiden") or a team training of the
cascade (kind TEAM, planned by a practice educator for one team). Who may
see or manage which rows is decided in ``queries.py``; the readiness of an
employee as mentor is derived from these records in ``cascade.py``.
Records people edit in a form carry a ``version`` (``core.versioning``): a
stale save is refused.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core.changes import Tracked
from leerroute.core.versioning import Versioned
from leerroute.people.models import Organisation, Role, Team

HTTP_URL = URLValidator(schemes=["http", "https"])


class Topic(models.Model):
    """A tag for materials (e.g. "feedback", "hybride leren")."""

    name = models.CharField(_("naam"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def material_upload_to(instance, filename: str) -> str:
    """A generated storage name; the uploader's file name is kept apart."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"training/materials/{uuid.uuid4().hex}{suffix}"


class Material(Versioned):
    class Kind(models.TextChoices):
        SLIDES = "slides", _("presentatie")
        DOCUMENT = "document", _("document")
        VIDEO = "video", _("video")
        LINK = "link", _("link")

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("bestand"), upload_to=material_upload_to, blank=True)
    original_name = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=200, blank=True)
    content_type = models.CharField(_("bestandstype"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("grootte in bytes"), default=0)
    url = models.URLField(_("link"), max_length=500, blank=True, validators=[HTTP_URL])
    # Captions of an uploaded video (WebVTT), played as <track kind="captions">.
    captions = models.FileField(
        _("ondertiteling (WebVTT)"), upload_to=material_upload_to, blank=True
    )
    topics = models.ManyToManyField(
        Topic, related_name="materials", blank=True, verbose_name=_("onderwerpen")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )
    created_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("materiaal")
        verbose_name_plural = _("materialen")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="link") & ~Q(url="") & Q(file=""))
                | (~Q(kind="link") & ~Q(file="") & Q(url="")),
                name="material_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_link(self) -> bool:
        return self.kind == self.Kind.LINK

    @property
    def plays_in_page(self) -> bool:
        """An uploaded video the browser's own player can show (MP4 or WebM)."""
        return (
            self.kind == self.Kind.VIDEO
            and bool(self.file)
            and self.content_type
            in (
                "video/mp4",
                "video/webm",
            )
        )


class WorkForm(Versioned):
    """A work form (werkvorm): a feedback tool, intervision method, ..."""

    class Kind(models.TextChoices):
        FEEDBACK = "feedback", _("feedbackinstrument")
        INTERVISION = "intervision", _("intervisiemethode")
        CONVERSATION = "conversation", _("gesprekstechniek")
        REFLECTION = "reflection", _("reflectiemethode")
        OTHER = "other", _("overige werkvorm")

    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    title = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    purpose = models.TextField(_("doel"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur in minuten"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    materials = models.ManyToManyField(
        Material, related_name="work_forms", blank=True, verbose_name=_("materialen")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )

    class Meta:
        verbose_name = _("werkvorm")
        verbose_name_plural = _("werkvormen")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title


class WorkFormStep(models.Model):
    work_form = models.ForeignKey(WorkForm, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("stap"), max_length=200)
    description = models.TextField(_("uitleg"), blank=True)

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["work_form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["work_form", "position"], name="workformstep_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class ProgrammeQuerySet(models.QuerySet):
    def team_trainings(self):
        return self.filter(kind=Programme.Kind.TEAM)

    def with_session_counts(self):
        return self.annotate(
            session_count=Count("sessions", distinct=True),
            registered_count=Count(
                "sessions",
                filter=Q(sessions__attendance_registered_at__isnull=False),
                distinct=True,
            ),
        )

    def completed(self):
        """Every session held and its attendance registered (needs ``with_session_counts``)."""
        return self.filter(session_count__gt=0, registered_count=models.F("session_count"))

    def not_completed(self):
        return self.exclude(session_count__gt=0, registered_count=models.F("session_count"))


class Programme(Tracked, Versioned):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("trainingsprogramma")
        TEAM = "team", _("teamtraining")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.PROGRAMME)
    title = models.CharField(_("titel"), max_length=200)
    goal = models.TextField(_("doel"))
    audience = models.CharField(_("doelgroep"), max_length=300)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="training_programmes",
        verbose_name=_("organiserende organisatie"),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="trained_programmes",
        blank=True,
        verbose_name=_("trainer(s)"),
    )
    invited_organisations = models.ManyToManyField(
        Organisation,
        related_name="+",
        blank=True,
        verbose_name=_("uitgenodigde organisaties"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="team_trainings",
        verbose_name=_("team"),
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebaseerd op"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("trainingsprogramma")
        verbose_name_plural = _("trainingsprogramma's")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="team", team__isnull=False)
                | Q(kind="programme", team__isnull=True),
                name="programme_team_iff_team_training",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_team_training(self) -> bool:
        return self.kind == self.Kind.TEAM


class Session(Tracked, Versioned):
    """A meeting (bijeenkomst) of a programme."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("trainingsprogramma"),
    )
    topic = models.CharField(_("onderwerp"), max_length=200)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    online_url = models.URLField(
        _("online link"), max_length=500, blank=True, validators=[HTTP_URL]
    )
    materials = models.ManyToManyField(
        Material, related_name="sessions", blank=True, verbose_name=_("materialen")
    )
    attendance_registered_at = models.DateTimeField(
        _("aanwezigheid vastgelegd op"), null=True, blank=True
    )
    attendance_registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aanwezigheid vastgelegd door"),
    )

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="session_starts_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""), name="session_place_or_link"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.topic}"

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class Enrolment(Tracked):
    """A person invited to, or taking part in, a programme."""

    class Status(models.TextChoices):
        INVITED = "invited", _("uitgenodigd")
        ENROLLED = "enrolled", _("ingeschreven")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("trainingsprogramma"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_enrolments",
        verbose_name=_("persoon"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    invited_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    enrolled_at = models.DateTimeField(_("ingeschreven op"), null=True, blank=True)
    invited_as = models.CharField(_("uitgenodigd als"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["programme", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="enrolment_unique"),
            models.CheckConstraint(
                condition=Q(status="invited") | Q(enrolled_at__isnull=False),
                name="enrolment_enrolled_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.programme}"


class AttendanceRecord(models.Model):
    """Whether a person was at a meeting: training sessions, intervision meetings."""

    class Status(models.TextChoices):
        PRESENT = "present", _("aanwezig")
        ABSENT = "absent", _("afwezig")
        EXCUSED = "excused", _("afgemeld")

    status = models.CharField(_("aanwezigheid"), max_length=10, choices=Status.choices)

    class Meta:
        abstract = True


class Attendance(Tracked, AttendanceRecord):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("bijeenkomst")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_attendances",
        verbose_name=_("persoon"),
    )

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.session}: {self.get_status_display()}"


class ReminderSent(models.Model):
    """One reminder e-mail per participant per session (makes the task idempotent)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("bijeenkomst")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("persoon"),
    )
    sent_at = models.DateTimeField(_("verstuurd"), default=timezone.now)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="reminder_once"),
        ]
