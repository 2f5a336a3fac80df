"""client_identifiers: what in a free text looks like it identifies a client."""

import pytest

from leerroute.core.privacy import ClientIdentifier, client_identifiers


def found(text):
    return [(i.kind, i.text) for i in client_identifiers(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ik hielp mevrouw Jansen met wassen.", "mevrouw Jansen"),
        ("Meneer Bakker had pijn.", "Meneer Bakker"),
        ("Bij mw. Visser ging het goed.", "mw. Visser"),
        ("Bij mw Visser ging het goed.", "mw Visser"),
        ("Mevr. Amrani wilde douchen.", "Mevr. Amrani"),
        ("Met dhr. J.P. de Vries gewandeld.", "dhr. J.P. de Vries"),
        ("dhr.Bakker wilde niet eten", "dhr.Bakker"),
        ("De heer Van den Berg at weinig.", "De heer Van den Berg"),
        ("Ik heb de heer Öztürk geholpen.", "de heer Öztürk"),
        ("Mevrouw De Boer-Smit sliep slecht.", "Mevrouw De Boer-Smit"),
    ],
)
def test_names_after_a_form_of_address(text, expected):
    assert found(text) == [("name", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Er liep een meneer op de afdeling die de weg kwijt was.",
        "Meneer zei dat hij pijn had.",
        "De mevrouw van de overkant belde aan.",
        "Ik vroeg het aan mevrouw. Daarna ging ik koffie halen.",
        "Ik vroeg het aan mevrouw\nDaarna ging ik koffie halen.",
        "Mw. Ik weet het niet.",
        "Ik sprak mevrouw J. aan op haar gedrag.",  # an initial only: the usual anonymising
        "De heer des huizes.",
        "Een bewoner wilde niet eten.",
    ],
)
def test_no_name_without_a_capitalised_surname(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ik ging naar kamer 12 voor de zorg.", "kamer 12"),
        ("De bewoner van k.12 belde.", "k.12"),
        ("De bewoner van K. 3b belde.", "K. 3b"),
        ("Kamernummer 104 had hulp nodig.", "Kamernummer 104"),
        ("In kamer nr. 7 lag een bewoner.", "kamer nr. 7"),
    ],
)
def test_room_numbers(text, expected):
    assert found(text) == [("room", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Ik heb de kamer opgeruimd.",
        "De kamers zijn klaar.",
        "Ik heb de kamer 2 keer gelucht.",
        "In de slaapkamer 3 was het koud.",
        "Ik heb 12 bewoners geholpen.",
    ],
)
def test_no_room_without_a_room_number(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Zij is geboren 3-4-1941.", "geboren 3-4-1941"),
        ("geb. 03-04-1941, woont hier al lang", "geb. 03-04-1941"),
        ("Geboortedatum: 3 april 1941", "Geboortedatum: 3 april 1941"),
        ("Hij is geboren op 1941-04-03.", "geboren op 1941-04-03"),
        ("geb. 3/4/41", "geb. 3/4/41"),
        ("geboren op 12 okt. 1938", "geboren op 12 okt. 1938"),
    ],
)
def test_dates_of_birth(text, expected):
    assert found(text) == [("birth_date", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Ik wil dit voor 1 februari kunnen.",
        "Op 12-03-2026 om 9 uur begon de dienst.",
        "Voor 1-3-2027 wil ik dit zelfstandig doen.",
        "Hij is geboren in 1941.",  # no full date
        "Geboren op 3-4-2005.",  # a year after 2000
        "Zij is geboren in Leiden. Op 3-4-1941 ...",  # another sentence
        "Een pasgeboren baby, 3-4-1999.",
        "Het gebied rond 3-4-1990.",
    ],
)
def test_no_birth_date_for_ordinary_dates(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("BSN 123456782", "123456782"),
        ("bsn: 1234.56.782", "1234.56.782"),
        ("nummer 123 456 782 staat in het dossier", "123 456 782"),
        ("nummer 111-222-333.", "111-222-333"),
    ],
)
def test_bsn_like_numbers_passing_the_elfproef(text, expected):
    assert found(text) == [("bsn", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "123456789",  # fails the elfproef
        "1234.56.789",
        "000000000",
        "Bel 06 12345678 of 0612345678.",  # phone numbers: ten digits
        "Rekening NL91ABNA0417164300",
        "Het kostte 1.234.567,89 euro.",
        "1234567820",  # ten digits, even though the first nine pass
    ],
)
def test_no_bsn_for_other_numbers(text):
    assert found(text) == []


def test_several_identifiers_in_order_once_each():
    text = (
        "Mevrouw Jansen (kamer 12, geboren 3-4-1941, BSN 123456782) wilde niet eten. "
        "Later at mevrouw Jansen wel."
    )
    assert found(text) == [
        ("name", "Mevrouw Jansen"),
        ("room", "kamer 12"),
        ("birth_date", "geboren 3-4-1941"),
        ("bsn", "123456782"),
        ("name", "mevrouw Jansen"),
    ]


def test_the_result_is_a_frozen_dataclass_with_a_dutch_explanation():
    (hit,) = client_identifiers("Ik hielp mevrouw Jansen.")
    assert hit == ClientIdentifier(kind="name", text="mevrouw Jansen", explanation=hit.explanation)
    assert "‘mevrouw Jansen’" in hit.explanation and "een bewoner" in hit.explanation
    with pytest.raises(AttributeError):
        hit.kind = "room"
    for text, word in [
        ("kamer 12", "kamernummer"),
        ("geboren 3-4-1941", "geboortedatum"),
        ("123456782", "burgerservicenummer"),
    ]:
        assert word in client_identifiers(text)[0].explanation


def test_whitespace_in_the_match_is_collapsed():
    assert found("mevrouw\u00a0 Jansen") == [("name", "mevrouw Jansen")]


@pytest.mark.parametrize("text", ["", "Ik wil leren insuline te injecteren.", None])
def test_clean_or_empty_text(text):
    assert client_identifiers(text) == []
