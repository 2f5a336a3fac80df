"""Demo data: OEPS feedback from several mentors and progress reviews.

Some students get recent feedback, some only old feedback, some none, so the
overviews have something to show. All texts are invented and name no client.
Idempotent: an item that is already there (same student, author, text) is
left alone; reviews are only added to students without any review.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from leerroute.people.models import User

from . import queries, services
from .models import Feedback, ProgressLevel, ProgressReview

ORDER = 40

# (days ago, author, student, work process code, observe, effect, pause,
#  suggestions, client well-being at stake, student's response)
FEEDBACK = [
    (
        45,
        "werkbegeleider1",
        "student1",
        "B1-K1-W3",
        "Bij de ochtendzorg waste je de bewoner vlot, maar je vertelde niet wat je ging doen.",
        "Je zei zelf dat de bewoner schrok toen je het washandje pakte.",
        "Je merkte dat uitleg vooraf de bewoner rust geeft.",
        "Vertel voortaan bij elke stap wat je gaat doen; ik let er morgen op.",
        False,
        "Dank je, ik ga het proberen bij alle bewoners.",
    ),
    (
        20,
        "werkbegeleider1",
        "student1",
        "B1-K1-W4",
        "Je controleerde de bloedsuiker en noteerde de waarde, maar je meldde de hoge waarde niet.",
        "Volgens jou was je onzeker of de waarde hoog genoeg was om te melden.",
        "Je wilt beter weten welke grenswaarden bij deze bewoner horen.",
        "Zoek de afspraken in het zorgplan op en meld bij twijfel altijd; "
        "we bespreken het vrijdag.",
        True,
        "",
    ),
    (
        9,
        "studentbegeleider1",
        "student1",
        "B1-K2-W2",
        "In de overdracht gaf je een helder beeld van de nacht en je stelde een goede vraag aan "
        "de fysiotherapeut.",
        "Je merkte dat de collega's daardoor direct wisten wat er nodig was.",
        "Je zei dat een vaste volgorde je helpt om niets te vergeten.",
        "Gebruik die volgorde ook bij het telefonisch overleg met de huisarts.",
        False,
        "",
    ),
    (
        6,
        "werkbegeleider1",
        "student1",
        "B1-K1-W2",
        "Je stelde het zorgplan bij na het gesprek met de familie en vroeg mij om mee te lezen.",
        "Je zei dat je zo zeker wist dat de afspraken klopten.",
        "Meelezen geeft je vertrouwen, maar het kost ook tijd op een drukke dag.",
        "Schrijf eerst zelf, vraag daarna gericht om feedback op één onderdeel.",
        False,
        "",
    ),
    (
        2,
        "werkbegeleider1",
        "student1",
        None,
        "Je bleef rustig toen een bewoner onrustig werd tijdens het eten.",
        "Volgens jou hielp het dat je naast haar ging zitten en zacht praatte.",
        "Je vond het spannend, maar je wist wat je moest doen.",
        "Deel wat je deed in het teamoverleg, zodat collega's het ook kunnen gebruiken.",
        True,
        "",
    ),
    (
        4,
        "wb.tulp2",
        "student1",
        "B1-K1-W6",
        "Je gaf een bewoner uitleg over zijn nieuwe medicijn in eenvoudige woorden.",
        "Je zag dat hij knikte, maar je wist niet zeker of hij het had begrepen.",
        "Je wilt nagaan of de uitleg echt is aangekomen.",
        "Vraag de bewoner om het in eigen woorden te herhalen.",
        False,
        "",
    ),
    (
        25,
        "wb.tulp2",
        "s.bloemendaal",
        "B1-K1-W1",
        "Je deed het opnamegesprek zelf en vroeg goed door op eten en drinken.",
        "Je zei dat je daardoor een probleem met slikken ontdekte.",
        "Doorvragen leverde meer op dan de vragenlijst alleen.",
        "Leg je bevinding vast in het zorgplan en overleg met de logopedist.",
        True,
        "Ik heb het overleg gepland.",
    ),
    (
        3,
        "werkbegeleider2",
        "student2",
        "P2-K1-W1",
        "Je herkende dat de wond er anders uitzag dan gisteren en je beschreef het precies.",
        "Je zei dat de arts daardoor snel kon beslissen.",
        "Je merkte dat een foto en een korte beschrijving samen het beste werken.",
        "Gebruik bij elke wondcontrole dezelfde beschrijving; maak er een vaste gewoonte van.",
        False,
        "",
    ),
    (
        12,
        "werkbegeleider2",
        "student2",
        "P2-K1-W3",
        "Je verdeelde het werk voor de middag, maar je vergat de pauzes in te plannen.",
        "Volgens jou raakte het team daardoor gehaast aan het einde van de dienst.",
        "Je wilt een overzicht dat ook rust inplant.",
        "Maak morgen de planning met pauzes en bespreek die vooraf met mij.",
        False,
        "Goed punt, de pauzes staan er nu in.",
    ),
    (
        30,
        "werkbegeleider2",
        "s.amrani",
        "B1-K1-W5",
        "Toen de alarmbel ging, kwam je snel en deed je wat ik vroeg.",
        "Je zei dat je je eerst overvallen voelde.",
        "Weten wat je rol is in een acute situatie helpt je om kalm te blijven.",
        "Lees het protocol voor acute situaties nog een keer door en oefen het met mij.",
        True,
        "",
    ),
    (
        5,
        "wb.iris",
        "s.ouali",
        "B1-K1-W3",
        "Je hielp een bewoner bij het aankleden en liet haar zoveel mogelijk zelf doen.",
        "Je zag dat ze trots was dat het lukte.",
        "Zelf laten doen kost meer tijd, maar geeft de bewoner meer regie.",
        "Plan bij deze bewoner wat extra tijd in voor de ochtendzorg.",
        False,
        "",
    ),
    (
        7,
        "wb.hospice",
        "s.scheltema",
        "B1-K1-W6",
        "Je sprak met de familie over wat zij konden verwachten in de komende dagen.",
        "Je merkte dat de familie rustiger werd van je eerlijke uitleg.",
        "Je vond het moeilijk om stiltes te laten vallen.",
        "Laat stiltes toe; vraag daarna wat de familie nog nodig heeft.",
        False,
        "",
    ),
    (
        1,
        "wb.zonnehof",
        "s.kaptein",
        "B1-K1-W3",
        "Je begeleidde de groepsactiviteit en betrok ook de stille bewoners.",
        "Volgens jou deden daardoor meer bewoners mee dan vorige week.",
        "Je wilt weten hoe je dit vaker kunt doen.",
        "Kies volgende week zelf een activiteit en bereid die met mij voor.",
        False,
        "",
    ),
]

# (days ago, assessor, student, publish, {work process code: level},
#  indexes into FEEDBACK that are cited, summary)
REVIEWS = [
    (
        30,
        "studentbegeleider1",
        "student1",
        True,
        {"B1-K1-W1": "developing", "B1-K1-W3": "developing", "B1-K2-W2": "not_yet_seen"},
        [0],
        "Sanne werkt zorgvuldig; de uitleg aan bewoners vooraf groeit nog.",
    ),
    (
        3,
        "studentbegeleider1",
        "student1",
        False,
        {
            "B1-K1-W2": "developing",
            "B1-K1-W3": "at_level",
            "B1-K1-W4": "developing",
            "B1-K2-W2": "at_level",
        },
        [1, 2, 3],
        "Concept: de overdracht is op niveau, het melden van afwijkende waarden nog niet.",
    ),
    (
        10,
        "studentbegeleider2",
        "student2",
        True,
        {"P2-K1-W1": "at_level", "P2-K1-W3": "developing", "B1-K1-W5": "not_yet_seen"},
        [7, 8],
        "Milan observeert scherp en rapporteert precies; plannen voor het team vraagt "
        "nog oefening.",
    ),
    (
        20,
        "studentbegeleider1",
        "s.bloemendaal",
        True,
        {"B1-K1-W1": "above_level", "B1-K1-W2": "developing"},
        [6],
        "Lotte vraagt goed door in het opnamegesprek en legt verbanden die anderen missen.",
    ),
    (
        1,
        "sb.zonnehof",
        "s.kaptein",
        True,
        {"B1-K1-W3": "at_level"},
        [12],
        "Jesse begeleidt groepsactiviteiten zelfstandig en betrekt iedereen.",
    ),
]


def seed(ctx: dict) -> None:
    now = timezone.now()
    names = {f[1] for f in FEEDBACK} | {f[2] for f in FEEDBACK} | {r[1] for r in REVIEWS}
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    items: list[Feedback] = []
    for days, author, student, code, *oeps, wellbeing, reply in FEEDBACK:
        created_at = now - datetime.timedelta(days=days, hours=2)
        items.append(
            _feedback(created_at, users[author], users[student], code, oeps, wellbeing, reply)
        )
    # One item was corrected afterwards: its earlier version is in the history.
    corrected = items[3]
    if corrected.version == 1:
        services.edit_feedback(
            corrected,
            editor=corrected.author,
            expected_version=1,
            observe=corrected.observe,
            effect=corrected.effect,
            pause=corrected.pause,
            suggestions=corrected.suggestions + " Begin met het onderdeel voeding.",
            work_process=corrected.work_process,
            client_wellbeing=corrected.client_wellbeing,
        )

    today = timezone.localdate()
    reviewed = set(ProgressReview.objects.values_list("student__username", flat=True))
    for days, assessor, student, publish, levels, cited, summary in REVIEWS:
        if student in reviewed:
            continue
        processes = list(queries.work_processes_of(queries.current_qualification(users[student])))
        review = services.save_review(
            author=users[assessor],
            student=users[student],
            review_date=today - datetime.timedelta(days=days),
            summary=summary,
            levels={wp: (levels.get(wp.code, ProgressLevel.NOT_YET_SEEN), "") for wp in processes},
            cited=[items[i] for i in cited],
            publish=publish,
        )
        if student == "student1" and publish:
            # A later correction of a published review keeps the first version.
            services.save_review(
                author=users[assessor],
                student=users[student],
                review_date=review.review_date,
                summary=summary + " Aangevuld na het driegesprek.",
                levels={
                    wp: (levels.get(wp.code, ProgressLevel.NOT_YET_SEEN), "") for wp in processes
                },
                cited=[items[i] for i in cited],
                review=review,
                expected_version=review.version,
            )


def _feedback(created_at, author, student, code, oeps, wellbeing, reply) -> Feedback:
    observe, effect, pause, suggestions = oeps
    existing = Feedback.objects.filter(student=student, author=author, observe=observe).first()
    if existing:
        return existing
    work_process = None
    if code:
        work_process = (
            queries.work_processes_of(queries.current_qualification(student))
            .filter(code=code)
            .first()
        )
    item = services.give_feedback(
        author=author,
        student=student,
        observe=observe,
        effect=effect,
        pause=pause,
        suggestions=suggestions,
        work_process=work_process,
        client_wellbeing=wellbeing,
    )
    fields = {"created_at": created_at}
    if reply:
        fields.update(
            student_response=reply,
            responded_at=created_at + datetime.timedelta(days=1),
            read_at=created_at + datetime.timedelta(days=1),
        )
    Feedback.objects.filter(pk=item.pk).update(**fields)
    item.refresh_from_db()
    return item
