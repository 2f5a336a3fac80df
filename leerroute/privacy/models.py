from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeAcknowledgement(models.Model):
    """A person has read the privacy notice of this version (shown once at first sign-in)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="privacy_acknowledgements",
        verbose_name=_("persoon"),
    )
    version = models.PositiveSmallIntegerField(_("versie"))
    at = models.DateTimeField(_("gelezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gelezen privacyverklaring")
        verbose_name_plural = _("gelezen privacyverklaringen")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="privacy_ack_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} v{self.version}"


class Archive(models.Model):
    """One category of a student's data whose retention period has passed.

    The nightly retention job archives it (this row), and purges the data after
    the delay in ``RETENTION_PURGE_DELAY_DAYS``, unless the student came back
    into the route in between (then the row is removed and nothing is purged).
    """

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("student"),
    )
    category = models.CharField(_("categorie"), max_length=20)
    archived_at = models.DateTimeField(_("gearchiveerd op"))
    purge_after = models.DateTimeField(_("verwijderen na"), db_index=True)
    purged_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("gearchiveerde gegevens")
        verbose_name_plural = _("gearchiveerde gegevens")
        constraints = [
            models.UniqueConstraint(fields=["student", "category"], name="archive_once"),
        ]

    def __str__(self) -> str:
        return f"{self.category} ({self.archived_at:%Y-%m-%d})"


class ErasureLog(models.Model):
    """An erased student: who erased, when, and how many rows; never who it was."""

    at = models.DateTimeField(_("op"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    counts = models.JSONField(_("aantallen"), default=dict)

    class Meta:
        verbose_name = _("verwijderde student")
        verbose_name_plural = _("verwijderde studenten")
        ordering = ["-at"]


class RedactionLog(models.Model):
    """A passage identifying a client was removed: who, when, which object. Never the text."""

    at = models.DateTimeField(_("op"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    object_type = models.CharField(_("soort"), max_length=30)
    object_id = models.PositiveBigIntegerField(_("nummer"))
    occurrences = models.PositiveIntegerField(_("aantal plaatsen"))

    class Meta:
        verbose_name = _("verwijderde cliëntgegevens")
        verbose_name_plural = _("verwijderde cliëntgegevens")
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="redaction_object")]


class CorrectionRequest(models.Model):
    """A student asks for the correction of a factual error in feedback or a review.

    The author or the assessor handles it: they change the text through the
    normal edit (which keeps the earlier version and who replaced it), and close
    the request with their reason. The request, with its reason, stays.
    """

    class Kind(models.TextChoices):
        FEEDBACK = "feedback", _("feedback")
        REVIEW = "beoordeling", _("voortgangsbeoordeling")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CORRECTED = "corrected", _("verbeterd")
        DECLINED = "declined", _("niet aangepast")

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="correction_requests",
        verbose_name=_("student"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("nummer"))
    description = models.TextField(_("wat klopt er niet"), max_length=2000)
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    reason = models.TextField(_("reden"), max_length=2000, blank=True)
    version_after = models.PositiveIntegerField(_("versie na afhandeling"), null=True, blank=True)

    class Meta:
        verbose_name = _("correctieverzoek")
        verbose_name_plural = _("correctieverzoeken")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "object_id"], name="correction_object"),
            models.Index(fields=["status", "created_at"], name="correction_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"
