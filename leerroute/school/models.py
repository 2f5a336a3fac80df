"""The weekly school update (weekupdate): what school covered in a cohort's week.

A teacher of the cohort writes it per ISO week: the topics, the linked work
processes of the cohort's qualification and what students can practise at
work. Draft → published; it can be changed until the week ends, and a change
after publishing keeps the earlier text in ``WeeklyUpdateVersion``.
``DigestSent`` records the weekly e-mail per person and week (sent once).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from leerroute.core.versioning import Versioned
from leerroute.people.models import Cohort, User
from leerroute.qualifications.models import WorkProcess

from .weeks import Week

TOPICS_MAX = 4000
PRACTICE_MAX = 2000


class Status(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("gepubliceerd")


class WeeklyUpdateQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def in_week(self, week: Week):
        return self.filter(year=week.year, week=week.week)

    def in_weeks(self, weeks: list[Week]):
        q = models.Q(pk__in=[])
        for week in weeks:
            q |= models.Q(year=week.year, week=week.week)
        return self.filter(q)


class WeeklyUpdate(Versioned):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="weekly_updates", verbose_name=_("klas")
    )
    year = models.PositiveSmallIntegerField(_("jaar (ISO)"))
    week = models.PositiveSmallIntegerField(_("week (ISO)"))
    topics = models.TextField(_("wat we op school behandelden"), max_length=TOPICS_MAX)
    practice = models.TextField(
        _("wat studenten deze week in de praktijk kunnen oefenen"),
        max_length=PRACTICE_MAX,
        blank=True,
    )
    work_processes = models.ManyToManyField(
        WorkProcess, related_name="weekly_updates", blank=True, verbose_name=_("werkprocessen")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    author = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("geschreven door")
    )
    created_at = models.DateTimeField(_("aangemaakt"))
    updated_at = models.DateTimeField(_("gewijzigd"))
    published_at = models.DateTimeField(_("gepubliceerd"), null=True, blank=True)

    objects = WeeklyUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("weekupdate")
        verbose_name_plural = _("weekupdates")
        ordering = ["-year", "-week", "cohort__name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "year", "week"], name="weekly_update_once"),
            models.CheckConstraint(
                condition=models.Q(week__gte=1, week__lte=53), name="weekly_update_week"
            ),
        ]
        indexes = [
            models.Index(fields=["cohort", "status", "year", "week"], name="weekly_update_cohort")
        ]

    def __str__(self):
        return f"{self.cohort.name} – {self.the_week.short}"

    @property
    def the_week(self) -> Week:
        return Week(self.year, self.week)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class WeeklyUpdateVersion(models.Model):
    """The text of a published update before a change."""

    update = models.ForeignKey(
        WeeklyUpdate,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("weekupdate"),
    )
    version = models.PositiveIntegerField(_("versie"))
    topics = models.TextField(_("onderwerpen"))
    practice = models.TextField(_("oefenen in de praktijk"), blank=True)
    work_process_codes = models.JSONField(_("werkprocessen"), default=list)
    valid_from = models.DateTimeField(_("geldig vanaf"))
    replaced_at = models.DateTimeField(_("vervangen op"))
    replaced_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("vervangen door")
    )

    class Meta:
        verbose_name = _("eerdere versie van een weekupdate")
        verbose_name_plural = _("eerdere versies van weekupdates")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["update", "version"], name="weekly_update_version")
        ]


class DigestSent(models.Model):
    """The weekly e-mail with the updates went to this person for this ISO week."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("persoon")
    )
    year = models.PositiveSmallIntegerField(_("jaar (ISO)"))
    week = models.PositiveSmallIntegerField(_("week (ISO)"))
    sent_at = models.DateTimeField(_("verstuurd"))
    update_count = models.PositiveSmallIntegerField(_("aantal weekupdates"))

    class Meta:
        verbose_name = _("verstuurde weekmail")
        verbose_name_plural = _("verstuurde weekmails")
        ordering = ["-year", "-week", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "year", "week"], name="digest_once_a_week")
        ]

    def __str__(self):
        return f"{self.user} – {self.year}-W{self.week:02d}"
