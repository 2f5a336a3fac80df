"""Demo data for training and the cascade (idempotent; all names invented).

- The four-session train-the-trainer programme "Waarde-vol Werkbegeleiden" by
  ``trainer`` for the practice educators, teachers invited: three sessions
  held with attendance (docent1 attended 2 of 4), one still to come.
- Materials: small generated files (a one-page PDF, text documents) and
  links on invented example.org addresses.
- The work-form catalogue: OEPS (slug "oeps") and intervision methods.
- The cascade: earlier completed team trainings (DSV pilot round, Topaz,
  ActiVite) and seven DSV teams in training now, pilot departments first.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from leerroute.people.demo import ACTIVITE, DSV, SCHOOL, TOPAZ, _role, _user
from leerroute.people.models import Department, Role, Team, User, today

from . import services
from .models import (
    Attendance,
    Enrolment,
    Material,
    Programme,
    Session,
    Topic,
    WorkForm,
    WorkFormStep,
)

ORDER = 50

TTT_TITLE = "Waarde-vol Werkbegeleiden"

# Extra structure at DSV|verzorgd leven: department -> (is_pilot, teams)
EXTRA_TEAMS = {
    "Wonen met zorg De Rijnhof": (True, ["Team Roos", "Team Lelie"]),
    "Revalidatie Leythenrode": (True, ["Team Geriatrische revalidatie"]),
    "Thuiszorg Leiden": (False, ["Wijkteam Leiden-Zuid"]),
    "Verpleeghuis Oudshoorn": (False, ["Team Zonnebloem", "Team Klaproos"]),
}

# username -> (first, last, organisation, team)
EXTRA_MENTORS = {
    "wb.tulp3": ("Sven", "Kortekaas", DSV, "Team Tulp"),
    "wb.iris2": ("Hanneke", "Verburgt", DSV, "Team Iris"),
    "wb.roos1": ("Marieke", "Dolleman", DSV, "Team Roos"),
    "wb.roos2": ("Youssef", "Ait Haddi", DSV, "Team Roos"),
    "wb.lelie1": ("Tineke", "Zwanenburg", DSV, "Team Lelie"),
    "wb.lelie2": ("Priya", "Ramdin", DSV, "Team Lelie"),
    "wb.revalidatie2": ("Koen", "Heemskerk", DSV, "Team Revalidatie"),
    "wb.geriatrie1": ("Loes", "van Rijckevorsel", DSV, "Team Geriatrische revalidatie"),
    "wb.geriatrie2": ("Dirk", "Ouwehand", DSV, "Team Geriatrische revalidatie"),
    "wb.leidennoord2": ("Annelies", "Brasser", DSV, "Wijkteam Leiden-Noord"),
    "wb.leidenzuid1": ("Bart", "Ketelaar", DSV, "Wijkteam Leiden-Zuid"),
    "wb.leidenzuid2": ("Samira", "Bouzid", DSV, "Wijkteam Leiden-Zuid"),
    "wb.zonnebloem1": ("Greetje", "Wassenaar", DSV, "Team Zonnebloem"),
    "wb.zonnebloem2": ("Ricardo", "Sanches", DSV, "Team Zonnebloem"),
    "wb.klaproos1": ("Wendy", "Vergeer", DSV, "Team Klaproos"),
    "wb.zonnehof2": ("Erik", "Schouten", ACTIVITE, "Team Zonnehof"),
    "wb.overrijn2": ("Lieke", "Groeneveld", TOPAZ, "Team Overrijn"),
}

TTT_SESSIONS = [
    # (topic, weeks from today, place, online link)
    ("De rol van de werkbegeleider in de leerroute", -9, "mboRijnland Leiden, lokaal 2.14", ""),
    ("Leervragen en hybride leren", -7, "", "https://meet.example.org/waarde-vol-2"),
    ("Feedback geven met OEPS", -5, "mboRijnland Leiden, lokaal 2.14", ""),
    ("Intervisie en de cascade: zelf je team trainen", 1, "mboRijnland Leiden, lokaal 2.14", ""),
]

# TTT attendance of the three sessions held: P present, A absent, E excused.
TTT_ATTENDANCE = {
    "praktijkopleider1": "PPP",
    "praktijkopleider2": "PPE",
    "po.activite": "PAP",
    "docent1": "PPE",  # 2 of 4
}
STATUS = {
    "P": Attendance.Status.PRESENT,
    "A": Attendance.Status.ABSENT,
    "E": Attendance.Status.EXCUSED,
}

# Team trainings: (organisation, team, days from today of the first session,
# planner, title prefix (None: the programme's title), only these participants
# (None: the team's employees not trained yet)). Everyone attends every
# session held, except the MISSED ones.
TEAM_TRAININGS = [
    (DSV, "Team Tulp", -150, "praktijkopleider1", "Pilotronde", ["wb.tulp2", "studentbegeleider1"]),
    (TOPAZ, "Team Overrijn", -120, "praktijkopleider2", None, None),
    (ACTIVITE, "Team Zonnehof", -70, "po.activite", None, None),
    # DSV now: seven teams in training, the pilot departments first.
    (DSV, "Team Revalidatie", -38, "praktijkopleider1", None, None),
    (DSV, "Team Iris", -24, "praktijkopleider1", None, None),
    (DSV, "Team Roos", -17, "praktijkopleider1", None, None),
    (DSV, "Team Tulp", -10, "praktijkopleider1", None, None),
    (DSV, "Team Lelie", -3, "praktijkopleider1", None, None),
    (DSV, "Team Geriatrische revalidatie", 3, "praktijkopleider1", None, None),
    (DSV, "Wijkteam Leiden-Noord", 10, "praktijkopleider1", None, None),
]
# Someone who missed a session: not trained after all (joins a later training).
MISSED = {("Team Overrijn", "wb.overrijn2"): 2, ("Team Iris", "wb.iris2"): 1}


def seed(ctx: dict) -> None:
    users = ctx["users"]
    orgs = ctx["organisations"]
    teams: dict[tuple[str, str], Team] = ctx["teams"]
    now = today()
    year_start = datetime.date(now.year if now.month >= 8 else now.year - 1, 8, 1)

    for dept_name, (is_pilot, team_names) in EXTRA_TEAMS.items():
        dept, _ = Department.objects.get_or_create(
            organisation=orgs[DSV], name=dept_name, defaults={"is_pilot": is_pilot}
        )
        for team_name in team_names:
            teams[DSV, team_name] = Team.objects.get_or_create(department=dept, name=team_name)[0]
    for username, (first, last, org_name, team_name) in EXTRA_MENTORS.items():
        users[username] = _user(username, first, last)
        _role(
            users[username],
            Role.MENTOR,
            orgs[org_name],
            year_start,
            team=teams[org_name, team_name],
        )
    users["po.activite"] = _user("po.activite", "Jolanda", "Vreeswijk")
    _role(users["po.activite"], Role.PRACTICE_EDUCATOR, orgs[ACTIVITE], year_start)
    users["wb.tulp2"] = User.objects.get(username="wb.tulp2")

    materials = _materials(users["trainer"])
    _work_forms(materials)
    ttt = _train_the_trainer(users, orgs, materials)
    for org_name, team_name, offset, planner, prefix, only in TEAM_TRAININGS:
        _team_training(users, teams[org_name, team_name], ttt, offset, users[planner], prefix, only)

    ctx["training_programme"] = ttt
    ctx.setdefault("summary", []).append(
        "Training: 'Waarde-vol Werkbegeleiden' (trainer), 7 DSV-teams in training "
        "(praktijkopleider1), werkvormen met OEPS."
    )


# --- materials --------------------------------------------------------------------


def tiny_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF with a few lines of text (Helvetica), built byte by byte."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = (
        "BT /F1 18 Tf 72 760 Td 22 TL "
        + " ".join(f"({escape(line)}) Tj T*" for line in lines)
        + " ET"
    )
    stream = text.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


OEPS_CARD = """OEPS-zakkaart voor werkbegeleiders

O - Observeren: beschrijf de situatie en het gedrag dat je zag of hoorde. Feiten, geen oordeel.
E - Effect: vraag de student wat het effect was, voor de client, voor collega's en voor zichzelf.
P - Pauzeren/samenvatten: vat samen wat de student zei. Klopt het zo?
S - Suggesties: bedenk samen wat de student de volgende keer doet, en wat jij daarbij doet.

Het welzijn van de client gaat altijd voor.
"""

INTERVISION_RULES = """Intervisie: rolverdeling en spelregels

Rollen: inbrenger, gespreksleider, tijdbewaker, deelnemers.
Spelregels: wat in de groep besproken wordt, blijft in de groep. Iedereen brengt in de loop
van de tijd een keer iets in. De inbrenger bepaalt wat hij of zij meeneemt.
Noem geen namen van clienten of studenten.
"""

MATERIALS = [
    # (title, kind, file name, content builder, url, topics, description)
    (
        "Waarde-vol Werkbegeleiden - dia's",
        Material.Kind.SLIDES,
        "waarde-vol-werkbegeleiden.pdf",
        lambda: tiny_pdf(
            [
                "Waarde-vol Werkbegeleiden",
                "Train-de-trainer voor praktijkopleiders",
                "1. De rol van de werkbegeleider",
                "2. Leervragen en hybride leren",
                "3. Feedback geven met OEPS",
                "4. Intervisie en de cascade",
            ]
        ),
        "",
        ["werkbegeleiden", "cascade"],
        "De dia's van de vier bijeenkomsten, ook te gebruiken voor teamtrainingen.",
    ),
    (
        "OEPS-zakkaart",
        Material.Kind.DOCUMENT,
        "oeps-zakkaart.txt",
        lambda: OEPS_CARD.encode("utf-8"),
        "",
        ["feedback", "OEPS"],
        "De vier stappen van OEPS op een kaart voor in je zak.",
    ),
    (
        "Intervisie: rolverdeling en spelregels",
        Material.Kind.DOCUMENT,
        "intervisie-spelregels.txt",
        lambda: INTERVISION_RULES.encode("utf-8"),
        "",
        ["intervisie"],
        "",
    ),
    (
        "Video: hybride leren in de zorg",
        Material.Kind.LINK,
        "",
        None,
        "https://video.example.org/leerroute/hybride-leren",
        ["hybride leren", "video"],
        "Korte video over leren op school en in de praktijk tegelijk (voorbeeldlink).",
    ),
    (
        "Handreiking leervragen beoordelen",
        Material.Kind.LINK,
        "",
        None,
        "https://www.example.org/leerroute/handreiking-leervragen",
        ["leervragen"],
        "De checklist voor werkbegeleiders bij het bekijken van een leervraag (voorbeeldlink).",
    ),
]


def _materials(owner) -> dict[str, Material]:
    found = {}
    for title, kind, filename, build, url, topics, description in MATERIALS:
        material = Material.objects.filter(title=title).first()
        if material is None:
            material = Material(
                title=title, kind=kind, url=url, description=description, created_by=owner
            )
            if build:
                data = build()
                name = f"training/demo/{filename}"
                if not default_storage.exists(name):
                    name = default_storage.save(name, ContentFile(data))
                material.file.name = name
                material.original_name = filename
                material.size = len(data)
                material.content_type = (
                    "application/pdf" if filename.endswith(".pdf") else "text/plain"
                )
            material.save()
            material.topics.set([Topic.objects.get_or_create(name=t)[0] for t in topics])
        found[title] = material
    return found


# --- work forms ------------------------------------------------------------------------

WORK_FORMS = [
    (
        "oeps",
        "OEPS-feedback",
        WorkForm.Kind.FEEDBACK,
        "Feedback geven op concreet gedrag in de praktijk, zo dat de student zelf nadenkt over "
        "het effect ervan en jullie samen afspreken wat de student de volgende keer doet. Het "
        "welzijn van de cliënt staat voorop.",
        10,
        [
            (
                "Observeren",
                "Beschrijf de situatie en het gedrag dat je zag of hoorde: feiten, zonder oordeel.",
            ),
            (
                "Effect",
                "Vraag de student welk effect dat gedrag had: op de cliënt, op collega's "
                "en op de student zelf.",
            ),
            (
                "Pauzeren/samenvatten",
                "Neem even de tijd en vat samen wat de student zei, zodat "
                "jullie zeker weten dat je elkaar goed begrijpt.",
            ),
            (
                "Suggesties",
                "Bedenk samen wat de student de volgende keer kan doen. Spreek af wat "
                "de student probeert en hoe jij daarbij helpt.",
            ),
        ],
        ["OEPS-zakkaart"],
    ),
    (
        "incidentmethode",
        "Incidentmethode",
        WorkForm.Kind.INTERVISION,
        "Leren van een kort, concreet voorval waarin de inbrenger niet goed wist wat te doen, "
        "door eerst zelf te beslissen en daarna de keuzes te vergelijken.",
        45,
        [
            (
                "Inbreng",
                "De inbrenger vertelt kort over een recent voorval en stopt op het moment "
                "dat er een beslissing genomen moest worden.",
            ),
            (
                "Informatievragen",
                "De groep stelt alleen feitelijke vragen om het beeld compleet te krijgen.",
            ),
            (
                "Beslissen",
                "Iedere deelnemer schrijft op wat hij of zij op dat moment zou doen, en waarom.",
            ),
            (
                "Vergelijken",
                "De keuzes worden naast elkaar gelegd; daarna vertelt de inbrenger wat "
                "er echt gebeurde.",
            ),
            (
                "Lessen",
                "De groep benoemt wat ervan te leren is; de inbrenger kiest wat hij of zij "
                "meeneemt.",
            ),
        ],
        ["Intervisie: rolverdeling en spelregels"],
    ),
    (
        "roddelmethode",
        "Roddelmethode",
        WorkForm.Kind.INTERVISION,
        "De inbrenger hoort, zonder zich te hoeven verdedigen, hoe anderen over de situatie "
        "denken. Dat levert vaak nieuwe invalshoeken op.",
        40,
        [
            ("Inbreng", "De inbrenger beschrijft de situatie en de vraag."),
            ("Verhelderen", "De groep stelt verhelderende vragen."),
            (
                "Roddelen",
                "De inbrenger draait de stoel om en luistert alleen. De groep praat over "
                "de inbrenger in de derde persoon: wat zou er spelen, wat zou kunnen helpen?",
            ),
            ("Reageren", "De inbrenger draait terug en vertelt wat raakte en wat bruikbaar is."),
            ("Afronden", "De gespreksleider vraagt wat de inbrenger gaat doen."),
        ],
        ["Intervisie: rolverdeling en spelregels"],
    ),
    (
        "balint-methode",
        "Balint-methode",
        WorkForm.Kind.INTERVISION,
        "Stilstaan bij de relatie tussen zorgverlener (of werkbegeleider) en cliënt of student: "
        "wat roept die relatie op, en wat zegt dat over de situatie?",
        60,
        [
            (
                "Vertellen",
                "De inbrenger vertelt vrij, zonder aantekeningen, over een situatie die "
                "hem of haar bezighoudt.",
            ),
            ("Vragen", "Korte verhelderende vragen over de feiten."),
            (
                "Associëren",
                "De inbrenger luistert; de groep deelt gevoelens, beelden en gedachten "
                "die het verhaal oproept over de relatie.",
            ),
            ("Terugkoppelen", "De inbrenger vertelt wat hij of zij herkende."),
            ("Afsluiten", "De gespreksleider vat samen wat de groep zag."),
        ],
        ["Intervisie: rolverdeling en spelregels"],
    ),
    (
        "vijf-minutenmethode",
        "Vijf-minutenmethode",
        WorkForm.Kind.INTERVISION,
        "In korte tijd veel ideeën verzamelen voor een concrete vraag, bijvoorbeeld aan het "
        "begin of eind van een teamoverleg.",
        15,
        [
            ("Vraag", "De inbrenger stelt in één minuut een korte, concrete vraag."),
            (
                "Tips",
                "Vijf minuten lang geven de deelnemers om de beurt een korte tip, zonder "
                "discussie. De inbrenger schrijft mee en reageert niet.",
            ),
            ("Kiezen", "De inbrenger vertelt welke tips hij of zij gaat gebruiken."),
        ],
        [],
    ),
    (
        "lsd-gesprekstechniek",
        "LSD: luisteren, samenvatten, doorvragen",
        WorkForm.Kind.CONVERSATION,
        "Een gesprek met de student zo voeren dat je echt begrijpt wat de student bedoelt, "
        "bijvoorbeeld bij het bespreken van een leervraag.",
        10,
        [
            ("Luisteren", "Geef de student de ruimte en laat merken dat je luistert."),
            ("Samenvatten", "Vat in je eigen woorden samen wat je hoorde."),
            ("Doorvragen", "Vraag door met open vragen: wat, hoe, wanneer, wat nog meer?"),
        ],
        [],
    ),
]


def _work_forms(materials: dict[str, Material]) -> None:
    for slug, title, kind, purpose, minutes, steps, material_titles in WORK_FORMS:
        work_form, created = WorkForm.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "kind": kind,
                "purpose": purpose,
                "duration_minutes": minutes,
            },
        )
        if created:
            WorkFormStep.objects.bulk_create(
                WorkFormStep(work_form=work_form, position=i, title=t, description=d)
                for i, (t, d) in enumerate(steps, start=1)
            )
            work_form.materials.set([materials[t] for t in material_titles])


# --- programmes ----------------------------------------------------------------------------


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _train_the_trainer(users, orgs, materials) -> Programme:
    ttt = Programme.objects.filter(title=TTT_TITLE, kind=Programme.Kind.PROGRAMME).first()
    if ttt is not None:
        return ttt
    now = today()
    ttt = services.create_programme(
        users["trainer"],
        {
            "title": TTT_TITLE,
            "goal": "Praktijkopleiders leren werkbegeleiders te trainen in het begeleiden van "
            "studenten op de werkvloer: leervragen, feedback met OEPS en intervisie. Daarna "
            "trainen zij de teams van hun eigen organisatie (de cascade).",
            "audience": "Praktijkopleiders van de zorgorganisaties; docenten van mboRijnland zijn "
            "uitgenodigd",
            "organisation": orgs[SCHOOL],
            "invited_organisations": [orgs[SCHOOL], orgs[ACTIVITE], orgs[DSV], orgs[TOPAZ]],
        },
    )
    slides = materials["Waarde-vol Werkbegeleiden - dia's"]
    extra = {
        1: [materials["Video: hybride leren in de zorg"]],
        2: [materials["OEPS-zakkaart"]],
        3: [materials["Intervisie: rolverdeling en spelregels"]],
    }
    sessions = []
    for index, (topic, weeks, place, link) in enumerate(TTT_SESSIONS):
        day = now + datetime.timedelta(weeks=weeks)
        sessions.append(
            services.save_session(
                ttt,
                {
                    "topic": topic,
                    "starts_at": _at(day, 13, 30),
                    "ends_at": _at(day, 16, 30),
                    "place": place,
                    "online_url": link,
                    "materials": [slides, *extra.get(index, [])],
                },
                by=users["trainer"],
            )
        )
    enrolled_at = _at(now - datetime.timedelta(weeks=11), 9)
    for username in TTT_ATTENDANCE:
        role = Role.TEACHER if username.startswith("docent") else Role.PRACTICE_EDUCATOR
        Enrolment.objects.create(
            programme=ttt,
            user=users[username],
            invited_as=role,
            status=Enrolment.Status.ENROLLED,
            invited_at=enrolled_at,
            enrolled_at=enrolled_at,
        )
    Enrolment.objects.create(
        programme=ttt,
        user=users["docent2"],
        invited_as=Role.TEACHER,
        status=Enrolment.Status.INVITED,
        invited_at=enrolled_at,
    )
    for index, session in enumerate(sessions[:3]):
        services.register_attendance(
            session,
            users["trainer"],
            {users[name].pk: STATUS[pattern[index]] for name, pattern in TTT_ATTENDANCE.items()},
            session.version,
        )
    return ttt


def _team_training(users, team, base, offset_days, planner, prefix, only) -> None:
    title = f"{prefix or base.title} – {team.name}"
    if Programme.objects.filter(team=team, title=title).exists():
        return
    first_day = today() + datetime.timedelta(days=offset_days)
    training = services.plan_team_training(
        planner,
        team=team,
        base=base,
        first_start=_at(first_day, 14),
        interval_weeks=2,
        place=f"{team.department.name}, vergaderruimte",
    )
    training.title = title
    training.save(update_fields=["title"])
    planned = _at(first_day - datetime.timedelta(days=14), 9)
    if only is not None:
        training.enrolments.all().delete()
        for username in only:
            Enrolment.objects.create(
                programme=training,
                user=users[username],
                invited_as=Role.MENTOR if username.startswith("wb.") else Role.ASSESSOR,
                status=Enrolment.Status.ENROLLED,
                invited_at=planned,
                enrolled_at=planned,
            )
    training.enrolments.update(invited_at=planned, enrolled_at=planned)
    participants = list(training.enrolments.select_related("user"))
    held = Session.objects.filter(programme=training, starts_at__lt=timezone.now())
    for index, session in enumerate(held):
        statuses = {}
        for enrolment in participants:
            missed = MISSED.get((team.name, enrolment.user.username))
            statuses[enrolment.user_id] = (
                Attendance.Status.EXCUSED if missed == index else Attendance.Status.PRESENT
            )
        services.register_attendance(session, planner, statuses, session.version)
