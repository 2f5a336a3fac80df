"""The permission matrix: for every URL, what each demo account gets.

``test_permission_matrix.py`` walks the URLconf and fails when a named URL
has no entry here, and then requests every case as every account. Account
names are the demo accounts of DESIGN.md; ``None`` is an anonymous visitor.

Shorthands: ``LOGIN`` is a redirect to the sign-in page (302), ``OK`` 200,
``HIDDEN`` 404 (an object outside the account's scope), ``DENIED`` 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

OK, FOUND, NO_CONTENT, DENIED, HIDDEN, NOT_ALLOWED = 200, 302, 204, 403, 404, 405
LOGIN = "login"

ACCOUNTS = [
    None,
    "student1",
    "student2",
    "werkbegeleider1",
    "werkbegeleider2",
    "studentbegeleider1",
    "studentbegeleider2",
    "praktijkopleider1",
    "praktijkopleider2",
    "docent1",
    "docent2",
    "trainer",
    "beheerder",
]
SIGNED_IN = ACCOUNTS[1:]


def everyone(status, anonymous=LOGIN) -> dict:
    return {None: anonymous, **dict.fromkeys(SIGNED_IN, status)}


def only(allowed: set[str], yes=OK, no=HIDDEN, anonymous=LOGIN) -> dict:
    return {None: anonymous, **{a: (yes if a in allowed else no) for a in SIGNED_IN}}


@dataclass
class Case:
    """One request: URL kwargs from the demo data, and the expected status per account."""

    expect: dict
    kwargs: Callable[[dict], dict] = field(default=lambda d: {})
    method: str = "get"
    data: dict | None = None
    label: str = ""


def pk(model_lookup: Callable[[dict], object]) -> Callable[[dict], dict]:
    return lambda d: {"pk": model_lookup(d).pk}


# Who sees student1 (DSV|verzorgd leven, Team Tulp, cohort VIG-3A of docent1).
SEES_STUDENT1 = {
    "student1",
    "werkbegeleider1",
    "studentbegeleider1",
    "praktijkopleider1",
    "docent1",
    "beheerder",
}
SEES_STUDENT2 = {
    "student2",
    "werkbegeleider2",
    "studentbegeleider2",
    "praktijkopleider2",
    "docent2",
    "beheerder",
}
STAFF_DSV = {"werkbegeleider1", "studentbegeleider1", "praktijkopleider1", "beheerder"}
STAFF_TOPAZ = {"werkbegeleider2", "studentbegeleider2", "praktijkopleider2", "beheerder"}
STAFF_SCHOOL = {"docent1", "docent2", "trainer", "beheerder"}


def _team(name):
    from leerroute.people.models import Team

    return lambda d: Team.objects.get(name=name)


def _org(name):
    from leerroute.people.models import Organisation

    return lambda d: Organisation.objects.get(name=name)


def _dept(name):
    from leerroute.people.models import Department

    return lambda d: Department.objects.get(name=name)


def _qualification(d):
    from leerroute.qualifications.models import Qualification

    return Qualification.objects.get(title="Verzorgende IG")


MATRIX: dict[str, list[Case]] = {
    # Public pages
    "login": [Case(everyone(OK, anonymous=OK))],
    "logout": [Case(everyone(FOUND, anonymous=FOUND), method="post")],
    "password_reset": [Case(everyone(OK, anonymous=OK))],
    "password_reset_done": [Case(everyone(OK, anonymous=OK))],
    "password_reset_confirm": [
        Case(
            everyone(OK, anonymous=OK),
            kwargs=lambda d: {"uidb64": "MQ", "token": "ongeldig-token"},
        )
    ],
    "password_reset_complete": [Case(everyone(OK, anonymous=OK))],
    "health": [Case(everyone(OK, anonymous=OK))],
    "health_live": [Case(everyone(OK, anonymous=OK))],
    "set_language": [
        Case(everyone(FOUND, anonymous=FOUND), method="post", data={"language": "nl"})
    ],
    "core:privacy": [Case(everyone(OK, anonymous=OK))],
    "core:accessibility": [Case(everyone(OK, anonymous=OK))],
    # Signed-in pages
    "core:home": [Case(everyone(OK))],
    "core:extend_session": [Case(everyone(NO_CONTENT), method="post")],
    "password_change": [Case(everyone(OK))],
    "password_change_done": [Case(everyone(OK))],
    "qualifications:list": [Case(everyone(OK))],
    "qualifications:detail": [Case(everyone(OK), kwargs=pk(_qualification))],
    "people:student_list": [Case(everyone(OK))],
    "people:student": [
        Case(only(SEES_STUDENT1), kwargs=pk(lambda d: d["student1"]), label="student1"),
        Case(only(SEES_STUDENT2), kwargs=pk(lambda d: d["student2"]), label="student2"),
        # A staff member is never a student record.
        Case(only(set()), kwargs=pk(lambda d: d["werkbegeleider1"]), label="mentor"),
    ],
    "people:organisation": [
        Case(only(STAFF_DSV), kwargs=pk(_org("DSV|verzorgd leven")), label="DSV"),
        Case(only(STAFF_TOPAZ), kwargs=pk(_org("Topaz")), label="Topaz"),
        Case(only(STAFF_SCHOOL), kwargs=pk(_org("mboRijnland")), label="school"),
    ],
    "people:department": [
        Case(only(STAFF_DSV), kwargs=pk(_dept("Wonen met zorg De Rijnhof")), label="DSV"),
        Case(only(STAFF_TOPAZ), kwargs=pk(_dept("Revalidatie en herstel")), label="Topaz"),
    ],
    "people:team": [
        Case(only(STAFF_DSV), kwargs=pk(_team("Team Tulp")), label="DSV"),
        Case(only(STAFF_TOPAZ), kwargs=pk(_team("Team Overrijn")), label="Topaz"),
    ],
}

# Every URL of the Django admin (namespace "admin"): the functional
# administrator only; everyone else is sent to the admin sign-in.
ADMIN_NAMESPACE_EXPECT = {None: FOUND, **dict.fromkeys(SIGNED_IN, FOUND), "beheerder": OK}
