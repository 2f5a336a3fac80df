"""The checker on new example questions: vague questions, common words, level and diacritics."""

import pytest

from leerroute.learning import checker
from leerroute.qualifications.models import Qualification

STEPS = "1. Ik kijk mee. 2. Ik oefen onder begeleiding. 3. Ik doe het zelf."
SUPPORT = "Voordoen en feedback geven."


@pytest.fixture
def vig(db):
    return Qualification.objects.get(title="Verzorgende IG")


@pytest.fixture
def mbov(db):
    return Qualification.objects.get(title="Mbo-Verpleegkundige")


@pytest.mark.parametrize("text", ["Ik wil beter worden.", "Ik wil het goed doen", "Meer leren!"])
def test_a_question_of_only_common_words_says_why_it_is_too_vague(vig, text):
    result = checker.check(text, vig)
    assert "empty" not in result.codes
    finding = result.finding("not_concrete")
    assert finding is not None
    assert "te vaag" in finding.message
    assert "Schrijf eerst je leervraag" not in finding.message
    assert result.suggestions == ()


def test_an_empty_question_still_asks_to_write_one(vig):
    assert checker.check("", vig).codes == ["empty"]


@pytest.mark.parametrize("text", ["Ik wil onder", "Ik wil leren onder", "onder tussen boven"])
def test_a_single_common_word_is_no_work_process_suggestion(vig, text):
    assert checker.check(text, vig).suggestions == ()


@pytest.mark.parametrize(
    "text",
    [
        "Ik wil leren bedden opmaken en koffie rondbrengen.",
        "Ik wil leren de bedden op te maken en thee en koffie rond te brengen op de afdeling.",
    ],
)
def test_an_activity_far_below_level_three_gets_a_level_hint(vig, text):
    result = checker.check(text, vig, STEPS, SUPPORT)
    finding = result.finding("level_too_low")
    assert finding is not None, result.codes
    assert "niveau 3" in finding.message


def test_level_hints_keep_their_diacritics(vig):
    result = checker.check(
        "Ik wil leren de zorg op de afdeling te coördineren tijdens de avonddienst.",
        vig,
        STEPS,
        SUPPORT,
    )
    finding = result.finding("level_too_high")
    assert finding is not None
    assert "coördineren" in finding.message
    assert "coordineren" not in finding.message
    assert "coördineren" in finding.words


def test_a_good_new_example_keeps_its_suggestion(vig):
    result = checker.check(
        "Ik wil leren zelfstandig insuline te injecteren bij een bewoner met diabetes.",
        vig,
        STEPS,
        SUPPORT,
    )
    assert result.suggestions
    assert "level_too_low" not in result.codes
