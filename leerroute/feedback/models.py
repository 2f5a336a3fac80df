"""OEPS feedback on the work floor and progress reviews by the assessor.

Who may see or do what is decided in ``queries.py`` and ``rules.py``; state
changes go through ``services.py``. Every edit keeps the earlier version
(``FeedbackVersion``, ``ReviewVersion``).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core.versioning import Versioned
from leerroute.people.models import Placement, User
from leerroute.qualifications.models import Qualification, WorkProcess

# Feedback older than this many days no longer counts as "recent": students
# without feedback in this window are flagged on the overviews.
RECENT_FEEDBACK_DAYS = 14

OEPS_MAX_LENGTH = 2000
RESPONSE_MAX_LENGTH = 1000


class ProgressLevel(models.TextChoices):
    """The one fixed scale of progress reviews. Its order is the order of growth."""

    NOT_YET_SEEN = "not_yet_seen", _("nog niet gezien")
    DEVELOPING = "developing", _("in ontwikkeling")
    AT_LEVEL = "at_level", _("op niveau")
    ABOVE_LEVEL = "above_level", _("boven niveau")

    @property
    def meaning(self) -> str:
        return LEVEL_MEANINGS[self]

    @property
    def symbol(self) -> str:
        """A text mark shown next to the colour, so colour is never the only signal."""
        return LEVEL_SYMBOLS[self]

    @classmethod
    def scale(cls) -> list[ProgressLevel]:
        return list(cls)


LEVEL_MEANINGS = {
    ProgressLevel.NOT_YET_SEEN: _(
        "De studentbegeleider heeft dit werkproces nog niet (genoeg) in de praktijk kunnen zien."
    ),
    ProgressLevel.DEVELOPING: _(
        "De student voert dit werkproces uit met hulp of sturing; het niveau van de "
        "kwalificatie is nog niet bereikt."
    ),
    ProgressLevel.AT_LEVEL: _(
        "De student voert dit werkproces zelfstandig uit op het niveau dat de kwalificatie vraagt."
    ),
    ProgressLevel.ABOVE_LEVEL: _(
        "De student doet meer dan de kwalificatie vraagt, ook in complexe of onverwachte situaties."
    ),
}
LEVEL_SYMBOLS = {
    ProgressLevel.NOT_YET_SEEN: "○",
    ProgressLevel.DEVELOPING: "◔",
    ProgressLevel.AT_LEVEL: "●",
    ProgressLevel.ABOVE_LEVEL: "★",
}


def recent_since(days: int = RECENT_FEEDBACK_DAYS) -> datetime.datetime:
    """The start of "the last ``days`` days": local midnight ``days`` days ago.

    Whole calendar days, so a list of students without recent feedback is the
    same all day long (and its query the same: see ``access.compiled_rows``)."""
    first_day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))


class FeedbackQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def recent(self, days: int = RECENT_FEEDBACK_DAYS):
        return self.filter(created_at__gte=recent_since(days))

    def with_links(self):
        """Author, student, team and work process loaded (no per-row queries)."""
        return self.select_related(
            "author", "student", "work_process", "learning_question", "placement__team"
        )


class Feedback(Versioned):
    """OEPS feedback from someone who observed the student at work."""

    student = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="feedback_received",
        verbose_name=_("student"),
    )
    author = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="feedback_given",
        verbose_name=_("gegeven door"),
    )
    placement = models.ForeignKey(
        Placement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("BPV-plaats"),
    )
    work_process = models.ForeignKey(
        WorkProcess,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("werkproces"),
    )
    learning_question = models.ForeignKey(
        "learning.LearningQuestion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("leervraag"),
    )
    observe = models.TextField(_("Observeren"), max_length=OEPS_MAX_LENGTH)
    effect = models.TextField(_("Effect"), max_length=OEPS_MAX_LENGTH)
    pause = models.TextField(_("Pauzeren"), max_length=OEPS_MAX_LENGTH)
    suggestions = models.TextField(_("Suggesties"), max_length=OEPS_MAX_LENGTH)
    client_wellbeing = models.BooleanField(_("welzijn van de cliënt in het geding"), default=False)
    student_response = models.TextField(
        _("reactie van de student"), max_length=RESPONSE_MAX_LENGTH, blank=True
    )
    responded_at = models.DateTimeField(_("gereageerd op"), null=True, blank=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    created_at = models.DateTimeField(_("gegeven op"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["student", "created_at"], name="feedback_student_created")]

    def __str__(self) -> str:
        when = timezone.localtime(self.created_at).strftime("%d-%m-%Y")
        return f"{when} – {self.author or '?'}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class SupersededVersion(models.Model):
    """An earlier version of an edited record: when it was valid, and who replaced it."""

    valid_from = models.DateTimeField(_("geldig vanaf"))
    replaced_at = models.DateTimeField(_("vervangen op"), default=timezone.now)
    replaced_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vervangen door"),
    )

    class Meta:
        abstract = True


class FeedbackVersion(SupersededVersion):
    """An earlier version of a feedback item, kept when it was changed."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="versions", verbose_name=_("feedback")
    )
    version = models.PositiveIntegerField(_("versie"))
    observe = models.TextField(_("Observeren"))
    effect = models.TextField(_("Effect"))
    pause = models.TextField(_("Pauzeren"))
    suggestions = models.TextField(_("Suggesties"))
    work_process = models.ForeignKey(
        WorkProcess,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("werkproces"),
    )
    learning_question = models.ForeignKey(
        "learning.LearningQuestion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leervraag"),
    )
    client_wellbeing = models.BooleanField(_("welzijn van de cliënt in het geding"))
    student_response = models.TextField(_("reactie van de student"), blank=True)

    class Meta:
        verbose_name = _("eerdere versie van feedback")
        verbose_name_plural = _("eerdere versies van feedback")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["feedback", "version"], name="feedbackversion_unique")
        ]


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("gepubliceerd")


class ProgressReviewQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReviewStatus.PUBLISHED)

    def drafts(self):
        return self.filter(status=ReviewStatus.DRAFT)


class ProgressReview(Versioned):
    """A dated snapshot of a student's progress per work process, by the assessor."""

    student = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="progress_reviews", verbose_name=_("student")
    )
    qualification = models.ForeignKey(
        Qualification, on_delete=models.PROTECT, related_name="+", verbose_name=_("kwalificatie")
    )
    placement = models.ForeignKey(
        Placement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_reviews",
        verbose_name=_("BPV-plaats"),
    )
    author = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="progress_reviews_written",
        verbose_name=_("beoordeeld door"),
    )
    review_date = models.DateField(_("datum van de beoordeling"))
    summary = models.TextField(_("onderbouwing"), max_length=4000)
    cited_feedback = models.ManyToManyField(
        Feedback, related_name="citing_reviews", blank=True, verbose_name=_("aangehaalde feedback")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ProgressReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("voortgangsbeoordeling")
        verbose_name_plural = _("voortgangsbeoordelingen")
        ordering = ["-review_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["student", "review_date"], name="review_one_per_date")
        ]
        indexes = [
            # The few drafts, found without reading every published review.
            models.Index(
                fields=["student", "review_date"],
                condition=models.Q(status="draft"),
                name="review_drafts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} – {self.review_date:%d-%m-%Y}"

    @property
    def is_published(self) -> bool:
        return self.status == ReviewStatus.PUBLISHED


class ReviewEntry(models.Model):
    """The level of one work process in a progress review."""

    review = models.ForeignKey(
        ProgressReview, on_delete=models.CASCADE, related_name="entries", verbose_name=_("review")
    )
    work_process = models.ForeignKey(
        WorkProcess, on_delete=models.PROTECT, related_name="+", verbose_name=_("werkproces")
    )
    level = models.CharField(
        _("niveau"),
        max_length=20,
        choices=ProgressLevel.choices,
        default=ProgressLevel.NOT_YET_SEEN,
    )
    note = models.TextField(_("toelichting"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("beoordeling per werkproces")
        verbose_name_plural = _("beoordelingen per werkproces")
        ordering = ["work_process__code"]
        constraints = [
            models.UniqueConstraint(fields=["review", "work_process"], name="reviewentry_unique")
        ]

    @property
    def progress_level(self) -> ProgressLevel:
        return ProgressLevel(self.level)


class ReviewVersion(SupersededVersion):
    """An earlier version of a progress review (summary, levels, cited feedback)."""

    review = models.ForeignKey(
        ProgressReview, on_delete=models.CASCADE, related_name="versions", verbose_name=_("review")
    )
    version = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("inhoud"))

    class Meta:
        verbose_name = _("eerdere versie van een voortgangsbeoordeling")
        verbose_name_plural = _("eerdere versies van voortgangsbeoordelingen")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["review", "version"], name="reviewversion_unique")
        ]
