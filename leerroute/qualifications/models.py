"""Qualification files (kwalificatiedossiers): dossier → qualification →
core task → work process. Filled by ``import_kwalificatiedossier``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from leerroute.core.changes import Tracked


class QualificationLevel(models.Model):
    """An mbo level (niveau 1–4) with what it means."""

    number = models.PositiveSmallIntegerField(_("niveau"), primary_key=True)
    name = models.CharField(_("naam"), max_length=200)
    summary = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("niveau")
        verbose_name_plural = _("niveaus")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} – {self.name}"


class QualificationFile(models.Model):
    slug = models.SlugField(_("sleutel"), max_length=100, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    crebo = models.CharField(_("crebo dossier"), max_length=10, blank=True)
    version_label = models.CharField(_("versie"), max_length=50, blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    domain = models.CharField(_("domein"), max_length=200, blank=True)
    confidence = models.CharField(_("betrouwbaarheid bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kwalificatiedossier")
        verbose_name_plural = _("kwalificatiedossiers")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Qualification(Tracked):
    file = models.ForeignKey(
        QualificationFile,
        on_delete=models.CASCADE,
        related_name="qualifications",
        verbose_name=_("dossier"),
    )
    profile_code = models.CharField(_("profielcode"), max_length=10)
    title = models.CharField(_("titel"), max_length=200)
    level = models.ForeignKey(
        QualificationLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("niveau")
    )
    crebo = models.CharField(_("crebo"), max_length=10, blank=True, db_index=True)
    description = models.TextField(_("omschrijving"), blank=True)
    work_processes = models.ManyToManyField(
        "WorkProcess", related_name="qualifications", verbose_name=_("werkprocessen")
    )

    class Meta:
        verbose_name = _("kwalificatie")
        verbose_name_plural = _("kwalificaties")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["file", "profile_code"], name="qualification_profile")
        ]

    def __str__(self) -> str:
        return f"{self.title} (niveau {self.level_id})"


class CoreTask(models.Model):
    class Part(models.TextChoices):
        BASE = "basisdeel", _("basisdeel")
        PROFILE = "profieldeel", _("profieldeel")

    file = models.ForeignKey(
        QualificationFile,
        on_delete=models.CASCADE,
        related_name="core_tasks",
        verbose_name=_("dossier"),
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("titel"), max_length=300)
    part = models.CharField(_("deel"), max_length=12, choices=Part.choices)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("kerntaak")
        verbose_name_plural = _("kerntaken")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["file", "code"], name="coretask_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class WorkProcess(Tracked):
    core_task = models.ForeignKey(
        CoreTask,
        on_delete=models.CASCADE,
        related_name="work_processes",
        verbose_name=_("kerntaak"),
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("werkproces")
        verbose_name_plural = _("werkprocessen")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["core_task", "code"], name="workprocess_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
