"""A person's private calendar feed: a secret token, stored only as its hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """One feed per person. Revoking deletes the row; renewing replaces the hash."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("persoon"),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst opgehaald"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda-koppeling")
        verbose_name_plural = _("agenda-koppelingen")

    def __str__(self) -> str:
        return f"{self.user}"
