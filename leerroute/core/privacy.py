"""Client confidentiality: spot text that looks like it identifies a client.

``client_identifiers(text)`` returns what it found, in the order of the
text: a ``ClientIdentifier`` with a ``kind`` code, the ``text`` as written and
a Dutch ``explanation`` to show next to the field (TRUST.md, PRIV-19):

- ``name``: a capitalised name after a form of address ("mevrouw Jansen",
  "dhr. J. de Vries", "mw. Bakker"); "een meneer op de afdeling" is no name;
- ``room``: a room number ("kamer 12", "kamernummer 4b", "k.12");
- ``birth_date``: a full date with a year before 2000 (or a two-digit year)
  shortly after "geboren", "geb." or "geboortedatum";
- ``bsn``: nine digits, optionally grouped with dots, spaces or hyphens, that
  pass the elfproef of the burgerservicenummer.

It is advice, never a gate: callers show the explanation and still save.
The patterns are compiled once; the function never stores or logs the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

NAME, ROOM, BIRTH_DATE, BSN = "name", "room", "birth_date", "bsn"

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_SPACE = r"[ \t\u00a0]"

# A form of address (any case), then optional initials and tussenvoegsels,
# then a capitalised surname (case-sensitive). Line breaks end the search.
_NAME_RE = re.compile(
    rf"""
    (?<![{_LOWER}{_UPPER}])
    (?P<title>
        (?i:mevrouw|meneer|mevr|mw|dhr|de{_SPACE}+heer){_SPACE}+
      | (?i:mevr|mw|dhr)\.{_SPACE}*
    )
    (?P<name>
        (?:[{_UPPER}]\.{_SPACE}*){{0,4}}
        (?:(?i:van|de|der|den|ter|ten|te|op|in|'t|’t){_SPACE}+){{0,3}}
        (?!(?:Ik|Hij|Zij|Ze|We|Wij|Je|Jij|Het|Een|En|Maar|Dan|Daarna|Toen|Die|Dat|Deze|Dit)\b)
        [{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}'’]+)?
    )
    """,
    re.VERBOSE,
)

_ROOM_RE = re.compile(
    rf"""
    (?<![{_LOWER}{_UPPER}\d])
    (?i:kamer(?:nummer|nr\.?)?|kmr\.?|k\.)
    {_SPACE}*(?i:nr\.?|nummer)?{_SPACE}*
    \d{{1,4}}[a-zA-Z]?
    (?![\d{_LOWER}{_UPPER}])
    (?!{_SPACE}*(?i:keer|x\b|maal|minuten|min\b|uur|dagen|weken|maanden|jaar|personen|bedden|m2|m²))
    """,
    re.VERBOSE,
)

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))

# "geboren (op) 3-4-1941", "geb. 03/04/41", "geboortedatum: 3 april 1941",
# "geboren op 1941-04-03"; at most a few words between the keyword and the date.
_BIRTH_RE = re.compile(
    rf"""
    (?<![{_LOWER}{_UPPER}])
    (?i:geboren|geboortedatum|geboortedag|geb\.?(?:{_SPACE}*datum)?)
    (?![{_LOWER}{_UPPER}])
    [^\n.!?\d]{{0,30}}?
    (?P<date>
        (?P<d1>\d{{1,2}})\s*(?P<sep>[-/.])\s*(?P<m1>\d{{1,2}})\s*(?P=sep)\s*(?P<y1>\d{{4}}|\d{{2}})
      | (?P<d2>\d{{1,2}})\.?{_SPACE}+(?P<m2>(?i:{_MONTH_NAMES}))\.?{_SPACE}+(?P<y2>\d{{4}}|'\d{{2}})
      | (?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})
    )
    (?!\d)
    """,
    re.VERBOSE,
)

# Nine digits, each pair optionally separated by one dot, space or hyphen; not
# part of a longer run of digits (phone numbers, bank accounts, amounts).
_BSN_RE = re.compile(r"(?<![\w,])(?<!\d[ .\-])\d(?:[ .\-\u00a0]?\d){8}(?!\w)(?![ .,\-]\d)")
_DIGITS_RE = re.compile(r"\D")
_NAME_HINTS = ("mevr", "meneer", "mw", "dhr", "heer")
_ROOM_HINTS = ("kamer", "kmr", "k.")
_WHITESPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class ClientIdentifier:
    """Something in a text that may identify a client."""

    kind: str  # NAME, ROOM, BIRTH_DATE or BSN
    text: str  # as written (whitespace collapsed)
    explanation: str  # Dutch, for the person who wrote it


def _is_birth_date(match: re.Match) -> bool:
    if match["d1"]:
        day, month, year = match["d1"], match["m1"], match["y1"]
    elif match["d2"]:
        day, month, year = match["d2"], _MONTHS[match["m2"].lower()], match["y2"].lstrip("'")
    else:
        day, month, year = match["d3"], match["m3"], match["y3"]
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return False
    # A two-digit year next to "geboren" is a birth date whatever the century.
    return len(year) == 2 or 1850 <= int(year) < 2000


def _passes_elfproef(digits: str) -> bool:
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _explain(kind: str, text: str) -> str:
    if kind == NAME:
        return _(
            "Je noemt mogelijk een cliënt (‘%(text)s’). "
            "Schrijf ‘een bewoner’ of ‘een cliënt’ in plaats van een naam."
        ) % {"text": text}
    if kind == ROOM:
        return _(
            "Je noemt mogelijk een kamernummer (‘%(text)s’). "
            "Laat het nummer weg; schrijf bijvoorbeeld ‘een bewoner op de afdeling’."
        ) % {"text": text}
    if kind == BIRTH_DATE:
        return _(
            "Je noemt mogelijk een geboortedatum (‘%(text)s’). "
            "Laat die weg; noem zo nodig alleen een leeftijd, zoals ‘een bewoner van 80’."
        ) % {"text": text}
    return _("Dit lijkt een burgerservicenummer (‘%(text)s’). Zet nooit een BSN in Leerroute.") % {
        "text": text
    }


def client_identifiers(text: str) -> list[ClientIdentifier]:
    """What in ``text`` looks like it identifies a client, in order of appearance.

    Advice only: an empty list does not prove the text is anonymous, and a hit
    may be harmless; show the explanations and let the writer decide.
    """
    if not text:
        return []
    # Cheap substring tests first: most text has none of the keywords, and
    # scanning with ``in`` is much faster than running the patterns.
    lower = text.lower()
    found: list[tuple[int, str, str]] = []
    if any(word in lower for word in _NAME_HINTS):
        for match in _NAME_RE.finditer(text):
            found.append((match.start(), NAME, match[0]))
    if "k" in lower and any(word in lower for word in _ROOM_HINTS):
        for match in _ROOM_RE.finditer(text):
            found.append((match.start(), ROOM, match[0]))
    if "geb" in lower:
        for match in _BIRTH_RE.finditer(text):
            if _is_birth_date(match):
                found.append((match.start(), BIRTH_DATE, match[0]))
    if sum(text.count(digit) for digit in "0123456789") >= 9:
        for match in _BSN_RE.finditer(text):
            if _passes_elfproef(_DIGITS_RE.sub("", match[0])):
                found.append((match.start(), BSN, match[0]))
    found.sort(key=lambda item: item[0])
    seen: set[tuple[str, str]] = set()
    result = []
    for _start, kind, raw in found:
        written = _WHITESPACE_RE.sub(" ", raw).strip()
        if (kind, written) in seen:
            continue
        seen.add((kind, written))
        result.append(ClientIdentifier(kind, written, _explain(kind, written)))
    return result
