"""The one parser for ids, numbers and free text read from a request."""

import pytest
from django.http import QueryDict

from leerroute.core import inputs

MALFORMED = ["²", "١", "-1", "+1", "1.0", "0x10", " 1", "1 ", "abc", "1\x00", "\x00", "1e3", "١٢"]


@pytest.mark.parametrize("value", MALFORMED)
def test_a_malformed_id_is_none(value):
    assert inputs.parse_id(value) is None


def test_isdigit_was_the_trap():
    # str.isdigit() says yes to both; int() fails on one and misreads the other.
    assert "²".isdigit() and "١".isdigit()
    assert inputs.parse_id("²") is None and inputs.parse_id("١") is None


def test_ids_are_ascii_digits_within_the_bigint_range():
    assert inputs.parse_id("0") == 0
    assert inputs.parse_id("007") == 7
    assert inputs.parse_id(str(2**63 - 1)) == 2**63 - 1
    assert inputs.parse_id(str(2**63)) is None
    assert inputs.parse_id("99999999999999999999999") is None
    assert inputs.parse_id(12) == 12
    assert inputs.parse_id(True) is None
    assert inputs.parse_id(None) is None
    assert inputs.parse_id("") is None


def test_parse_ids_is_all_or_nothing():
    assert inputs.parse_ids(["3", "1", "3"]) == [3, 1]
    assert inputs.parse_ids(["3", "²"]) is None
    assert inputs.parse_ids([]) == []
    assert inputs.valid_ids(["3", "²", "x", "4"]) == {3, 4}


def test_parameters_absent_empty_or_malformed():
    data = QueryDict("student=12&leeg=&slecht=%C2%B2&wp=1&wp=2&wp=&fout=1&fout=x")
    assert inputs.get_id(data, "student") == 12
    assert inputs.get_id(data, "ontbreekt") is None
    assert inputs.get_id(data, "leeg") is None
    with pytest.raises(inputs.BadInput) as caught:
        inputs.get_id(data, "slecht")
    assert "ongeldig nummer" in str(caught.value.message)
    assert inputs.get_ids(data, "wp") == [1, 2]
    with pytest.raises(inputs.BadInput):
        inputs.get_ids(data, "fout")
    with pytest.raises(inputs.BadInput):
        inputs.get_int(QueryDict("v=0"), "v", minimum=1)


@pytest.mark.parametrize(
    ("value", "page"), [("3", 3), ("0", 1), ("-2", 1), ("²", 1), ("", 1), (None, 1), ("1.5", 1)]
)
def test_page_number(value, page):
    data = QueryDict(mutable=True)
    if value is not None:
        data["pagina"] = value
    assert inputs.page_number(data) == page


def test_clean_text_keeps_line_breaks_and_drops_control_characters():
    assert inputs.clean_text("a\tb\r\nc") == "a\tb\r\nc"
    assert inputs.clean_text("a\x00b\x07c\x1bd\x7f") == "abcd"
    assert inputs.clean_text("Één “zin” met 🙂 en ‍") == "Één “zin” met 🙂 en ‍"
    assert inputs.clean_text(None) == ""
    assert inputs.clean_text("abcdef", 3) == "abc"
