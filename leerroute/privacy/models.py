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
