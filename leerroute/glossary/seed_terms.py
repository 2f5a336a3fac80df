"""The route's starting set of terms, in plain Dutch (aim B1).

Loaded by ``manage.py load_glossary`` (real installations, once after
``migrate``) and by the demo data. Loading never changes a term that exists
already: once a term is in the glossary, the route's own editors own it.
Fields: name, slug (optional), definition, synonyms, forms (plural and other
forms, to recognise the term in help texts), example, related (names), roles.
"""

S, WB, SB, PO, D, T, MW = (
    "STUDENT",
    "MENTOR",
    "ASSESSOR",
    "PRACTICE_EDUCATOR",
    "TEACHER",
    "TRAINER",
    "EMPLOYEE",
)
ALL = [S, WB, SB, PO, D, T]

TERMS: list[dict] = [
    {
        "name": "Leervraag",
        "definition": (
            "Een vraag die de student zelf opschrijft over iets wat hij of zij in de praktijk "
            "wil leren. Een goede leervraag past bij het niveau van de opleiding, hoort bij een "
            "werkproces, is concreet, noemt de stappen die de student zet en zegt welke hulp de "
            "student van de werkbegeleider vraagt."
        ),
        "forms": ["leervragen"],
        "example": (
            "Ik wil leren hoe ik een cliënt met slikproblemen veilig help met eten. Ik kijk "
            "twee keer mee bij mijn werkbegeleider en doe het daarna zelf onder toezicht."
        ),
        "related": ["Leerdoel", "Werkproces", "Werkbegeleider", "Begeleidingsvraag"],
        "roles": [S, WB, SB, D],
    },
    {
        "name": "Kwalificatiedossier",
        "definition": (
            "Het landelijke document dat beschrijft wat een beroepsbeoefenaar moet kunnen. Het "
            "is opgebouwd uit kerntaken en werkprocessen en geldt voor één of meer "
            "kwalificaties (opleidingen) met hun eigen niveau en crebocode."
        ),
        "forms": ["kwalificatiedossiers"],
        "example": "Het kwalificatiedossier Verzorgende-IG en MBO-Verpleegkundige.",
        "related": ["Kerntaak", "Werkproces", "Crebo", "Niveau"],
        "roles": [S, SB, PO, D],
    },
    {
        "name": "Werkproces",
        "definition": (
            "Een deel van een kerntaak: een herkenbare activiteit uit het beroep, met een code "
            "zoals B1-K1-W1. Leervragen, feedback en voortgangsbeoordelingen verwijzen naar "
            "werkprocessen."
        ),
        "forms": ["werkprocessen"],
        "example": "B1-K1-W2: Stelt een zorgplan op en/of stelt deze bij.",
        "related": ["Kerntaak", "Kwalificatiedossier", "Voortgangsbeoordeling"],
        "roles": ALL,
    },
    {
        "name": "Kerntaak",
        "definition": (
            "Een groep samenhangende werkprocessen uit een kwalificatiedossier, met een code "
            "zoals B1-K1. Een kerntaak beschrijft een groot deel van het werk."
        ),
        "forms": ["kerntaken"],
        "example": "B1-K1: Biedt zorg, ondersteuning en begeleiding.",
        "related": ["Werkproces", "Kwalificatiedossier"],
        "roles": [S, SB, PO, D],
    },
    {
        "name": "OEPS",
        "definition": (
            "De vaste manier van feedback geven in de leerroute, in vier stappen: Observeren "
            "(de situatie en wat de student precies deed), Effect (de student vertelt wat dat "
            "gedrag deed), Pauzeren (de werkbegeleider vat samen wat de student zei) en "
            "Suggesties (samen afspreken wat de student anders of weer zo doet)."
        ),
        "synonyms": ["OEPS-feedback"],
        "example": (
            "'Ik zag dat je mevrouw eerst uitlegde wat je ging doen. Wat merkte je daarvan?' "
            "Daarna vat de werkbegeleider samen en spreken ze samen een tip af."
        ),
        "related": ["Feedback", "Werkvorm", "Werkbegeleider"],
        "roles": [S, WB, SB, PO],
    },
    {
        "name": "Intervisie",
        "definition": (
            "Een vaste groep collega's (hier: werkbegeleiders) die samen vragen en situaties "
            "uit het eigen werk bespreekt, met een vaste methode en een begeleider. Wat in de "
            "groep besproken wordt, blijft in de groep."
        ),
        "synonyms": ["intervisiebijeenkomst"],
        "forms": [
            "intervisiegroep",
            "intervisiegroepen",
            "intervisiemethode",
            "intervisiemethoden",
        ],
        "example": (
            "Vier werkbegeleiders van Team Tulp bespreken met de incidentmethode hoe ze een "
            "student helpen die moeilijk om hulp vraagt."
        ),
        "related": ["Werkvorm", "Werkbegeleider", "Reflectie"],
        "roles": [WB, SB, PO],
    },
    {
        "name": "Hybride leren",
        "definition": (
            "Leren waarin school en praktijk door elkaar lopen: de student leert op de "
            "werkplek én op school, en wat op de ene plek gebeurt, wordt op de andere plek "
            "gebruikt. Docenten en werkbegeleiders stemmen daarvoor wekelijks af."
        ),
        "synonyms": ["hybride onderwijs"],
        "forms": ["hybride leeromgeving"],
        "example": (
            "De klas oefent op school met de tilliften; de week erna vraagt de werkbegeleider "
            "de student om het op de afdeling voor te doen."
        ),
        "related": ["Leerwerkplek", "BPV", "Docent"],
        "roles": ALL,
    },
    {
        "name": "Werkbegeleider",
        "definition": (
            "De collega op de werkvloer die de student dagelijks begeleidt: voordoen, "
            "meekijken, leervragen bespreken en OEPS-feedback geven. De werkbegeleider "
            "beoordeelt niet; dat doet de studentbegeleider."
        ),
        "synonyms": ["praktijkbegeleider"],
        "forms": ["werkbegeleiders"],
        "example": "Ingrid is werkbegeleider van Sanne op Team Tulp.",
        "related": ["Studentbegeleider", "Praktijkopleider", "OEPS", "Leervraag"],
        "roles": ALL + [MW],
    },
    {
        "name": "Studentbegeleider",
        "definition": (
            "Een ervaren verpleegkundige of verzorgende van de afdeling die het aanspreekpunt "
            "is voor studenten en docenten. De studentbegeleider beoordeelt de voortgang per "
            "werkproces en gebruikt daarbij de feedback van de werkbegeleiders."
        ),
        "synonyms": ["beoordelaar"],
        "forms": ["studentbegeleiders"],
        "related": ["Werkbegeleider", "Voortgangsbeoordeling", "Praktijkopleider"],
        "roles": ALL,
    },
    {
        "name": "Praktijkopleider",
        "definition": (
            "De opleider van een zorgorganisatie. Traint teams van werkbegeleiders (de "
            "cascade), coacht studentbegeleiders, begeleidt intervisie en houdt het overzicht "
            "over alle studenten in de organisatie."
        ),
        "forms": ["praktijkopleiders"],
        "related": ["Cascade", "Intervisie", "Werkbegeleider"],
        "roles": ALL,
    },
    {
        "name": "BPV",
        "definition": (
            "Beroepspraktijkvorming: het deel van de mbo-opleiding dat de student in de "
            "praktijk leert, bij een erkend leerbedrijf. De BPV-plaats is het team waar de "
            "student in een periode werkt en leert."
        ),
        "synonyms": ["beroepspraktijkvorming", "stage"],
        "forms": ["BPV-plaats", "BPV-plaatsen", "BPV-periode"],
        "related": ["Leerwerkplek", "Hybride leren", "Driegesprek"],
        "roles": ALL,
    },
    {
        "name": "Driegesprek",
        "definition": (
            "Een gesprek tussen de student, de docent (of slb'er) en de praktijk "
            "(praktijkopleider, werkbegeleider en soms de studentbegeleider) over hoe het "
            "leren gaat. Twee keer per schooljaar per student, met een agenda, verslag en "
            "afspraken met een eigenaar en een datum."
        ),
        "synonyms": ["trajectgesprek"],
        "forms": ["driegesprekken"],
        "related": ["Docent", "Slb'er", "Werkbegeleider"],
        "roles": [S, WB, SB, PO, D],
    },
    {
        "name": "Cascade",
        "definition": (
            "De manier waarop de leerroute zich verspreidt: de trainer leidt praktijkopleiders "
            "en docenten op, de praktijkopleiders trainen daarna team voor team de "
            "werkbegeleiders. Het doel is dat elke medewerker werkbegeleider kan zijn."
        ),
        "synonyms": ["olievlek"],
        "forms": ["cascademodel"],
        "related": ["Train-de-trainer", "Praktijkopleider", "Pilotafdeling"],
        "roles": [PO, T, D, MW],
    },
    {
        "name": "Pilotafdeling",
        "definition": (
            "Een afdeling waar de leerroute als eerste is gestart. Ervaringen van de "
            "pilotafdelingen worden gebruikt voor de andere afdelingen."
        ),
        "synonyms": ["pilot"],
        "forms": ["pilotafdelingen"],
        "related": ["Cascade"],
        "roles": [PO, T, WB, SB],
    },
    {
        "name": "Crebo",
        "definition": (
            "Het landelijke nummer van een mbo-kwalificatie (Centraal Register "
            "Beroepsopleidingen). Met de crebocode weet iedereen om welke opleiding het "
            "precies gaat."
        ),
        "synonyms": ["crebocode", "crebonummer"],
        "example": "Verzorgende-IG heeft een eigen crebocode, naast die van MBO-Verpleegkundige.",
        "related": ["Kwalificatiedossier", "Niveau"],
        "roles": [D, PO],
    },
    {
        "name": "Niveau",
        "definition": (
            "Het mbo-niveau van een kwalificatie, van 1 tot en met 4. Het niveau bepaalt hoe "
            "zelfstandig en complex het werk is dat de student leert; een leervraag moet "
            "passen bij dat niveau."
        ),
        "synonyms": ["mbo-niveau", "opleidingsniveau"],
        "example": "Verzorgende-IG is niveau 3, MBO-Verpleegkundige niveau 4.",
        "related": ["Kwalificatiedossier", "Leervraag", "Crebo"],
        "roles": [S, WB, SB, D],
    },
    {
        "name": "Voortgangsbeoordeling",
        "definition": (
            "Een beoordeling door de studentbegeleider van hoe ver de student is, per "
            "werkproces, op een vaste schaal en met een onderbouwing die naar feedback "
            "verwijst. Werkbegeleiders geven input maar beoordelen niet."
        ),
        "synonyms": ["voortgangsgesprek"],
        "forms": ["voortgangsbeoordelingen", "beoordeling", "beoordelingen"],
        "related": ["Studentbegeleider", "Werkproces", "Feedback"],
        "roles": [S, WB, SB, PO, D],
    },
    {
        "name": "Werkvorm",
        "definition": (
            "Een beschreven manier om iets samen te doen, met een doel en vaste stappen: een "
            "feedbackinstrument, een intervisiemethode of een gesprekstechniek. De catalogus "
            "van werkvormen staat onder Training."
        ),
        "forms": ["werkvormen"],
        "example": "OEPS en de incidentmethode voor intervisie zijn werkvormen.",
        "related": ["OEPS", "Intervisie"],
        "roles": [WB, SB, PO, D, T],
    },
    {
        "name": "Train-de-trainer",
        "definition": (
            "Een opleiding voor mensen die daarna zelf anderen trainen. In de leerroute "
            "volgen praktijkopleiders en docenten bijvoorbeeld 'Waarde-vol Werkbegeleiden' "
            "(vier bijeenkomsten) en trainen zij daarna de werkbegeleiders."
        ),
        "synonyms": ["train-the-trainer"],
        "forms": ["train-de-trainerprogramma"],
        "related": ["Cascade", "Praktijkopleider"],
        "roles": [PO, D, T],
    },
    {
        "name": "Feedback",
        "definition": (
            "Informatie over wat iemand deed en wat dat opleverde, zodat diegene ervan kan "
            "leren. In de leerroute geven werkbegeleiders feedback volgens OEPS, gekoppeld "
            "aan een werkproces en soms aan een leervraag."
        ),
        "synonyms": ["terugkoppeling"],
        "related": ["OEPS", "Feed-up en feed-forward", "Reflectie"],
        "roles": ALL,
    },
    {
        "name": "Feed-up en feed-forward",
        "slug": "feed-up-feed-forward",
        "definition": (
            "Twee kanten van goede feedback naast de terugblik (feedback): feed-up gaat over "
            "het doel (waar werk je naartoe?), feed-forward over de volgende stap (wat ga je "
            "nu doen om dichter bij dat doel te komen?)."
        ),
        "synonyms": ["feed-up", "feed-forward", "feedforward"],
        "example": (
            "Feed-up: 'Je wilt zelfstandig een wondverzorging doen.' Feed-forward: 'Morgen "
            "bereid je de materialen voor en vertel je mij vooraf je stappen.'"
        ),
        "related": ["Feedback", "Leerdoel"],
        "roles": [S, WB, SB, D],
    },
    {
        "name": "Reflectie",
        "definition": (
            "Terugkijken op je eigen handelen: wat deed je, wat dacht en voelde je, wat was "
            "het effect en wat doe je de volgende keer? Bij het afronden van een leervraag "
            "schrijft de student een korte reflectie."
        ),
        "synonyms": ["reflecteren"],
        "forms": ["reflecties"],
        "related": ["Leervraag", "Feedback", "Intervisie"],
        "roles": [S, WB, D],
    },
    {
        "name": "Competentie",
        "definition": (
            "Het vermogen om kennis, vaardigheden en houding samen goed in te zetten in een "
            "echte situatie uit het beroep. Een leervraag beschrijft stappen die naar een "
            "competentie leiden."
        ),
        "synonyms": ["bekwaamheid"],
        "forms": ["competenties"],
        "related": ["Beroepshouding", "Werkproces"],
        "roles": [S, WB, SB, D],
    },
    {
        "name": "Beroepshouding",
        "definition": (
            "Hoe je je als zorgprofessional opstelt: betrouwbaar, respectvol, op tijd, "
            "nieuwsgierig, open voor feedback en met aandacht voor de cliënt."
        ),
        "synonyms": ["professionele houding"],
        "example": "Op tijd melden dat je later bent en je afspraken met een cliënt nakomen.",
        "related": ["Competentie", "Welzijn cliënt"],
        "roles": [S, WB, SB, D],
    },
    {
        "name": "Klas",
        "definition": (
            "Een groep studenten op school die samen dezelfde opleiding volgt in een "
            "schooljaar, met hun eigen docenten. Docenten zien de studenten van hun klassen, "
            "waar die ook hun BPV doen."
        ),
        "synonyms": ["cohort"],
        "forms": ["klassen", "cohorten"],
        "example": "VIG-3A: de derdejaars Verzorgende-IG van dit schooljaar.",
        "related": ["Docent", "Slb'er"],
        "roles": [S, D],
    },
    {
        "name": "Slb'er",
        "slug": "slber",
        "definition": (
            "Studieloopbaanbegeleider: de docent die een student persoonlijk coacht in de "
            "opleiding en bij keuzes. Plant en voert de driegesprekken met de praktijk."
        ),
        "synonyms": ["studieloopbaanbegeleider", "loopbaanbegeleider", "SLB"],
        "related": ["Docent", "Driegesprek"],
        "roles": [S, D, PO],
    },
    {
        "name": "Docent",
        "definition": (
            "De leraar van de school. In de leerroute coacht de docent de studenten van de "
            "eigen klassen, vertelt de praktijk elke week wat op school behandeld is en "
            "plant de driegesprekken."
        ),
        "synonyms": ["leraar", "docente"],
        "forms": ["docenten"],
        "related": ["Slb'er", "Klas", "Hybride leren"],
        "roles": ALL,
    },
    {
        "name": "Leerwerkplek",
        "definition": (
            "De plek in de zorg waar de student werkt en tegelijk leert, met begeleiding van "
            "een werkbegeleider: een team of afdeling van een erkend leerbedrijf."
        ),
        "synonyms": ["leerplek", "stageplek"],
        "forms": ["leerwerkplekken"],
        "related": ["BPV", "Werkbegeleider"],
        "roles": [S, WB, PO, D],
    },
    {
        "name": "Welzijn cliënt",
        "slug": "welzijn-client",
        "definition": (
            "Het welzijn en de veiligheid van de cliënt gaan in deze leerroute altijd voor het "
            "leren. Bij feedback kan de werkbegeleider aangeven dat het welzijn van de cliënt "
            "in het geding was; daarover wordt dan eerst gepraat."
        ),
        "synonyms": ["welzijn van de cliënt", "cliëntveiligheid"],
        "example": (
            "Een student wil een handeling afmaken terwijl de cliënt pijn aangeeft: dan stopt "
            "de student eerst en overlegt."
        ),
        "related": ["Feedback", "Beroepshouding"],
        "roles": ALL,
    },
    {
        "name": "Leerdoel",
        "definition": (
            "Wat de student aan het eind van een periode wil kunnen. Een leerdoel is breder "
            "dan een leervraag: uit één leerdoel kunnen meerdere leervragen volgen."
        ),
        "forms": ["leerdoelen"],
        "related": ["Leervraag", "Competentie"],
        "roles": [S, WB, D],
    },
    {
        "name": "Begeleidingsvraag",
        "definition": (
            "Wat de student van de werkbegeleider vraagt om een leervraag te kunnen "
            "uitvoeren: voordoen, meekijken, tijd voor een nagesprek, een tip."
        ),
        "synonyms": ["hulpvraag"],
        "forms": ["begeleidingsvragen"],
        "example": "'Wil je de eerste keer naast me staan als ik de medicatie klaarzet?'",
        "related": ["Leervraag", "Werkbegeleider"],
        "roles": [S, WB],
    },
    {
        "name": "Wekelijkse schoolupdate",
        "definition": (
            "Het korte bericht waarin een docent per klas en per week vertelt wat op school "
            "behandeld is, welke werkprocessen erbij horen en wat de praktijk ermee kan."
        ),
        "synonyms": ["weekupdate"],
        "related": ["Hybride leren", "Docent"],
        "roles": [D, WB, SB, PO],
    },
    {
        "name": "Gereedheid als werkbegeleider",
        "slug": "gereedheid-werkbegeleider",
        "definition": (
            "Of een medewerker klaar is om werkbegeleider te zijn: getraind (bij alle "
            "bijeenkomsten van een afgeronde teamtraining aanwezig), in training of nog niet "
            "gestart."
        ),
        "synonyms": ["gereedheid"],
        "related": ["Cascade", "Teamtraining", "Werkbegeleider"],
        "roles": [PO, T, WB, MW],
    },
    {
        "name": "Teamtraining",
        "definition": (
            "Een training van de cascade voor één team: de praktijkopleider traint de "
            "medewerkers van dat team tot werkbegeleider, met de onderwerpen en materialen "
            "van een train-de-trainerprogramma."
        ),
        "forms": ["teamtrainingen"],
        "related": ["Cascade", "Train-de-trainer"],
        "roles": [PO, WB, MW, T],
    },
    {
        "name": "Erkend leerbedrijf",
        "definition": (
            "Een organisatie die door SBB is erkend om mbo-studenten op te leiden in de "
            "praktijk. Alleen daar mag een student zijn BPV doen."
        ),
        "synonyms": ["leerbedrijf"],
        "forms": ["erkende leerbedrijven"],
        "related": ["BPV", "Leerwerkplek"],
        "roles": [PO, D],
    },
    {
        "name": "Praktijkbeoordeling",
        "definition": (
            "De beoordeling van hoe de student het werk in de praktijk uitvoert, aan het eind "
            "van een periode. De voortgangsbeoordelingen van de studentbegeleider en de "
            "feedback van werkbegeleiders leveren daarvoor het bewijs."
        ),
        "forms": ["praktijkbeoordelingen"],
        "related": ["Voortgangsbeoordeling", "Studentbegeleider"],
        "roles": [S, SB, PO, D],
    },
]
