"""Personal API tokens: a person's key for scripts, sent as ``Authorization: Bearer``.

Only a SHA-256 hash of the token is stored; the token itself is shown once,
when it is made (``services.create_token``). The first characters
(``prefix``) are stored to tell tokens apart on "Mijn profiel".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NAME_MAX = 100


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Not revoked, of an active person."""
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("persoon"),
    )
    name = models.CharField(_("naam"), max_length=NAME_MAX)
    # SHA-256 of the whole token, hex; the token has 256 bits of randomness, so a
    # plain hash (no salt, no slow hash) is enough and allows a direct lookup.
    hashed_token = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("begint met"), max_length=16)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
