"""The contact details a person chose to share ("Mijn profiel").

Only what is filled in here is ever shown to others, on "Bij wie kan ik
terecht?" (``contacts.py``); the account's own e-mail address is never shown.
An empty field means: not shared.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContactCard(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_card",
        verbose_name=_("persoon"),
    )
    work_email = models.EmailField(_("e-mailadres voor het werk"), max_length=254, blank=True)
    work_phone = models.CharField(_("telefoonnummer voor het werk"), max_length=30, blank=True)
    availability = models.CharField(_("bereikbaarheid"), max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("gedeelde contactgegevens")
        verbose_name_plural = _("gedeelde contactgegevens")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def phone_href(self) -> str:
        """The number for a ``tel:`` link: digits, with a leading + kept."""
        number = "".join(ch for ch in self.work_phone if ch.isdigit() or ch == "+")
        return number

    @property
    def is_empty(self) -> bool:
        return not (self.work_email or self.work_phone or self.availability)
