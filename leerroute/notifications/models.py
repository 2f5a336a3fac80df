"""In-app notifications (meldingen) and each person's e-mail choice per kind.

A notification is a short Dutch line ("Sanne Verhoef heeft een leervraag
ingediend") with a link to its object. It never holds the content of a
learning question, feedback or review (PRIV-27): a title-level phrase only.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.people.models import User

from . import kinds

TEXT_MAX = 200
URL_MAX = 300
KEY_MAX = 150


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def newest_first(self):
        return self.order_by("-created_at", "-pk")


class Notification(models.Model):
    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("voor")
    )
    kind = models.CharField(_("soort"), max_length=40, choices=kinds.CHOICES)
    text = models.CharField(_("tekst"), max_length=TEXT_MAX)
    url = models.CharField(_("link"), max_length=URL_MAX)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gemaild"), null=True, blank=True)
    # De-duplication: one notification per recipient and (non-empty) key.
    key = models.CharField(_("sleutel"), max_length=KEY_MAX, blank=True, default="")

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~Q(key=""),
                name="notification_unique_key",
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def kind_label(self):
        found = kinds.KINDS.get(self.kind)
        return found.label if found else self.kind


class NotificationPreference(models.Model):
    """A person's choice: e-mail for this kind, or not. No row: the kind's default."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("persoon"),
    )
    kind = models.CharField(_("soort"), max_length=40, choices=kinds.CHOICES)
    email = models.BooleanField(_("ook per e-mail"))

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self):
        return f"{self.kind}: {self.email}"
