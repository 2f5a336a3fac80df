"""Learning questions (leervragen): written by a student, reviewed by the mentor.

State changes go through ``services.py`` only; who sees what is decided in
``queries.py`` and ``rules.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core.versioning import Versioned
from leerroute.people.models import active_q

# Maximum lengths (characters) of the free-text fields; forms and services
# both enforce them.
QUESTION_MAX = 600
STEPS_MAX = 2000
SUPPORT_MAX = 1000
MENTOR_SUPPORT_MAX = 1000
REFLECTION_MAX = 4000
MESSAGE_MAX = 2000


class Status(models.TextChoices):
    DRAFT = "draft", _("concept")
    SUBMITTED = "submitted", _("ingediend")
    CLARIFICATION = "clarification", _("verduidelijking gevraagd")
    RESUBMITTED = "resubmitted", _("opnieuw ingediend")
    APPROVED = "approved", _("goedgekeurd")
    COMPLETED = "completed", _("afgerond")


# The lifecycle: action -> (allowed from, to).
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({Status.DRAFT}), Status.SUBMITTED),
    "ask_clarification": (
        frozenset({Status.SUBMITTED, Status.RESUBMITTED}),
        Status.CLARIFICATION,
    ),
    "resubmit": (frozenset({Status.CLARIFICATION}), Status.RESUBMITTED),
    "approve": (frozenset({Status.SUBMITTED, Status.RESUBMITTED}), Status.APPROVED),
    "complete": (frozenset({Status.APPROVED}), Status.COMPLETED),
}
# States in which the student may change the content.
EDITABLE = frozenset({Status.DRAFT, Status.CLARIFICATION})
# States that wait for the mentor.
WAITING_FOR_MENTOR = frozenset({Status.SUBMITTED, Status.RESUBMITTED})
# States that wait for the student.
WAITING_FOR_STUDENT = frozenset({Status.DRAFT, Status.CLARIFICATION, Status.APPROVED})


class LearningQuestionQuerySet(models.QuerySet):
    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def shared(self):
        """Everything except drafts: what the guides of the student may see."""
        return self.exclude(status=Status.DRAFT)

    def waiting_for_mentor(self):
        return self.filter(status__in=WAITING_FOR_MENTOR)

    def waiting_for_student(self):
        return self.filter(status__in=WAITING_FOR_STUDENT)

    def mentored_by(self, user):
        """Questions of a placement (in force today) on which ``user`` is a named mentor.

        Written as ``placement = ANY(the mentor's placements)``
        (``people.queries.mentored_placements_q``): the same rows as a join on
        the mentors, without the DISTINCT over every column that the join
        needed, and a condition PostgreSQL applies first (as ``IN (subquery)``
        it applied it after joining every question of the region to its
        student, placement and team)."""
        from leerroute.people.queries import mentored_placements_q

        return self.filter(
            active_q(prefix="placement__"), mentored_placements_q(user, "placement_id")
        )

    def with_people(self):
        return self.select_related(
            "student", "placement__team__department__organisation", "qualification"
        )


class LearningQuestion(Versioned):
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="learning_questions",
        verbose_name=_("student"),
    )
    placement = models.ForeignKey(
        "people.Placement",
        on_delete=models.PROTECT,
        related_name="learning_questions",
        verbose_name=_("BPV-plaats"),
    )
    qualification = models.ForeignKey(
        "qualifications.Qualification",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kwalificatie"),
    )
    question = models.TextField(_("leervraag"), max_length=QUESTION_MAX)
    work_processes = models.ManyToManyField(
        "qualifications.WorkProcess",
        related_name="learning_questions",
        blank=True,
        verbose_name=_("werkprocessen"),
    )
    steps = models.TextField(_("stappen"), max_length=STEPS_MAX, blank=True)
    support_requested = models.TextField(
        _("gevraagde ondersteuning"), max_length=SUPPORT_MAX, blank=True
    )
    mentor_support = models.TextField(
        _("ondersteuning van de werkbegeleider"), max_length=MENTOR_SUPPORT_MAX, blank=True
    )
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    reflection = models.TextField(_("reflectie"), max_length=REFLECTION_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    updated_at = models.DateTimeField(_("bijgewerkt"), default=timezone.now)

    objects = LearningQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("leervraag")
        verbose_name_plural = _("leervragen")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["student", "status"], name="lq_student_status"),
            models.Index(fields=["placement", "status"], name="lq_placement_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="learningquestion_status_valid"
            )
        ]

    def __str__(self) -> str:
        text = self.question if len(self.question) <= 60 else self.question[:57] + "…"
        return text

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def waits_for_mentor(self) -> bool:
        return self.status in WAITING_FOR_MENTOR

    @property
    def last_transition(self):
        """The latest history row (uses prefetched ``transitions`` when present)."""
        rows = list(self.transitions.all())
        return rows[-1] if rows else None


class Transition(models.Model):
    """One step in a question's lifecycle: from, to, by whom, when."""

    question = models.ForeignKey(
        LearningQuestion, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("naar"), max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '–'} → {self.to_status}"


class Message(models.Model):
    """The clarification thread: the mentor's questions and the student's answers."""

    question = models.ForeignKey(
        LearningQuestion, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    text = models.TextField(_("bericht"), max_length=MESSAGE_MAX)
    at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Review(models.Model):
    """The mentor's checklist, stored with each decision (approval or clarification)."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("goedgekeurd")
        CLARIFICATION = "clarification", _("verduidelijking gevraagd")

    question = models.ForeignKey(LearningQuestion, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("werkbegeleider"),
    )
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices)
    right_level = models.BooleanField(_("past bij het niveau van de kwalificatie"))
    linked_work_process = models.BooleanField(_("gekoppeld aan een werkproces"))
    concrete = models.BooleanField(_("duidelijk en concreet"))
    steps_lead_to_competence = models.BooleanField(_("de stappen leiden naar de competentie"))
    support_written = models.BooleanField(_("mijn eigen ondersteuning staat beschreven"))
    at = models.DateTimeField(_("op"), default=timezone.now)

    CHECKLIST = (
        "right_level",
        "linked_work_process",
        "concrete",
        "steps_lead_to_competence",
        "support_written",
    )

    class Meta:
        verbose_name = _("beoordeling van een leervraag")
        verbose_name_plural = _("beoordelingen van leervragen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.at:%Y-%m-%d})"

    def unmet(self) -> list[str]:
        """The labels of the checklist points that were not ticked."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.CHECKLIST
            if not getattr(self, name)
        ]
