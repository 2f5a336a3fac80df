"""How long the learning-question checker takes per question.

Runs against an in-memory SQLite database with the shipped qualification
files, so it needs no set-up: ``make bench`` or ``python -m bench``.

Reported per qualification: the time to build its index (once, then cached
in memory), and per question the mean and 95th percentile of ``check()``:
"first pass" with an empty word cache (every word stemmed for the first time,
as for a fresh process) and "warm" (the same questions again, the usual
situation in a running server). The target is under 5 ms per question.
The stemmer is snowballstemmer, which uses PyStemmer's C code when it is
installed (a dependency); the line "stemmer:" says which one ran.
"""

from __future__ import annotations

import os
import statistics
import time

REPEATS = 20

# Written for this benchmark (not the demo data or the tests): realistic
# questions with steps and support, per qualification title.
QUESTIONS = {
    "Verzorgende IG": [
        "Ik wil leren hoe ik bij een bewoner met diabetes de bloedsuiker prik en de "
        "insuline volgens protocol toedien, zodat ik dat binnen drie weken zelfstandig doe.",
        "Ik wil leren hoe ik een wond na een heupoperatie steriel verbind en de wond "
        "observeer op tekenen van infectie.",
        "Ik wil leren een duidelijke mondelinge overdracht te geven aan de avonddienst met "
        "SBAR, voor het einde van de maand.",
        "Ik wil leren hoe ik rustig en veilig reageer als een bewoner met dementie "
        "agressief wordt tijdens de ochtendzorg.",
        "Ik wil leren om samen met de bewoner en zijn dochter het zorgplan te evalueren "
        "en bij te stellen in het multidisciplinair overleg.",
        "Ik wil leren hoe ik een bewoner die gevallen is beoordeel en wat ik meld in een "
        "MIC-melding.",
        "Ik wil leren hoe ik een bewoner uitleg geef over gezonde voeding en bewegen "
        "na zijn hartinfarct.",
        "Ik wil leren grenzen aan te geven als ik het te druk heb en daarover feedback "
        "te vragen aan collega's.",
        "Ik wil leren werken met de medicijndispenser en beeldbellen bij cliënten thuis.",
        "Ik wil leren een katheter te verzorgen en de urine te observeren, binnen vier weken.",
    ],
    "Mbo-Verpleegkundige": [
        "Ik wil leren om bij een patiënt met benauwdheid klinisch te redeneren en een "
        "verpleegkundige diagnose te stellen, in week 6.",
        "Ik wil leren de avonddienst te coördineren: de taken verdelen en prioriteiten "
        "stellen als er een opname bijkomt.",
        "Ik wil leren een eerstejaars stagiaire te begeleiden bij de ADL en haar "
        "feedback te geven volgens de OEPS-methode.",
        "Ik wil leren een infuus aan te hangen en de inloopsnelheid te controleren onder toezicht.",
        "Ik wil leren om met de fysiotherapeut en de arts afspraken te maken over de "
        "mobilisatie van een revalidant.",
        "Ik wil leren de vitale functies te meten met de MEWS-score en tijdig de arts "
        "te bellen bij afwijkingen.",
        "Ik wil leren hoe ik een nieuwe werkwijze voor valpreventie op de afdeling "
        "invoer samen met het team.",
        "Ik wil leren palliatieve zorg te geven en de familie te ondersteunen in de "
        "laatste levensfase.",
    ],
    "Helpende Zorg en Welzijn": [
        "Ik wil leren een cliënt te helpen met douchen en aankleden volgens de afspraken "
        "in het zorgplan.",
        "Ik wil leren een bingomiddag voor de bewoners van de groep voor te bereiden en "
        "te begeleiden.",
        "Ik wil leren de kamers schoon te maken volgens het schoonmaakrooster en de "
        "hygiënevoorschriften.",
        "Ik wil leren de broodmaaltijd klaar te maken met aandacht voor het dieet van de bewoners.",
        "Ik wil leren bezoekers te ontvangen en de telefoon aan te nemen bij de receptie.",
        "Ik wil leren wat ik doe als een cliënt zich verslikt tijdens het eten.",
        "Ik wil leren de voorraad incontinentiemateriaal bij te houden en op tijd te bestellen.",
        "Ik wil leren feedback te vragen op mijn werk en daarover te reflecteren.",
    ],
}
STEPS = (
    "1. Ik lees het protocol en de afspraken in het zorgplan.\n"
    "2. Ik kijk twee keer mee met mijn werkbegeleider.\n"
    "3. Ik doe het onder begeleiding en daarna zelfstandig."
)
SUPPORT = "Voordoen, meekijken en na afloop feedback geven."


def _setup() -> None:
    os.environ.setdefault("DEBUG", "true")
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerroute.settings")
    import django

    django.setup()
    import io

    from django.core.management import call_command

    call_command("migrate", verbosity=0, stdout=io.StringIO())
    from leerroute.qualifications import demo

    demo.seed({})


def _percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def main() -> None:
    _setup()
    import snowballstemmer

    from leerroute.learning import checker
    from leerroute.qualifications.models import Qualification

    print("Leervraag-check: tijd per vraag (doel: < 5 ms)")
    kind = type(snowballstemmer.stemmer("dutch")).__module__
    print(f"stemmer: {kind} ({'C, PyStemmer' if kind == 'Stemmer' else 'pure Python'})")
    print(
        f"{'kwalificatie':28} {'wp':>3} {'index':>8} {'1e keer gem/p95':>17} "
        f"{'warm gem/p95':>15} {'CPU warm':>15}"
    )
    # One untimed call first: loading the translations is a once-per-process cost.
    checker.check("Ik wil leren.", Qualification.objects.first())
    all_cold: list[float] = []
    all_warm: list[float] = []
    all_cpu: list[float] = []
    for title, questions in QUESTIONS.items():
        qualification = Qualification.objects.select_related("level").get(title=title)
        # As in a fresh process: no index, no stemmed words.
        checker.invalidate()
        checker._STEM_CACHE.clear()
        start = time.perf_counter()
        index = checker.get_index(qualification)
        build_ms = (time.perf_counter() - start) * 1000
        cold = []
        for text in questions:
            start = time.perf_counter()
            checker.check(text, qualification, STEPS, SUPPORT)
            cold.append((time.perf_counter() - start) * 1000)
        warm = []
        cpu = []
        for _ in range(REPEATS):
            for text in questions:
                start, start_cpu = time.perf_counter(), time.thread_time()
                checker.check(text, qualification, STEPS, SUPPORT)
                warm.append((time.perf_counter() - start) * 1000)
                cpu.append((time.thread_time() - start_cpu) * 1000)
        all_cold += cold
        all_warm += warm
        all_cpu += cpu
        print(
            f"{title:28} {len(index.docs):>3} {build_ms:>6.1f}ms "
            f"{statistics.mean(cold):>7.2f}/{_percentile(cold, 95):<6.2f}ms "
            f"{statistics.mean(warm):>6.2f}/{_percentile(warm, 95):<6.2f}ms "
            f"{statistics.mean(cpu):>6.2f}/{_percentile(cpu, 95):<6.2f}ms"
        )
    print(
        f"{'alle vragen':28} {'':>3} {'':>8} "
        f"{statistics.mean(all_cold):>7.2f}/{_percentile(all_cold, 95):<6.2f}ms "
        f"{statistics.mean(all_warm):>6.2f}/{_percentile(all_warm, 95):<6.2f}ms "
        f"{statistics.mean(all_cpu):>6.2f}/{_percentile(all_cpu, 95):<6.2f}ms"
    )
    print(f"({sum(len(q) for q in QUESTIONS.values())} vragen; warm = {REPEATS} herhalingen)")
    print(
        "Wandkloktijd hangt af van de belasting van de machine; CPU-tijd (thread) niet. "
        f"Belasting nu: {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
