"""Word lists for the learning-question checker (``checker.py``).

Written for Dutch mbo care education (Verzorgende IG, Mbo-Verpleegkundige,
Helpende Zorg en Welzijn and the Maatschappelijke Zorg profiles). All words
are plain surface forms; the checker normalises and stems them once.

- ``STOP_WORDS``: Dutch function words, plus words that every learning
  question contains ("leren", "wil") and that say nothing about the subject.
- ``THEMES``: the everyday words students use for what a work process
  describes in formal terms. A theme is attached to every work process whose
  own title or description contains one of its anchor words, so it works for
  any imported qualification file, whatever its codes.
- ``LEVEL_CUES``: phrases that point to a level of working (2: assisting,
  under instruction; 3: independent vocational care, nursing procedures;
  4: coordinating, clinical reasoning, guiding colleagues). Written as students
  should read them, with diacritics: they appear in the tips (matching ignores accents).
- Concreteness cues: time words, measurable cues, vague words.
"""

from __future__ import annotations


def _w(text: str) -> tuple[str, ...]:
    """Words of a space-separated list."""
    return tuple(text.split())


STOP_WORDS = frozenset(
    _w(
        "aan al alle alles als alsof ben bij binnen dan dat de deze die dit door doe doen doet "
        "dus een eens en er erg ga gaan gaat geen had heb hebben heeft het hier hij hoe hun iets "
        "ik in is ja je jij jou jouw kan kon kun kunnen kunt laat maar me meer mee men met mij "
        "mijn mijzelf moet moeten na naar niet niets nog nu of om omdat ons onze ook op over per "
        "sommige te tegen tot u uit uw van veel voor waar wanneer want was wat we wel welke werd "
        "wie wij wil wilde willen word worden wordt zal ze zelf zich zij zijn zo zodat zou zouden "
        "zullen leren leer leert geleerd kunnen goed beter graag manier hoe proberen probeer "
        "student bpv stage werkbegeleider werkbegeleidster praktijk vraag leervraag daarbij "
        "daarna daarvoor eerst dingen ding keer geven geef volgens tijdens haar hem werken werk "
        "werkt samen maken nieuwe goede juiste bepaalde bijvoorbeeld wil zou helpen help helpt "
        "client clienten cliënt cliënten bewoner bewoners zorgvrager zorgvragers patient "
        "patienten patiënt patiënten meneer mevrouw protocol protocollen zelfstandig "
        "zelfstandigheid zonder hulp keer "
        # Common words that say nothing about the subject on their own: a question of
        # only "onder" or "tussen" must not point to a work process.
        "onder boven tussen achter naast langs rond rondom sinds vanaf via tot toe af "
        "even soms vaak altijd nooit steeds ander andere anders elk elke ieder iedere gewoon "
        "echt heel zeer weinig minder meeste vooral vaker wat welk zoals zoveel dergelijke "
        "worden geworden wordt werd zijn was wezen hebben krijgen krijg krijgt kom komen komt "
        "staan sta staat zit zitten gaan ga "
        "persoon mensen iemand iets alles niemand "
        "bezig bezighouden beetje weer eigenlijk misschien"
    )
)

# Theme: (anchors, related words students use). An anchor is a word (or a
# few words that must all occur) in a work process's *title*; a matching
# work process gets the related words added to its text, with a lower
# weight than its own words. Everything is matched after stemming.
THEMES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    # Inventory of care needs, observing, signalling.
    (
        ("inventariseert", "behoefte", "ondersteuningsvragen"),
        _w(
            "observeren observatie observaties signaleren signaal anamnese meten metingen "
            "scorelijst valrisico pijnscore pijn ondervoeding snaq decubitusrisico drukplek "
            "drukplekken risico vitale functies bloeddruk pols temperatuur saturatie ademhaling "
            "veranderingen achteruitgang delier wensen behoeften gewoonten kennismaking opname "
            "intake"
        ),
    ),
    # Care plan / support plan.
    (
        ("zorgplan", "ondersteuningsplan"),
        _w(
            "zorgplan zorgleefplan zorgdossier dossier ecd rapporteren rapportage rapport soep "
            "doelen zorgdoelen afspraken evalueren evaluatie bijstellen opstellen "
            "ondersteuningsplan begeleidingsplan plan"
        ),
    ),
    # Carrying out care and support (ADL, personal care, daily guidance).
    (
        ("zorginterventies", "begeleidingsactiviteiten", "persoonlijke", "adl"),
        _w(
            "wassen douchen aankleden uitkleden adl ochtendzorg avondzorg mondzorg haren scheren "
            "nagels huidverzorging huid smeren verschonen incontinentie incontinentiemateriaal "
            "toiletgang transfer transfers tillift mobiliseren mobiliteit lopen rolstoel bewegen "
            "eten drinken maaltijd zelfredzaamheid activeren dementie onbegrepen gedrag "
            "benaderen benadering "
            "palliatief palliatieve terminale stervensbegeleiding comfortzorg troosten "
            "steunkousen bed wisselligging communicatie communiceren gesprek gesprekken contact "
            "luisteren"
        ),
    ),
    # Nursing procedures.
    (
        ("verpleegtechnische",),
        _w(
            "wond wonden wondzorg wondverzorging verband verbinden hechtingen injectie injecties "
            "injecteren insuline bloedsuiker prikken katheter katheteriseren blaaskatheter sonde "
            "sondevoeding stoma infuus zuurstof uitzuigen drain medicatie medicijnen toedienen "
            "voorbehouden risicovolle handeling handelingen steriel decubitus compressie"
        ),
    ),
    # Unexpected and acute situations.
    (
        ("acute", "onvoorziene", "crisissituaties", "veilige situatie"),
        _w(
            "val vallen valt valincident gevallen reanimatie reanimeren bhv ehbo alarm alarmeren "
            "noodsituatie spoed calamiteit incident melding onwel bewusteloos benauwd "
            "benauwdheid verslikken hypo epilepsie insult agressie agressief crisis escalatie"
        ),
    ),
    # Information and advice to clients and relatives.
    (
        ("advies", "adviseert", "informatie", "informeert"),
        _w(
            "uitleg uitleggen voorlichting leefstijl gezondheid gezond voeding roken bewegen "
            "folder informeren adviseren advies vertellen"
        ),
    ),
    # Informal carers, relatives, volunteers, network.
    (
        ("informele", "mantelzorgers", "naastbetrokkenen", "netwerk"),
        _w(
            "mantelzorg mantelzorger mantelzorgers familie familieleden naasten partner kinderen "
            "dochter zoon contactpersoon vrijwilliger vrijwilligers buren familiegesprek "
            "betrekken"
        ),
    ),
    # Working with other professionals.
    (
        ("zorgprofessionals", "werkt samen"),
        _w(
            "overdracht overdragen mdo multidisciplinair arts huisarts specialist "
            "ouderengeneeskunde fysiotherapeut ergotherapeut dietist logopedist "
            "wijkverpleegkundige apotheek overleg overleggen teamoverleg doorgeven sbar "
            "telefonisch bellen samenwerken samenwerking collega collega's"
        ),
    ),
    # Innovation and technology.
    (
        ("innoveren", "technologische", "hulpmiddelen"),
        _w(
            "domotica technologie zorgtechnologie ehealth beeldbellen app sensor "
            "medicijndispenser robot tablet digitaal innovatie nieuw vernieuwing"
        ),
    ),
    # Own development as a professional.
    (
        ("ontwikkelt", "deskundigheid", "evalueert werkzaamheden"),
        _w(
            "feedback reflecteren reflectie eigen handelen bekwaamheid verbeterpunten grenzen "
            "aangeven assertief zelfvertrouwen intervisie houding professioneel werkdruk stress "
            "emoties nee zeggen"
        ),
    ),
    # Safe working environment.
    (
        ("werkomgeving", "veilige", "veiligheid"),
        _w(
            "ergonomie ergonomisch tillen til tilhulpmiddel tillift rug handhygiene hygiene "
            "infectiepreventie handschoenen ongewenst grensoverschrijdend agressie melden arbo "
            "brandveiligheid bhv veilig"
        ),
    ),
    # Coaching and guiding colleagues, students, volunteers.
    (
        ("coacht", "stagiaires"),
        _w(
            "inwerken inwerkprogramma stagiair stagiaire stagiairs leerling leerlingen "
            "eerstejaars instrueren coachen begeleiden collega feedback"
        ),
    ),
    # Clinical reasoning and nursing diagnosis.
    (
        ("diagnose", "redeneren"),
        _w(
            "klinisch redeneren verpleegkundige diagnose diagnostiek verpleegprobleem "
            "verpleegplan symptomen oorzaak hypothese nanda gordon patronen interventies"
        ),
    ),
    # Coordinating care.
    (
        ("coordineert", "coordinerende", "optimaliseert"),
        _w(
            "coordineren coordinatie regie dienst dienstverantwoordelijke prioriteren "
            "prioriteiten planning plannen taakverdeling verdelen indeling aansturen delegeren "
            "overzicht efficient bezetting"
        ),
    ),
    # Housing and household.
    (
        ("huishouden", "gebruiksklaar"),
        _w(
            "schoonmaken stofzuigen bed bedden opmaken was strijken opruimen boodschappen "
            "keuken afwassen kamer huishoudelijk linnen"
        ),
    ),
    # Social and recreational activities, day activities.
    (
        ("recreatieve", "dagbesteding", "groep", "groepsgerichte"),
        _w(
            "spel spelletje spelletjes wandelen knutselen muziek zingen bingo uitje activiteit "
            "activiteitenbegeleiding groep groepsactiviteit gezelligheid eenzaamheid "
            "dagbesteding"
        ),
    ),
    # Meals and drinks (service work).
    (
        ("voeding", "maaltijden"),
        _w("koken maaltijd maaltijden broodmaaltijd dranken koffie thee dieet"),
    ),
    # Point of contact.
    (
        ("aanspreekpunt",),
        _w("telefoon bezoek bezoekers ontvangen doorverwijzen receptie"),
    ),
    # Simple administration.
    (
        ("administratieve",),
        _w("invoeren computer formulier formulieren kopieren scannen archiveren"),
    ),
    # Stock.
    (
        ("voorraadbeheer", "voorraad"),
        _w("bestellen bestelling materiaal materialen magazijn aanvullen tekort"),
    ),
    # Small maintenance.
    (
        ("onderhouds", "herstelwerkzaamheden", "onderhoud"),
        _w("reparatie repareren storing kapot"),
    ),
]

# Level cues: (level, phrase, weight, words that cancel the cue when near).
# A phrase matches when all its words occur within a few words of each other,
# in any order. Level 2 cues speak of assisting and working under
# instruction; level 3 of independent vocational care and nursing
# procedures; level 4 of coordinating, clinical reasoning, directing care and
# guiding colleagues.
LEVEL_CUES: list[tuple[int, str, float, tuple[str, ...]]] = [
    (2, "assisteren", 1.0, ()),
    (2, "assisteer", 1.0, ()),
    (2, "meehelpen", 1.0, ()),
    (2, "helpen", 0.5, ()),
    (2, "volgens instructie", 1.0, ()),
    (2, "op aanwijzing", 1.0, ()),
    (2, "onder toezicht", 1.0, ()),
    (2, "aanreiken", 1.0, ()),
    (2, "klaarzetten", 1.0, ()),
    (2, "huishoudelijke taken", 1.0, ()),
    (2, "schoonmaken", 1.0, ()),
    (2, "bed opmaken", 1.0, ()),
    (2, "bedden opmaken", 1.0, ()),
    (2, "koffie schenken", 1.0, ()),
    (2, "koffie rondbrengen", 1.0, ()),
    (2, "koffie brengen", 1.0, ()),
    (2, "koffie rond", 1.0, ()),
    (2, "thee schenken", 1.0, ()),
    (2, "rondbrengen", 0.5, ()),
    (2, "bedden maken", 1.0, ()),
    (2, "bed maken", 1.0, ()),
    (2, "bed verschonen", 0.7, ()),
    (2, "tafel dekken", 1.0, ()),
    (2, "afwassen", 1.0, ()),
    (2, "eenvoudige", 0.5, ()),
    (3, "zelfstandig", 0.5, ()),
    (3, "verpleegtechnische handelingen", 1.0, ()),
    (3, "verpleegtechnisch", 1.0, ()),
    (3, "injecteren", 1.0, ()),
    (3, "injectie", 1.0, ()),
    (3, "insuline", 1.0, ()),
    (3, "katheter", 1.0, ()),
    (3, "katheteriseren", 1.0, ()),
    (3, "sonde", 1.0, ()),
    (3, "sondevoeding", 1.0, ()),
    (3, "stoma", 1.0, ()),
    (3, "wondzorg", 1.0, ()),
    (3, "wondverzorging", 1.0, ()),
    (3, "wond verzorgen", 1.0, ()),
    (3, "infuus", 1.0, ()),
    (3, "bloedsuiker prikken", 1.0, ()),
    (3, "medicatie toedienen", 1.0, ()),
    (3, "medicatie delen", 1.0, ()),
    (3, "medicijnen toedienen", 1.0, ()),
    (3, "zorgplan opstellen", 1.0, ()),
    (3, "zorgplan bijstellen", 1.0, ()),
    (3, "zorgplan schrijven", 1.0, ()),
    (3, "zorgplan evalueren", 1.0, ()),
    (3, "voorlichting geven", 0.7, ()),
    (3, "risico's inschatten", 0.7, ()),
    (3, "observeren", 0.5, ()),
    (3, "signaleren", 0.5, ()),
    (3, "rapporteren", 0.5, ()),
    (4, "coördineren", 1.0, ()),
    (4, "coördinatie", 1.0, ()),
    (4, "coördinerende", 1.0, ()),
    (4, "regie", 1.0, ("eigen", "client", "zorgvrager", "bewoner", "leven", "zelf")),
    (4, "dienst leiden", 1.0, ()),
    (4, "dienstverantwoordelijke", 1.0, ()),
    (4, "eindverantwoordelijk", 1.0, ()),
    (4, "prioriteiten stellen", 1.0, ()),
    (4, "werk verdelen", 1.0, ()),
    (4, "taken verdelen", 1.0, ()),
    (4, "aansturen", 1.0, ()),
    (4, "delegeren", 1.0, ()),
    (4, "leidinggeven", 1.0, ()),
    (4, "leiding geven", 1.0, ()),
    (4, "klinisch redeneren", 1.0, ()),
    (4, "verpleegkundige diagnose", 1.0, ()),
    (4, "diagnose stellen", 1.0, ()),
    (4, "verpleegplan", 1.0, ()),
    (4, "collega's begeleiden", 1.0, ()),
    (4, "collega's coachen", 1.0, ()),
    (4, "collega's inwerken", 1.0, ()),
    (4, "collega's instrueren", 1.0, ()),
    (4, "collega's adviseren", 1.0, ()),
    (4, "stagiaires begeleiden", 1.0, ()),
    (4, "leerlingen begeleiden", 1.0, ()),
    (4, "stagiair begeleiden", 1.0, ()),
    (4, "team adviseren", 1.0, ()),
    (4, "mdo leiden", 1.0, ()),
    (4, "werkoverleg voorzitten", 1.0, ()),
    (4, "complexe zorg", 0.7, ()),
    (4, "complexe zorgsituaties", 0.7, ()),
]

# Words that make a question vague when nothing measurable goes with them.
VAGUE_WORDS = _w(
    "beter meer leuk leuker fijn vaker ervaring ervaringen opdoen kennismaken ontdekken "
    "verbeteren alles algemeen sneller zekerder proberen"
)

# Measurable / observable cues: how the mentor can see the question is answered.
MEASURE_WORDS = _w(
    "zelfstandig zonder hulp volgens protocol aftekenen afgetekend laten zien zien controleren "
    "minimaal minstens ten minste keer keren drie vier vijf twee tien elke iedere dagelijks "
    "wekelijks uitvoeren uitgevoerd beoordeeld beoordelen checklist foutloos correct juist "
    "stappen"
)

# Words that tie the question to a moment.
TIME_WORDS = _w(
    "januari februari maart april mei juni juli augustus september oktober november december week "
    "weken maand maanden dag dagen einde eind begin halverwege periode vakantie maandag dinsdag "
    "woensdag donderdag vrijdag zaterdag zondag morgen vandaag binnenkort deadline datum"
)

# Words that show the student writes about themself.
OWN_WORDS = ("ik", "mijn", "mij", "me", "mezelf", "mijzelf")
