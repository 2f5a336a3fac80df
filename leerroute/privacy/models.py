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
