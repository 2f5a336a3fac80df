"""The stable key of an imported person, and uploads waiting for confirmation."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PENDING_LIFETIME = datetime.timedelta(hours=1)


class PersonKey(models.Model):
    """A person's number in an organisation's own system: the student number at
    the school, the personnel number at a care organisation. Imports match
    people on (organisation, number); one number per person per organisation."""

    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    number = models.CharField(_("nummer"), max_length=50)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="person_keys",
        verbose_name=_("persoon"),
    )

    class Meta:
        verbose_name = _("nummer van een persoon")
        verbose_name_plural = _("nummers van personen")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="personkey_number"),
            models.UniqueConstraint(fields=["organisation", "user"], name="personkey_user"),
        ]

    def __str__(self) -> str:
        return self.number


class PendingUpload(models.Model):
    """An uploaded file between its dry run and the confirmed import (kept at most
    an hour, removed when imported). Only its uploader can confirm it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    content = models.BinaryField()
    options = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="pendingupload_created")]

    @classmethod
    def purge_expired(cls, now=None) -> int:
        """Remove the uploads past their hour (``purge_import_uploads``, and on
        the way in ``live``); returns how many."""
        now = now or timezone.now()
        removed, _by_model = cls.objects.filter(created_at__lt=now - PENDING_LIFETIME).delete()
        return removed

    @classmethod
    def live(cls):
        """Uploads not yet expired (older ones are removed on the way)."""
        cls.purge_expired()
        return cls.objects.all()
