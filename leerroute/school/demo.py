"""Demo data: published weekly updates for the last six weeks for docent1's two
cohorts (VIG-3A, VIG-3B) and docent2's VP-4A, and a draft for next week.

The work processes are suggested from the text by the same check the
teachers use (``services.suggest_work_processes``). This week's update of
VIG-3A is about insulin and wound care, so it meets student1's open learning
question on B1-K1-W4 (a practice suggestion beside Sanne Verhoef).
Idempotent: one update per cohort and week.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from leerroute.people.models import Cohort

from . import services
from .models import Status, WeeklyUpdate
from .weeks import Week

ORDER = 60

# (topics, practice), newest week first; the same six weeks for each cohort.
TEXTS = {
    "VIG-3A": [
        (
            "Insuline toedienen bij diabetes: de insulinepen, injectieplaatsen en het protocol. "
            "Wondzorg: een wond beoordelen en verbinden.",
            "Kijk mee bij het toedienen van insuline en bespreek het protocol van de afdeling.",
        ),
        (
            "Overdracht en rapporteren in het zorgdossier volgens SOAP.",
            "Laat de student een deel van de mondelinge overdracht doen.",
        ),
        (
            "Valrisico signaleren en de valrisicoscore invullen; valpreventie.",
            "Vul samen met de student een valrisicoscore in.",
        ),
        (
            "Tillen en transfers met de tillift volgens het tilprotocol.",
            "Oefen een transfer met de tillift onder begeleiding.",
        ),
        (
            "Communicatie met bewoners met dementie en hun familie.",
            "Laat de student meeluisteren bij een familiegesprek.",
        ),
        (
            "Persoonlijke verzorging: wassen, aankleden en de huid observeren.",
            "Laat de student bij de ochtendzorg vertellen wat hij of zij observeert.",
        ),
    ],
    "VIG-3B": [
        (
            "Medicatie klaarzetten en aftekenen; dubbele controle bij risicovolle medicatie.",
            "Laat de student medicatie klaarzetten met dubbele controle.",
        ),
        (
            "Het zorgplan opstellen en evalueren met de zorgvrager.",
            "Bespreek een zorgplan samen met de student.",
        ),
        (
            "Wondzorg: decubitus voorkomen en wisselligging.",
            "Laat de student de huid observeren en wisselligging plannen.",
        ),
        (
            "Voeding en vocht: signaleren van ondervoeding.",
            "Laat de student een vochtlijst bijhouden.",
        ),
        (
            "Samenwerken met andere disciplines: fysiotherapeut en huisarts.",
            "Laat de student een vraag aan de fysiotherapeut voorbereiden.",
        ),
        (
            "Hygiëne en infectiepreventie: handhygiëne en isolatie.",
            "Loop samen de isolatieregels van de afdeling door.",
        ),
    ],
    "VP-4A": [
        (
            "Verpleegtechnische handelingen: infuus aansluiten en een katheter inbrengen.",
            "Kijk mee bij het aansluiten van een infuus.",
        ),
        (
            "Klinisch redeneren: vitale functies meten en de EWS-score.",
            "Laat de student de vitale functies meten en de EWS-score bepalen.",
        ),
        (
            "Regie over de zorg: de zorg coördineren en taken verdelen in de dienst.",
            "Laat de student een deel van de dienst plannen.",
        ),
        (
            "Palliatieve zorg en gesprekken over de laatste levensfase.",
            "Bespreek met de student hoe jullie afdeling palliatieve zorg geeft.",
        ),
        (
            "Pijn meten en pijnbestrijding evalueren.",
            "Laat de student een pijnscore afnemen en rapporteren.",
        ),
        (
            "Kwaliteitszorg: incidenten melden en bespreken.",
            "Bespreek een recente melding met de student.",
        ),
    ],
}
DRAFT = (
    "VIG-3A",
    "Rapporteren over de zorgvrager en signaleren van veranderingen.",
    "Laat de student een rapportage schrijven en bespreek die.",
)


def _make(cohort, week: Week, topics, practice, status):
    teacher = cohort.teachers.order_by("username").first()
    if teacher is None:
        return
    moment = timezone.make_aware(
        datetime.datetime.combine(week.monday + datetime.timedelta(days=1), datetime.time(16))
    )
    update, created = WeeklyUpdate.objects.get_or_create(
        cohort=cohort,
        year=week.year,
        week=week.week,
        defaults={
            "topics": topics,
            "practice": practice,
            "status": status,
            "author": teacher,
            "created_at": moment,
            "updated_at": moment,
            "published_at": moment if status == Status.PUBLISHED else None,
        },
    )
    if created:
        suggested = services.suggest_work_processes(cohort, f"{topics}\n{practice}")
        update.work_processes.set(suggested[:2])
        if status == Status.PUBLISHED and week == Week.current():
            # This week's publication tells the students and their guides, as in the app.
            services.notify_published(update, teacher)


def seed(ctx: dict) -> None:
    now = Week.current()
    cohorts = {c.name: c for c in Cohort.objects.filter(name__in=[*TEXTS, DRAFT[0]])}
    for name, texts in TEXTS.items():
        cohort = cohorts.get(name)
        if cohort is None:
            continue
        for weeks_ago, (topics, practice) in enumerate(texts):
            _make(cohort, now.plus(-weeks_ago), topics, practice, Status.PUBLISHED)
    if DRAFT[0] in cohorts:
        _make(cohorts[DRAFT[0]], now.plus(1), DRAFT[1], DRAFT[2], Status.DRAFT)
    ctx.setdefault("summary", []).append(
        "Weekupdates: zes weken voor VIG-3A, VIG-3B en VP-4A, en een concept voor volgende week."
    )
