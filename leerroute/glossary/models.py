"""The glossary (begrippenkader): the shared terms of the route and their meaning.

A ``Term`` keeps its ``slug`` (its link) when its name changes; a changed slug
leaves a ``TermAlias`` behind so old links keep working (a redirect). Every
saved version of a term is kept in ``TermVersion`` (who saved it, and when).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core.versioning import Versioned
from leerroute.people.models import Role

# The roles a term can matter to (everyone but the beheerder's own role).
TERM_ROLES = [(code, label) for code, label in Role.choices if code != Role.ADMIN]


# The table the glossary index of the help texts is built from (core/versions.py):
# a write to it makes the shared index unreachable.
DATA_TOPIC = "glossary"


def register_data_topic() -> None:
    from leerroute.core import versions

    versions.register(DATA_TOPIC, [versions.Watched("glossary.Term")])


def split_list(text: str) -> list[str]:
    """A comma-separated field as a list of non-empty, trimmed items."""
    return [item.strip() for item in re.split(r"[,;\n]", text or "") if item.strip()]


class Term(Versioned):
    name = models.CharField(_("begrip"), max_length=100)
    slug = models.SlugField(
        _("link"),
        max_length=100,
        unique=True,
        help_text=_(
            "Het laatste deel van de link naar dit begrip. Verandert niet als de naam verandert."
        ),
    )
    definition = models.TextField(_("betekenis"))
    synonyms = models.CharField(
        _("synoniemen"),
        max_length=300,
        blank=True,
        help_text=_("Andere woorden met dezelfde betekenis, gescheiden door komma's."),
    )
    forms = models.CharField(
        _("andere vormen"),
        max_length=300,
        blank=True,
        help_text=_(
            "Meervoud en andere schrijfwijzen (bijv. leervragen), gescheiden door komma's. "
            "Daarmee herkent Leerroute het begrip in hulpteksten en bij zoeken."
        ),
    )
    example = models.TextField(_("voorbeeld uit de praktijk"), blank=True)
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("verwante begrippen")
    )
    roles = models.JSONField(_("belangrijk voor"), default=list, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippen")
        ordering = [Lower("name")]
        constraints = [models.UniqueConstraint(Lower("name"), name="term_unique_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("glossary:detail", kwargs={"slug": self.slug})

    @property
    def synonym_list(self) -> list[str]:
        return split_list(self.synonyms)

    @property
    def form_list(self) -> list[str]:
        return split_list(self.forms)

    def role_labels(self) -> list[str]:
        labels = dict(TERM_ROLES)
        return [str(labels[code]) for code in self.roles if code in labels]


class TermAlias(models.Model):
    """An earlier slug of a term: its old link redirects to the term."""

    slug = models.SlugField(_("eerdere link"), max_length=100, unique=True)
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name = _("eerdere link van een begrip")
        verbose_name_plural = _("eerdere links van begrippen")

    def __str__(self) -> str:
        return self.slug


class TermVersion(models.Model):
    """One saved version of a term (the current one included): what, who and when."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("versie"))
    name = models.CharField(_("begrip"), max_length=100)
    slug = models.SlugField(_("link"), max_length=100)
    definition = models.TextField(_("betekenis"))
    synonyms = models.CharField(_("synoniemen"), max_length=300, blank=True)
    forms = models.CharField(_("andere vormen"), max_length=300, blank=True)
    example = models.TextField(_("voorbeeld uit de praktijk"), blank=True)
    related = models.TextField(_("verwante begrippen"), blank=True)
    roles = models.JSONField(_("belangrijk voor"), default=list, blank=True)
    saved_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgeslagen door"),
    )

    class Meta:
        verbose_name = _("versie van een begrip")
        verbose_name_plural = _("versies van begrippen")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["term", "version"], name="termversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def role_labels(self) -> list[str]:
        labels = dict(TERM_ROLES)
        return [str(labels[code]) for code in self.roles if code in labels]
