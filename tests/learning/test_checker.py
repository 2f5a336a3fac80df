"""The checker: ranking, level hints, form findings, the command."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from leerroute.learning import checker
from leerroute.qualifications.models import Qualification, WorkProcess

STEPS = "1. Ik lees het protocol. 2. Ik kijk mee. 3. Ik doe het zelf onder begeleiding."
SUPPORT = "Voordoen en feedback geven."


@pytest.fixture
def vig(db):
    return Qualification.objects.get(title="Verzorgende IG")


@pytest.fixture
def mbov(db):
    return Qualification.objects.get(title="Mbo-Verpleegkundige")


@pytest.fixture
def helpende(db):
    return Qualification.objects.get(title="Helpende Zorg en Welzijn")


def top(result):
    return result.suggestions[0].code if result.suggestions else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ik wil leren een katheter bij een bewoner te verzorgen en de urine te observeren.",
            "B1-K1-W4",
        ),
        (
            "Ik wil leren hoe ik mantelzorgers betrek bij het opstellen van afspraken over de "
            "zorg voor hun vader.",
            "B1-K2-W1",
        ),
        (
            "Ik wil leren snel en goed te handelen als een bewoner onwel wordt of benauwd raakt.",
            "B1-K1-W5",
        ),
        (
            "Ik wil leren een heldere telefonische overdracht aan de huisarts te doen met SBAR.",
            "B1-K2-W2",
        ),
        ("Ik wil leren ergonomisch te werken en de tillift veilig te gebruiken.", "B1-K3-W3"),
        (
            "Ik wil leren hoe ik de ochtendzorg geef aan een bewoner met dementie: wassen en "
            "aankleden.",
            "B1-K1-W3",
        ),
    ],
)
def test_verzorgende_ig_top_suggestion(vig, text, expected):
    assert top(checker.check(text, vig, STEPS, SUPPORT)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik wil leren klinisch redeneren bij een patiënt met koorts na een operatie.", "P2-K1-W1"),
        ("Ik wil leren de nieuwe stagiaires in te werken en ze te coachen.", "P2-K1-W2"),
        (
            "Ik wil leren de zorg van de avonddienst te plannen en prioriteiten te stellen.",
            "P2-K1-W3",
        ),
        ("Ik wil leren een patiënt voorlichting te geven over een gezonde leefstijl.", "B1-K1-W6"),
    ],
)
def test_mbo_verpleegkundige_top_suggestion(mbov, text, expected):
    assert top(checker.check(text, mbov, STEPS, SUPPORT)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik wil leren een cliënt te ondersteunen bij het aankleden en eten.", "P2-K1-W2"),
        (
            "Ik wil leren samen met de bewoners een wandeling en een spelletje te organiseren.",
            "P2-K1-W3",
        ),
        ("Ik wil leren de bestellingen voor het magazijn bij te houden.", "B1-K1-W5"),
        ("Ik wil leren de koffie en thee en de broodmaaltijd te verzorgen.", "B1-K1-W8"),
    ],
)
def test_helpende_top_suggestion(helpende, text, expected):
    assert top(checker.check(text, helpende, STEPS, SUPPORT)) == expected


def test_suggestions_give_their_matching_words(vig):
    result = checker.check("Ik wil leren insuline te spuiten bij bewoners.", vig)
    first = result.suggestions[0]
    assert first.code == "B1-K1-W4"
    assert "insuline" in first.matched
    assert first.score > 0


def test_compounds_are_split_against_the_vocabulary(vig):
    index = checker.get_index(vig)
    # Written together, but both parts are in the vocabulary.
    assert checker.split_compound("katheterzorg", index) == ["katheter", "zorg"]
    # A prefix is not a compound part.
    assert checker.split_compound("verzorgen", index) == []
    result = checker.check("Ik wil leren hoe katheterzorg werkt.", vig)
    assert top(result) == "B1-K1-W4"
    assert "katheterzorg" in result.suggestions[0].matched


def test_accents_and_stemming(mbov):
    plain = checker.check("Ik wil leren coordineren.", mbov)
    accented = checker.check("Ik wil leren coördineren.", mbov)
    assert top(plain) == top(accented) == "P2-K1-W3"


def test_level_four_work_at_level_three_is_flagged(vig):
    result = checker.check(
        "Ik wil leren de dienst te leiden en de taken onder mijn collega's te verdelen.",
        vig,
        STEPS,
        SUPPORT,
    )
    finding = result.finding("level_too_high")
    assert finding is not None
    assert "niveau 3" in finding.message


def test_level_two_coordinating_is_flagged(helpende):
    result = checker.check(
        "Ik wil leren de zorg op de groep te coördineren.", helpende, STEPS, SUPPORT
    )
    assert "level_too_high" in result.codes


def test_nursing_procedures_are_above_level_two(helpende):
    result = checker.check("Ik wil leren een sonde in te brengen.", helpende, STEPS, SUPPORT)
    assert "level_too_high" in result.codes


def test_only_assisting_is_too_low_for_level_four(mbov):
    result = checker.check(
        "Ik wil leren assisteren bij het opmaken van bedden volgens instructie.",
        mbov,
        STEPS,
        SUPPORT,
    )
    assert "level_too_low" in result.codes
    assert "level_too_high" not in result.codes


def test_a_fitting_question_gets_no_level_finding(vig, mbov):
    for q, text in [
        (vig, "Ik wil leren zelfstandig een wond te verzorgen volgens protocol."),
        (mbov, "Ik wil leren een stagiaire te begeleiden bij de ADL."),
    ]:
        codes = checker.check(text, q, STEPS, SUPPORT).codes
        assert "level_too_high" not in codes and "level_too_low" not in codes


def test_the_clients_own_regie_is_not_coordination(vig):
    result = checker.check(
        "Ik wil leren de eigen regie van de bewoner te stimuleren bij het aankleden.", vig
    )
    assert "level_too_high" not in result.codes


def test_a_good_question_has_no_findings(vig):
    result = checker.check(
        "Ik wil leren hoe ik zelfstandig en volgens protocol bloedsuiker prik, "
        "zodat ik het voor 1 juni drie keer zonder hulp doe.",
        vig,
        STEPS,
        SUPPORT,
    )
    assert result.codes == []


def test_vague_question_without_steps_or_support(vig):
    result = checker.check("Meer ervaring opdoen.", vig)
    assert {"not_concrete", "no_steps", "no_support", "not_own_question"} <= set(result.codes)
    assert "beter" not in result.finding("not_concrete").words
    assert "ervaring" in result.finding("not_concrete").words


def test_a_target_date_makes_it_timed(vig):
    import datetime

    text = "Ik wil leren zelfstandig een steunkous aan te trekken volgens protocol."
    without = checker.check(text, vig, STEPS, SUPPORT)
    with_date = checker.check(text, vig, STEPS, SUPPORT, datetime.date(2099, 1, 1))
    assert "af is" in without.finding("not_concrete").message
    assert with_date.finding("not_concrete") is None


def test_empty_text(vig):
    result = checker.check("  ", vig)
    assert result.codes == ["empty"]
    assert result.suggestions == ()


def test_a_client_named_in_question_steps_or_support_is_a_finding(vig):
    result = checker.check(
        "Ik wil leren hoe ik mevrouw Jansen zelfstandig en volgens protocol help met "
        "douchen, zodat ik het voor 1 juni drie keer zonder hulp doe.",
        vig,
        STEPS + " Eerst bij kamer 12.",
        SUPPORT + " Geboren 3-4-1941.",
    )
    assert result.codes[0] == "client_identifier"
    finding = result.finding("client_identifier")
    assert finding.words == ("mevrouw Jansen", "kamer 12", "Geboren 3-4-1941")
    assert "Je noemt mogelijk een cliënt (‘mevrouw Jansen’)" in finding.message
    assert "een bewoner" in finding.message and "kamernummer" in finding.message
    assert "geboortedatum" in finding.message
    # The other findings are unchanged (advice, nothing blocks).
    assert top(result) is not None


def test_no_client_finding_for_generic_words(vig):
    result = checker.check(
        "Ik wil leren hoe ik zelfstandig en volgens protocol bloedsuiker prik bij een meneer "
        "op de afdeling, zodat ik het voor 1 februari drie keer zonder hulp doe.",
        vig,
        STEPS + " Ik ruim de kamer op.",
        SUPPORT,
    )
    assert "client_identifier" not in result.codes


def test_client_finding_also_next_to_an_empty_question(vig):
    result = checker.check("", vig, "Bij meneer Bakker meekijken", "")
    assert result.codes == ["client_identifier", "empty"]


def test_index_is_rebuilt_after_an_import(vig):
    checker.get_index(vig)
    wp = vig.work_processes.get(code="B1-K3-W1")
    wp.description = "Werkt mee aan proeven met zorgrobots en slimme sensoren."
    wp.save()  # as the importer does: a post_save drops the cached indexes
    result = checker.check("Ik wil leren werken met een zorgrobot.", vig)
    assert top(result) == "B1-K3-W1"
    assert WorkProcess.objects.filter(pk=wp.pk, description__contains="zorgrobots").exists()


def _command(*args):
    out = io.StringIO()
    call_command("leervraag_check", *args, stdout=out)
    return json.loads(out.getvalue())


def test_command_prints_json_by_title(db):
    data = _command(
        "--kwalificatie",
        "Verzorgende IG",
        "Ik wil leren de zorg op de afdeling te coördineren.",
    )
    assert data["kwalificatie"] == "Verzorgende IG"
    assert data["level"] == 3
    codes = [f["code"] for f in data["findings"]]
    assert "level_too_high" in codes and "no_steps" in codes and "no_support" in codes
    for finding in data["findings"]:
        assert finding["message"]


def test_command_reports_a_client_identifier(db):
    data = _command(
        "--kwalificatie",
        "Verzorgende IG",
        "Ik wil leren mevrouw Jansen te helpen bij het eten.",
        "--stappen",
        "Eerst meekijken op kamer 12.",
    )
    finding = next(f for f in data["findings"] if f["code"] == "client_identifier")
    assert finding["words"] == ["mevrouw Jansen", "kamer 12"]
    assert "mevrouw Jansen" in finding["message"]


def test_command_by_crebo_ranks_with_scores(db):
    data = _command("--kwalificatie", "25655", "Ik wil leren wondzorg te geven bij een stoma.")
    assert data["kwalificatie"] == "Mbo-Verpleegkundige"
    first = data["suggestions"][0]
    assert first["code"] == "B1-K1-W4"
    assert first["score"] > 0 and "stoma" in first["matched_words"]


def test_command_unknown_qualification(db):
    with pytest.raises(CommandError, match="niet gevonden"):
        _command("--kwalificatie", "Tandarts", "Ik wil leren.")
