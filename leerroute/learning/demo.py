"""Demo data: learning questions in every state, good ones and weak ones.

Written through ``services.py`` (so the history is real), then dated back a
little so the history reads naturally. Idempotent: a question that exists
(same student, same text) is left alone. Versions follow from the path:
draft 1, submitted 2, approved 3, completed 4; clarification 3,
resubmitted 4.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from leerroute.people.queries import current_placement

from . import services
from .models import LearningQuestion, Transition

ORDER = 30

ALL_GOOD = services.Checklist(True, True, True, True, True)

# username -> list of (question, [work-process codes], steps, support, days until
# target date or None, path). A path step is ("submit",), ("ask", message,
# unmet checklist fields), ("resubmit", answer), ("approve", mentor support) or
# ("complete", reflection).
QUESTIONS = {
    "student1": [
        (
            "Ik wil beter worden in communicatie met bewoners.",
            [],
            "",
            "",
            None,
            [],
        ),
        (
            "Ik wil leren hoe ik zelfstandig en volgens protocol insuline injecteer bij "
            "bewoners met diabetes, zodat ik het vóór het einde van deze periode drie keer "
            "zonder hulp heb gedaan.",
            ["B1-K1-W4"],
            "1. Ik lees het protocol insuline toedienen en bekijk de instructievideo.\n"
            "2. Ik kijk twee keer mee bij mijn werkbegeleider.\n"
            "3. Ik dien insuline toe onder toezicht.\n"
            "4. Ik doe het drie keer zelfstandig en laat het aftekenen.",
            "Voordoen, meekijken bij de eerste keren en na afloop feedback geven.",
            30,
            [("submit",)],
        ),
        (
            "Ik wil leren de zorg op de afdeling te coördineren en de taken te verdelen.",
            [],
            "Ik ga de planning maken.",
            "",
            40,
            [("submit",)],
        ),
        (
            "Ik wil leren hoe ik een overdracht geef.",
            ["B1-K2-W2"],
            "Meedoen met de overdracht.",
            "Feedback.",
            21,
            [
                ("submit",),
                (
                    "ask",
                    "Wat wil je precies leren aan de overdracht: de mondelinge overdracht aan "
                    "de avonddienst, of rapporteren in het ECD? En hoe zie ik dat het gelukt is?",
                    ("concrete", "steps_lead_to_competence", "support_written"),
                ),
            ],
        ),
        (
            "Ik wil leren hoe ik familie van bewoners met dementie betrek bij de zorg, door "
            "binnen vier weken twee familiegesprekken voor te bereiden en mee te voeren.",
            ["B1-K2-W1"],
            "1. Ik lees het zorgplan en de afspraken met de familie.\n"
            "2. Ik bereid met mijn werkbegeleider een gesprek voor.\n"
            "3. Ik voer twee gesprekken mee en schrijf de afspraken in het dossier.",
            "Samen een gesprek voorbereiden en na afloop nabespreken.",
            28,
            [
                ("submit",),
                (
                    "ask",
                    "Mooi onderwerp. Wat is jouw rol in het gesprek: luister je mee of voer "
                    "je zelf een deel van het gesprek?",
                    ("concrete",),
                ),
                (
                    "resubmit",
                    "Bij het eerste gesprek luister ik mee, bij het tweede voer ik zelf het "
                    "deel over de dagelijkse zorg.",
                ),
            ],
        ),
        (
            "Ik wil leren hoe ik bij een bewoner met een verhoogd valrisico de risico's in "
            "kaart breng met de valrisicoscore, en dat binnen drie weken twee keer zelfstandig "
            "doe.",
            ["B1-K1-W1"],
            "1. Ik lees de valpreventierichtlijn.\n"
            "2. Ik vul samen met mijn werkbegeleider één score in.\n"
            "3. Ik doe twee scores zelfstandig en bespreek ze in het teamoverleg.",
            "Meekijken bij de eerste score en mijn rapportage nalezen.",
            21,
            [
                ("submit",),
                (
                    "approve",
                    "Ik doe de eerste score met je samen, lees je rapportage na en plan het "
                    "teamoverleg in.",
                ),
            ],
        ),
        (
            "Ik wil leren tillen met de tillift volgens het tilprotocol, zodat ik binnen twee "
            "weken elke transfer zonder rugklachten en zonder hulp kan doen.",
            ["B1-K3-W3"],
            "1. Ik volg de instructie van de ergocoach.\n"
            "2. Ik oefen drie transfers onder begeleiding.\n"
            "3. Ik doe de transfers zelfstandig.",
            "Voordoen en meekijken bij de eerste transfers.",
            14,
            [
                ("submit",),
                ("approve", "Ik doe de eerste transfers voor en kijk twee keer mee."),
                (
                    "complete",
                    "Ik heb de instructie gevolgd en vijf transfers gedaan, de laatste drie "
                    "zelfstandig. Ik let nu beter op mijn houding. Volgende stap: de "
                    "passieve lift bij een zwaardere bewoner.",
                ),
            ],
        ),
    ],
    "student2": [
        (
            "Ik wil leren assisteren bij het wassen van patiënten.",
            [],
            "",
            "",
            None,
            [],
        ),
        (
            "Ik wil leren klinisch redeneren bij revalidanten na een heupoperatie, zodat ik "
            "binnen vier weken bij twee patiënten zelf een verpleegkundige diagnose stel en "
            "passende interventies kies.",
            ["P2-K1-W1"],
            "1. Ik bestudeer de richtlijn heupfractuur.\n"
            "2. Ik verzamel gegevens bij twee patiënten.\n"
            "3. Ik stel een diagnose en bespreek die met mijn werkbegeleider.",
            "Mijn redenering nabespreken en vragen stellen die me laten nadenken.",
            28,
            [("submit",)],
        ),
        (
            "Ik wil leren een nieuwe collega in te werken.",
            ["P2-K1-W2"],
            "Een collega inwerken.",
            "Tips geven.",
            30,
            [
                ("submit",),
                (
                    "ask",
                    "Welke collega, welke onderdelen van het inwerkprogramma neem jij op je, "
                    "en wanneer is het klaar?",
                    ("concrete", "steps_lead_to_competence"),
                ),
            ],
        ),
        (
            "Ik wil leren in een avonddienst de zorg te coördineren: prioriteiten stellen en "
            "het werk verdelen, en dat in week 3 en 4 van de periode twee keer zelf doen.",
            ["P2-K1-W3"],
            "1. Ik loop een avonddienst mee met de dienstverantwoordelijke.\n"
            "2. Ik maak de taakverdeling en bespreek die vooraf.\n"
            "3. Ik coördineer twee avonddiensten zelf.",
            "Beschikbaar zijn als achterwacht en na de dienst nabespreken.",
            35,
            [
                ("submit",),
                ("approve", "Ik ben je achterwacht en we bespreken de dienst samen na."),
            ],
        ),
        (
            "Ik wil leren in het MDO de voortgang van een revalidant kort en duidelijk te "
            "presenteren, voor het einde van deze maand bij twee patiënten.",
            ["B1-K2-W2"],
            "1. Ik lees de rapportage.\n2. Ik maak een korte samenvatting met SBAR.\n"
            "3. Ik presenteer in twee MDO's.",
            "Mijn samenvatting vooraf nalezen.",
            25,
            [
                ("submit",),
                ("ask", "Welke onderdelen neem je mee in je samenvatting?", ("concrete",)),
                ("resubmit", "Mobiliteit, ADL, pijn en de doelen voor de komende week."),
            ],
        ),
        (
            "Ik wil leren een wond met negatieve druktherapie (VAC) volgens protocol te "
            "verzorgen, en dat binnen drie weken twee keer zelf doen.",
            ["B1-K1-W4"],
            "1. Protocol lezen.\n2. Meekijken bij de wondverpleegkundige.\n3. Zelf doen onder "
            "toezicht.",
            "Voordoen en meekijken.",
            21,
            [
                ("submit",),
                ("approve", "Ik regel dat je meekijkt met de wondverpleegkundige."),
                (
                    "complete",
                    "Ik heb twee keer de VAC-pomp gewisseld. Het steriel werken ging goed; "
                    "de volgende keer let ik beter op de pijn van de patiënt.",
                ),
            ],
        ),
    ],
    "s.boukhari": [
        (
            "Ik wil leren een cliënt volgens het zorgplan te ondersteunen bij wassen en "
            "aankleden, zodat ik dit binnen drie weken bij twee cliënten zelfstandig doe.",
            ["P2-K1-W2"],
            "1. Ik lees het zorgplan.\n2. Ik kijk mee.\n3. Ik doe het zelf met feedback.",
            "Meekijken en feedback geven.",
            21,
            [("submit",)],
        ),
        (
            "Ik wil leren insuline te injecteren.",
            [],
            "",
            "",
            20,
            [("submit",)],
        ),
    ],
    "s.amrani": [
        (
            "Ik wil leren een MDO voor te bereiden en de afspraken in het zorgplan te "
            "verwerken, binnen zes weken voor twee patiënten.",
            ["B1-K2-W2", "B1-K1-W2"],
            "1. Ik lees hoe een MDO loopt.\n2. Ik bereid één MDO voor.\n3. Ik verwerk de "
            "afspraken.",
            "Mijn voorbereiding nalezen.",
            42,
            [("submit",)],
        ),
    ],
    "s.kaptein": [
        (
            "Ik wil leren de wondzorg bij een decubituswond zelfstandig en steriel uit te "
            "voeren, binnen vier weken drie keer.",
            ["B1-K1-W4"],
            "1. Protocol lezen.\n2. Meekijken.\n3. Zelf doen onder toezicht.",
            "Voordoen en meekijken.",
            28,
            [("submit",)],
        ),
    ],
}


def seed(ctx: dict) -> None:
    users = ctx["users"]
    for username, questions in QUESTIONS.items():
        student = users.get(username)
        if student is None:
            continue
        placement = current_placement(student)
        if placement is None:
            continue
        mentor = placement.mentors.first()
        for spec in questions:
            _seed_question(student, mentor, *spec)
    ctx.setdefault("summary", []).append(
        "Leervragen: student1 en student2 hebben leervragen in elke status "
        "(werkbegeleider1 en werkbegeleider2 beoordelen)."
    )


def _seed_question(student, mentor, text, codes, steps, support, days, path) -> None:
    if LearningQuestion.objects.filter(student=student, question=text).exists():
        return
    today = timezone.localdate()
    _placement, qualification = services.writing_context(student)
    ids = list(qualification.work_processes.filter(code__in=codes).values_list("pk", flat=True))
    content = services.Content(
        question=text,
        work_process_ids=ids,
        steps=steps,
        support_requested=support,
        target_date=today + datetime.timedelta(days=days) if days is not None else None,
    )
    question = services.save_draft(student, content)
    for step in path:
        action = step[0]
        if action == "submit":
            question = services.submit(question, student)
        elif action == "ask":
            unmet = set(step[2])
            checklist = services.Checklist(**{name: name not in unmet for name in vars(ALL_GOOD)})
            question = services.ask_clarification(
                question, mentor, step[1], checklist, question.version
            )
        elif action == "resubmit":
            question = services.resubmit(question, student, step[1])
        elif action == "approve":
            question = services.approve(question, mentor, ALL_GOOD, step[1], question.version)
        elif action == "complete":
            question = services.complete(question, student, step[1], question.version)
    _date_back(question, len(path))


def _date_back(question, steps: int) -> None:
    """Spread the history over the past days, one day per step, ending today."""
    now = timezone.now()
    rows = list(question.transitions.order_by("at", "pk"))
    for i, row in enumerate(rows):
        when = now - datetime.timedelta(days=(len(rows) - 1 - i) * 2, hours=1)
        Transition.objects.filter(pk=row.pk).update(at=when)
        question.messages.filter(at=row.at).update(at=when)
        question.reviews.filter(at=row.at).update(at=when)
    first = now - datetime.timedelta(days=(len(rows) - 1) * 2, hours=1)
    LearningQuestion.objects.filter(pk=question.pk).update(
        created_at=first, updated_at=now - datetime.timedelta(hours=1)
    )
