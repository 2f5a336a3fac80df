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
    # API cases: the account sends a personal API token (Authorization: Bearer)
    # instead of a session, and ``data`` goes as JSON. Anonymous sends no token.
    token: bool = False


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
    "core:profile": [Case(everyone(OK))],
    "core:extend_session": [Case(everyone(NO_CONTENT), method="post")],
    # --- core: the client-confidentiality hint (privacy_check) ---
    "core:privacy_check": [
        Case(
            everyone(OK),
            method="post",
            data={"privacy_field": "observe", "observe": "Ik hielp mevrouw Jansen."},
        ),
        Case(everyone(NOT_ALLOWED, anonymous=NOT_ALLOWED), label="get"),
    ],
    # --- end core: privacy_check ---
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
    # Everything one account viewed: the functional administrator (and the FG) only.
    "people:access_log": [Case(only({"beheerder"}, no=DENIED))],
}

# --- feedback (leerroute.feedback): OEPS feedback and progress reviews -------------
# Demo data: leerroute/feedback/demo.py. Three tiers per object: may act (yes),
# sees the student but may not act (403), does not see the student (404).
REVIEWS_STUDENT1 = {"studentbegeleider1", "praktijkopleider1"}
REVIEWS_STUDENT2 = {"studentbegeleider2", "praktijkopleider2"}
GIVES_FEEDBACK = REVIEWS_STUDENT1 | REVIEWS_STUDENT2 | {"werkbegeleider1", "werkbegeleider2"}


def _tiers(allowed: set[str], seers: set[str], yes=OK) -> dict:
    return {
        None: LOGIN,
        **{a: yes if a in allowed else DENIED if a in seers else HIDDEN for a in SIGNED_IN},
    }


def _fb(student: str, observe_start: str):
    def lookup(d):
        from leerroute.feedback.models import Feedback

        return Feedback.objects.get(student=d[student], observe__startswith=observe_start)

    return lookup


def _fb_review(student: str, published: bool):
    def lookup(d):
        from leerroute.feedback.models import ProgressReview, ReviewStatus

        status = ReviewStatus.PUBLISHED if published else ReviewStatus.DRAFT
        return ProgressReview.objects.filter(student=d[student], status=status).latest(
            "review_date"
        )

    return lookup


_FB1 = _fb("student1", "Je bleef rustig")  # by werkbegeleider1, version 1
_FB2 = _fb("student2", "Je herkende dat de wond")  # by werkbegeleider2
_FB_STUDENT1 = lambda d: {"pk": d["student1"].pk}  # noqa: E731
_FB_STUDENT2 = lambda d: {"pk": d["student2"].pk}  # noqa: E731

FEEDBACK_MATRIX: dict[str, list[Case]] = {
    "feedback:index": [
        Case({**everyone(OK), "student1": FOUND, "student2": FOUND}),
    ],
    "feedback:create": [
        Case(_tiers(GIVES_FEEDBACK, set(SIGNED_IN))),
        Case(
            _tiers(GIVES_FEEDBACK, set(SIGNED_IN), yes=OK),
            method="post",
            data={"observe": ""},
            label="empty post",
        ),
    ],
    "feedback:detail": [
        Case(only(SEES_STUDENT1), kwargs=pk(_FB1), label="student1"),
        Case(only(SEES_STUDENT2), kwargs=pk(_FB2), label="student2"),
    ],
    "feedback:edit": [
        Case(_tiers({"werkbegeleider1"}, SEES_STUDENT1), kwargs=pk(_FB1), label="student1"),
        Case(_tiers({"werkbegeleider2"}, SEES_STUDENT2), kwargs=pk(_FB2), label="student2"),
    ],
    "feedback:respond": [
        Case(
            _tiers({"student1"}, SEES_STUDENT1, yes=FOUND),
            kwargs=pk(_FB1),
            method="post",
            data={"response": "Dank je, ik neem het mee.", "version": 1},
        ),
        Case(everyone(NOT_ALLOWED, anonymous=NOT_ALLOWED), kwargs=pk(_FB1), label="get"),
    ],
    "feedback:mark_read": [
        Case(_tiers({"student1"}, SEES_STUDENT1, yes=FOUND), kwargs=pk(_FB1), method="post"),
        Case(_tiers({"student2"}, SEES_STUDENT2, yes=FOUND), kwargs=pk(_FB2), method="post"),
    ],
    "feedback:history": [
        Case(_tiers(REVIEWS_STUDENT1, SEES_STUDENT1), kwargs=pk(_FB1), label="student1"),
        Case(_tiers(REVIEWS_STUDENT2, SEES_STUDENT2), kwargs=pk(_FB2), label="student2"),
    ],
    "feedback:student": [
        Case(only(SEES_STUDENT1), kwargs=_FB_STUDENT1, label="student1"),
        Case(only(SEES_STUDENT2), kwargs=_FB_STUDENT2, label="student2"),
    ],
    "feedback:progress": [
        Case(only(SEES_STUDENT1), kwargs=_FB_STUDENT1, label="student1"),
        Case(only(SEES_STUDENT2), kwargs=_FB_STUDENT2, label="student2"),
    ],
    "feedback:review_create": [
        Case(_tiers(REVIEWS_STUDENT1, SEES_STUDENT1), kwargs=_FB_STUDENT1, label="student1"),
        Case(_tiers(REVIEWS_STUDENT2, SEES_STUDENT2), kwargs=_FB_STUDENT2, label="student2"),
    ],
    "feedback:review": [
        Case(only(SEES_STUDENT1), kwargs=pk(_fb_review("student1", True)), label="published"),
        Case(only(REVIEWS_STUDENT1), kwargs=pk(_fb_review("student1", False)), label="draft"),
        Case(only(SEES_STUDENT2), kwargs=pk(_fb_review("student2", True)), label="student2"),
    ],
    "feedback:review_edit": [
        Case(
            _tiers(REVIEWS_STUDENT1, SEES_STUDENT1),
            kwargs=pk(_fb_review("student1", True)),
            label="published",
        ),
        Case(only(REVIEWS_STUDENT1), kwargs=pk(_fb_review("student1", False)), label="draft"),
    ],
    "feedback:review_publish": [
        Case(
            only(REVIEWS_STUDENT1, yes=FOUND),
            kwargs=pk(_fb_review("student1", False)),
            method="post",
            data={"version": 1},
            label="draft",
        ),
        # Already published: nobody may publish it again.
        Case(
            _tiers(set(), SEES_STUDENT1),
            kwargs=pk(_fb_review("student1", True)),
            method="post",
            label="published",
        ),
    ],
    "feedback:review_history": [
        Case(
            _tiers(REVIEWS_STUDENT1, SEES_STUDENT1),
            kwargs=pk(_fb_review("student1", True)),
            label="student1",
        ),
    ],
    "feedback:team": [
        Case(_tiers(REVIEWS_STUDENT1, STAFF_DSV), kwargs=pk(_team("Team Tulp")), label="Tulp"),
        Case(
            _tiers(REVIEWS_STUDENT2, STAFF_TOPAZ),
            kwargs=pk(_team("Team Overrijn")),
            label="Overrijn",
        ),
    ],
}
MATRIX.update(FEEDBACK_MATRIX)
# --- end of feedback ------------------------------------------------------------------

# --- training (leerroute.training) ----------------------------------------------------
# Demo: "Waarde-vol Werkbegeleiden" by trainer (praktijkopleiders and docent1 enrolled,
# docent2 invited); team trainings of the cascade at DSV (praktijkopleider1; Team Tulp
# with werkbegeleider1) and Topaz (praktijkopleider2; Team Overrijn with werkbegeleider2).


def _tr_programme(title):
    from leerroute.training.models import Programme

    return lambda d: Programme.objects.get(title=title)


def _tr_session(title):
    from leerroute.training.models import Session

    return lambda d: Session.objects.filter(programme__title=title).order_by("starts_at").first()


def _tr_material(title):
    from leerroute.training.models import Material

    return lambda d: Material.objects.get(title=title)


TR_TTT = "Waarde-vol Werkbegeleiden"
TR_TULP = "Waarde-vol Werkbegeleiden – Team Tulp"
TR_LIBRARY = {"trainer", "praktijkopleider1", "praktijkopleider2", "beheerder"}
TR_COVERAGE = TR_LIBRARY
TR_SEES_TTT = {
    "trainer",
    "praktijkopleider1",
    "praktijkopleider2",
    "docent1",
    "docent2",
    "beheerder",
}
TR_MANAGES_TTT = {"trainer", "beheerder"}
TR_SEES_TULP = {"praktijkopleider1", "werkbegeleider1", "beheerder"}
TR_MANAGES_TULP = {"praktijkopleider1", "beheerder"}
# The slides are in the library and used in the programme and every team training.
TR_SEES_SLIDES = TR_SEES_TTT | {"werkbegeleider1", "werkbegeleider2", "studentbegeleider1"}


def _tr_manage(manages, sees, yes=OK):
    """Managers get ``yes``, people who only see the programme 403, the rest 404."""
    return {
        None: LOGIN,
        **{a: (yes if a in manages else DENIED if a in sees else HIDDEN) for a in SIGNED_IN},
    }


def _tr_role(allowed, yes=OK):
    return only(allowed, yes=yes, no=DENIED)


TRAINING_MATRIX: dict[str, list[Case]] = {
    "training:index": [Case(everyone(OK))],
    "training:programme_create": [Case(_tr_role(TR_LIBRARY))],
    "training:programme_detail": [
        Case(only(TR_SEES_TTT), kwargs=pk(_tr_programme(TR_TTT)), label="ttt"),
        Case(only(TR_SEES_TULP), kwargs=pk(_tr_programme(TR_TULP)), label="tulp"),
    ],
    "training:programme_edit": [
        Case(
            _tr_manage(TR_MANAGES_TTT, TR_SEES_TTT), kwargs=pk(_tr_programme(TR_TTT)), label="ttt"
        ),
        Case(
            _tr_manage(TR_MANAGES_TULP, TR_SEES_TULP),
            kwargs=pk(_tr_programme(TR_TULP)),
            label="tulp",
        ),
    ],
    "training:programme_invite": [
        Case(
            _tr_manage(TR_MANAGES_TTT, TR_SEES_TTT), kwargs=pk(_tr_programme(TR_TTT)), label="ttt"
        ),
        Case(
            _tr_manage(TR_MANAGES_TULP, TR_SEES_TULP),
            kwargs=pk(_tr_programme(TR_TULP)),
            label="tulp",
        ),
    ],
    "training:programme_signup": [
        # Only docent2 has an open invitation.
        Case(
            _tr_manage({"docent2"}, TR_SEES_TTT, yes=FOUND),
            kwargs=pk(_tr_programme(TR_TTT)),
            method="post",
        ),
        Case(
            everyone(NOT_ALLOWED, anonymous=NOT_ALLOWED),
            kwargs=pk(_tr_programme(TR_TTT)),
            label="get",
        ),
    ],
    "training:programme_enrol": [
        Case(
            _tr_manage(TR_MANAGES_TTT, TR_SEES_TTT, yes=FOUND),
            kwargs=pk(_tr_programme(TR_TTT)),
            method="post",
            data={"user": "0"},
        ),
    ],
    "training:session_create": [
        Case(
            _tr_manage(TR_MANAGES_TTT, TR_SEES_TTT), kwargs=pk(_tr_programme(TR_TTT)), label="ttt"
        ),
        Case(
            _tr_manage(TR_MANAGES_TULP, TR_SEES_TULP),
            kwargs=pk(_tr_programme(TR_TULP)),
            label="tulp",
        ),
    ],
    "training:session_detail": [
        Case(only(TR_SEES_TTT), kwargs=pk(_tr_session(TR_TTT)), label="ttt"),
        Case(only(TR_SEES_TULP), kwargs=pk(_tr_session(TR_TULP)), label="tulp"),
    ],
    "training:session_edit": [
        Case(_tr_manage(TR_MANAGES_TTT, TR_SEES_TTT), kwargs=pk(_tr_session(TR_TTT)), label="ttt"),
        Case(
            _tr_manage(TR_MANAGES_TULP, TR_SEES_TULP), kwargs=pk(_tr_session(TR_TULP)), label="tulp"
        ),
    ],
    "training:session_attendance": [
        Case(_tr_manage(TR_MANAGES_TTT, TR_SEES_TTT), kwargs=pk(_tr_session(TR_TTT)), label="ttt"),
        Case(
            _tr_manage(TR_MANAGES_TULP, TR_SEES_TULP), kwargs=pk(_tr_session(TR_TULP)), label="tulp"
        ),
    ],
    "training:material_list": [Case(everyone(OK))],
    "training:material_create": [Case(_tr_role(TR_LIBRARY))],
    "training:material_detail": [
        Case(
            only(TR_SEES_SLIDES),
            kwargs=pk(_tr_material("Waarde-vol Werkbegeleiden - dia's")),
            label="slides",
        ),
        # Linked to the OEPS work form: open to every signed-in user.
        Case(everyone(OK), kwargs=pk(_tr_material("OEPS-zakkaart")), label="work form"),
        Case(
            only(TR_LIBRARY),
            kwargs=pk(_tr_material("Handreiking leervragen beoordelen")),
            label="unused",
        ),
    ],
    # Plays in the page only for an uploaded video (tests/training/test_video.py);
    # slides and links answer 404 for everyone.
    "training:material_play": [
        Case(
            everyone(HIDDEN),
            kwargs=pk(_tr_material("Waarde-vol Werkbegeleiden - dia's")),
            label="slides",
        ),
        Case(
            everyone(HIDDEN),
            kwargs=pk(_tr_material("Video: hybride leren in de zorg")),
            label="link",
        ),
    ],
    "training:material_captions": [
        Case(
            everyone(HIDDEN),
            kwargs=pk(_tr_material("Video: hybride leren in de zorg")),
            label="link",
        ),
    ],
    "training:material_download": [
        Case(
            only(TR_SEES_SLIDES),
            kwargs=pk(_tr_material("Waarde-vol Werkbegeleiden - dia's")),
            label="slides",
        ),
        Case(everyone(OK), kwargs=pk(_tr_material("OEPS-zakkaart")), label="work form"),
        # A link has no file to download.
        Case(
            everyone(HIDDEN),
            kwargs=pk(_tr_material("Video: hybride leren in de zorg")),
            label="link",
        ),
    ],
    "training:workform_list": [Case(everyone(OK))],
    "training:workform_create": [Case(_tr_role(TR_LIBRARY))],
    "training:workform_detail": [Case(everyone(OK), kwargs=lambda d: {"slug": "oeps"})],
    "training:workform_edit": [
        # Seeded work forms belong to no one: only the administrator edits them.
        Case(_tr_role({"beheerder"}), kwargs=lambda d: {"slug": "oeps"}),
    ],
    "training:cascade": [Case(_tr_role(TR_COVERAGE))],
    "training:teamtraining_create": [Case(_tr_role({"praktijkopleider1", "praktijkopleider2"}))],
    "training:coverage": [Case(_tr_role(TR_COVERAGE))],
    # A department's teams: whoever sees the coverage of its organisation (the
    # other organisation's practice educator 404, people without coverage 403).
    "training:coverage_department": [
        Case(
            {**_tr_role(TR_COVERAGE), "praktijkopleider2": HIDDEN},
            kwargs=pk(_dept("Wonen met zorg De Rijnhof")),
            label="DSV",
        ),
        Case(
            {**_tr_role(TR_COVERAGE), "praktijkopleider1": HIDDEN},
            kwargs=pk(_dept("Revalidatie en herstel")),
            label="Topaz",
        ),
    ],
    "training:coverage_team": [
        # Names per team: the organisation's practice educators and the administrator;
        # the trainer sees the figures only.
        Case(
            _tr_manage({"praktijkopleider1", "beheerder"}, {"trainer"}),
            kwargs=pk(_team("Team Tulp")),
            label="DSV",
        ),
        Case(
            _tr_manage({"praktijkopleider2", "beheerder"}, {"trainer"}),
            kwargs=pk(_team("Team Overrijn")),
            label="Topaz",
        ),
    ],
}
MATRIX.update(TRAINING_MATRIX)
# --- end of training ------------------------------------------------------------------

# --- learning (leerroute.learning): learning questions --------------------------------
# Demo questions by student and status (leerroute/learning/demo.py). A draft is
# the student's own (404 for everyone else); staff who see the student see the
# other states but may not act (403); only the named mentor reviews.
LQ_STUDENTS = {"student1", "student2"}
LQ_MENTORS = {"werkbegeleider1", "werkbegeleider2"}


def _lq(username: str, status: str):
    def lookup(d):
        from leerroute.learning.models import LearningQuestion

        return (
            LearningQuestion.objects.filter(student__username=username, status=status)
            .order_by("pk")
            .first()
        )

    return pk(lookup)


def _lq_tiers(allowed: set[str], seers: set[str], yes=OK) -> dict:
    """``yes`` for ``allowed``, 403 for the others in ``seers``, 404 for the rest."""
    return {
        None: LOGIN,
        **{a: yes if a in allowed else DENIED if a in seers else HIDDEN for a in SIGNED_IN},
    }


LEARNING_MATRIX: dict[str, list[Case]] = {
    "learning:list": [Case(everyone(OK))],
    "learning:create": [
        Case(only(LQ_STUDENTS, no=DENIED)),
        # An empty question: the form again with a Dutch message, nothing saved.
        Case(only(LQ_STUDENTS, no=DENIED), method="post", data={"question": ""}, label="post"),
    ],
    "learning:check": [
        Case(
            only(LQ_STUDENTS, no=DENIED),
            method="post",
            data={"question": "Ik wil leren wondzorg te geven."},
        ),
        Case(everyone(NOT_ALLOWED, anonymous=NOT_ALLOWED), label="get"),
    ],
    "learning:waiting": [Case(only(LQ_MENTORS, no=DENIED))],
    "learning:detail": [
        Case(only(SEES_STUDENT1), kwargs=_lq("student1", "submitted"), label="s1 submitted"),
        Case(only({"student1"}), kwargs=_lq("student1", "draft"), label="s1 draft"),
        Case(only(SEES_STUDENT2), kwargs=_lq("student2", "approved"), label="s2 approved"),
        Case(only(SEES_STUDENT1), kwargs=_lq("student1", "completed"), label="s1 completed"),
    ],
    "learning:edit": [
        Case(only({"student1"}), kwargs=_lq("student1", "draft"), label="s1 draft"),
        Case(
            _lq_tiers({"student1"}, SEES_STUDENT1),
            kwargs=_lq("student1", "clarification"),
            label="s1 clarification",
        ),
        # Not editable any more: the student is sent back to the question.
        Case(
            _lq_tiers({"student1"}, SEES_STUDENT1, yes=FOUND),
            kwargs=_lq("student1", "approved"),
            label="s1 approved",
        ),
    ],
    "learning:submit": [
        Case(
            only({"student1"}, yes=FOUND),
            kwargs=_lq("student1", "draft"),
            method="post",
            label="s1 draft",
        ),
        # A submitted question cannot be submitted again: refused with a message (302).
        Case(
            _lq_tiers({"student1"}, SEES_STUDENT1, yes=FOUND),
            kwargs=_lq("student1", "submitted"),
            method="post",
            label="s1 submitted",
        ),
        Case(
            {**only({"student1"}, yes=NOT_ALLOWED, no=NOT_ALLOWED), None: NOT_ALLOWED},
            kwargs=_lq("student1", "draft"),
            label="get",
        ),
    ],
    "learning:review": [
        Case(
            _lq_tiers({"werkbegeleider1"}, SEES_STUDENT1),
            kwargs=_lq("student1", "submitted"),
            label="s1 submitted",
        ),
        Case(
            _lq_tiers({"werkbegeleider2"}, SEES_STUDENT2),
            kwargs=_lq("student2", "submitted"),
            label="s2 submitted",
        ),
        # No decision chosen: the form again, nothing changed.
        Case(
            _lq_tiers({"werkbegeleider1"}, SEES_STUDENT1),
            kwargs=_lq("student1", "resubmitted"),
            method="post",
            data={},
            label="s1 resubmitted post",
        ),
        # Approved already: the mentor is sent to the question.
        Case(
            _lq_tiers({"werkbegeleider1"}, SEES_STUDENT1, yes=FOUND),
            kwargs=_lq("student1", "approved"),
            label="s1 approved",
        ),
    ],
    "learning:complete": [
        Case(
            _lq_tiers({"student1"}, SEES_STUDENT1),
            kwargs=_lq("student1", "approved"),
            label="s1 approved",
        ),
        Case(
            _lq_tiers({"student2"}, SEES_STUDENT2),
            kwargs=_lq("student2", "approved"),
            method="post",
            data={},
            label="s2 approved post",
        ),
    ],
}
MATRIX.update(LEARNING_MATRIX)
# --- end of learning ------------------------------------------------------------------

# --- privacy (leerroute.privacy): the student's own data, who viewed it, the notice ---
STUDENTS = {"student1", "student2"}
PRIVACY_MATRIX: dict[str, list[Case]] = {
    "privacy:my_data": [Case(only(STUDENTS, no=DENIED))],
    "privacy:my_data_html": [Case(only(STUDENTS, no=DENIED))],
    "privacy:my_data_json": [Case(only(STUDENTS, no=DENIED))],
    "privacy:who_viewed": [Case(only(STUDENTS, no=DENIED))],
    "privacy:schema": [Case(everyone(OK, anonymous=OK))],
    "privacy:erase": [
        Case(only({"beheerder"}, no=DENIED)),
        Case(
            only({"beheerder"}, no=DENIED),
            method="post",
            data={"username": "student1"},
            label="post, refused: still in the route",
        ),
    ],
    "privacy:acknowledge": [
        Case(everyone(FOUND), method="post", data={"next": "/"}),
        Case(everyone(NOT_ALLOWED, anonymous=NOT_ALLOWED), label="get"),
    ],
}
PRIVACY_MATRIX["privacy:redact"] = [
    Case(
        _tiers(REVIEWS_STUDENT1, SEES_STUDENT1),
        kwargs=lambda d: {"kind": "feedback", "pk": _FB1(d).pk},
        label="feedback student1",
    ),
    Case(
        _tiers(REVIEWS_STUDENT2, SEES_STUDENT2),
        kwargs=lambda d: {"kind": "beoordeling", "pk": _fb_review("student2", True)(d).pk},
        label="review student2",
    ),
    Case(
        _lq_tiers(REVIEWS_STUDENT1, SEES_STUDENT1),
        kwargs=lambda d: {"kind": "leervraag", **_lq("student1", "approved")(d)},
        label="learning question student1",
    ),
    Case(everyone(HIDDEN), kwargs=lambda d: {"kind": "onbekend", "pk": 1}, label="unknown kind"),
]
PRIVACY_MATRIX["privacy:ask_correction"] = [
    Case(
        _tiers({"student1"}, SEES_STUDENT1),
        kwargs=lambda d: {"kind": "feedback", "pk": _FB1(d).pk},
        label="feedback student1",
    ),
    Case(
        _tiers({"student2"}, SEES_STUDENT2),
        kwargs=lambda d: {"kind": "beoordeling", "pk": _fb_review("student2", True)(d).pk},
        label="published review student2",
    ),
    Case(
        only(REVIEWS_STUDENT1, yes=DENIED),
        kwargs=lambda d: {"kind": "beoordeling", "pk": _fb_review("student1", False)(d).pk},
        label="draft review student1",
    ),
    Case(everyone(HIDDEN), kwargs=lambda d: {"kind": "onbekend", "pk": 1}, label="unknown kind"),
]


def _correction(d):
    from leerroute.feedback.models import Feedback
    from leerroute.privacy.models import CorrectionRequest

    item = Feedback.objects.filter(student=d["student1"], author=d["werkbegeleider1"]).first()
    request, _ = CorrectionRequest.objects.get_or_create(
        student=d["student1"], kind="feedback", object_id=item.pk, defaults={"description": "x"}
    )
    return {"pk": request.pk}


PRIVACY_MATRIX["privacy:correction"] = [
    Case(
        only({"student1", "werkbegeleider1"} | REVIEWS_STUDENT1),
        kwargs=_correction,
        label="on feedback of student1",
    ),
]
MATRIX.update(PRIVACY_MATRIX)
# --- end of privacy ---------------------------------------------------------------
# --- conversations (leerroute.conversations) and the calendar feed (leerroute.agenda) ---
# Demo: leerroute/conversations/demo.py. student1's held conversation (docent1 planned it;
# werkbegeleider1, praktijkopleider1 and student1 take part; an agreement of
# werkbegeleider1 past its date), s.ouali's overdue one (docent1, wb.iris,
# praktijkopleider1) and student2's held one (docent2, werkbegeleider2,
# praktijkopleider2, studentbegeleider2). Notes: participants and the practice
# educators of the placement's organisation only; everyone else (the beheerder too) 404.
IN_S1_TALK = {"student1", "docent1", "werkbegeleider1", "praktijkopleider1"}
IN_S2_TALK = {"student2", "docent2", "werkbegeleider2", "praktijkopleider2", "studentbegeleider2"}
PLANS_S1 = {"docent1", "praktijkopleider1"}


def _talk(student: str, status: str):
    def lookup(d):
        from leerroute.conversations.models import Conversation

        return Conversation.objects.filter(student=d[student], status=status).latest("starts_at")

    return lookup


def _talk_of(username: str):
    def lookup(d):
        from leerroute.conversations.models import Conversation

        return Conversation.objects.filter(student__username=username).latest("starts_at")

    return lookup


def _agreement_of(owner: str):
    def lookup(d):
        from leerroute.conversations.models import Agreement

        return Agreement.objects.filter(owner=d[owner], done_at__isnull=True).earliest("due_date")

    return lookup


def _feed_token(owner: str):
    def kwargs(d):
        from leerroute.agenda import services

        return {"token": services.renew(by=d[owner])}

    return kwargs


_S1_HELD = _talk("student1", "held")
_S2_HELD = _talk("student2", "held")
_OUALI = _talk_of("s.ouali")

CONVERSATIONS_MATRIX: dict[str, list[Case]] = {
    "conversations:index": [Case(everyone(OK))],
    "conversations:plan": [
        Case(_tiers(PLANS_S1, SEES_STUDENT1), kwargs=_FB_STUDENT1, label="student1"),
        Case(
            _tiers({"docent2", "praktijkopleider2"}, SEES_STUDENT2),
            kwargs=_FB_STUDENT2,
            label="student2",
        ),
        Case(
            _tiers(PLANS_S1, SEES_STUDENT1),
            kwargs=_FB_STUDENT1,
            method="post",
            data={"date": "", "place": ""},
            label="empty post",
        ),
    ],
    "conversations:detail": [
        Case(only(IN_S1_TALK), kwargs=pk(_S1_HELD), label="student1 held"),
        Case(only(IN_S1_TALK), kwargs=pk(_talk("student1", "planned")), label="student1 planned"),
        Case(only({"docent1", "praktijkopleider1"}), kwargs=pk(_OUALI), label="other mentor"),
        Case(only(IN_S2_TALK), kwargs=pk(_S2_HELD), label="student2 held"),
    ],
    "conversations:edit": [
        Case(_tiers(PLANS_S1, IN_S1_TALK), kwargs=pk(_S1_HELD), label="student1"),
        Case(
            _tiers({"docent2", "praktijkopleider2"}, IN_S2_TALK),
            kwargs=pk(_S2_HELD),
            label="student2",
        ),
    ],
    "conversations:cancel": [
        Case(
            _tiers(PLANS_S1, IN_S1_TALK, yes=FOUND),
            kwargs=pk(_S1_HELD),
            method="post",
            data={"version": 2},
        ),
        Case({**everyone(NOT_ALLOWED)}, kwargs=pk(_S1_HELD), label="get"),
    ],
    "conversations:notes": [
        Case(
            _tiers({"docent1", "werkbegeleider1", "praktijkopleider1"}, IN_S1_TALK),
            kwargs=pk(_S1_HELD),
            label="student1",
        ),
        Case(
            _tiers(IN_S2_TALK - {"student2"}, IN_S2_TALK),
            kwargs=pk(_S2_HELD),
            label="student2",
        ),
    ],
    "conversations:agreement_add": [
        Case(
            _tiers({"docent1", "werkbegeleider1", "praktijkopleider1"}, IN_S1_TALK),
            kwargs=pk(_S1_HELD),
            method="post",
            data={"text": "Oefent de overdracht", "owner": "", "due_date": "2030-01-01"},
            label="no owner",
        ),
        Case(everyone(NOT_ALLOWED), kwargs=pk(_S1_HELD), label="get"),
    ],
    "conversations:ics": [
        Case(only(IN_S1_TALK), kwargs=pk(_S1_HELD), label="student1"),
        Case(only(IN_S2_TALK), kwargs=pk(_S2_HELD), label="student2"),
    ],
    "conversations:agreement_done": [
        # Its owner (werkbegeleider1) and its note taker (docent1) tick it off.
        Case(
            _tiers({"werkbegeleider1", "docent1"}, IN_S1_TALK, yes=FOUND),
            kwargs=pk(_agreement_of("werkbegeleider1")),
            method="post",
            data={"done": "1"},
            label="werkbegeleider1's",
        ),
        Case(
            _tiers({"werkbegeleider2", "docent2"}, IN_S2_TALK, yes=FOUND),
            kwargs=pk(_agreement_of("werkbegeleider2")),
            method="post",
            data={"done": "1"},
            label="werkbegeleider2's",
        ),
    ],
    "conversations:agreement_remove": [
        Case(
            _tiers({"docent1"}, IN_S1_TALK, yes=FOUND),
            kwargs=pk(_agreement_of("werkbegeleider1")),
            method="post",
        ),
    ],
    # The feed needs no session: the token is the credential.
    "agenda:feed": [
        Case(everyone(HIDDEN, anonymous=HIDDEN), kwargs=lambda d: {"token": "x" * 43}),
        Case(everyone(OK, anonymous=OK), kwargs=_feed_token("werkbegeleider1"), label="valid"),
    ],
    "agenda:renew": [
        Case(everyone(OK), method="post"),
        Case(everyone(NOT_ALLOWED), label="get"),
    ],
    "agenda:revoke": [
        Case(everyone(FOUND), method="post"),
        Case(everyone(NOT_ALLOWED), label="get"),
    ],
}
MATRIX.update(CONVERSATIONS_MATRIX)
# --- end of conversations and agenda ----------------------------------------------------

# --- notifications (leerroute.notifications): the bell and the list -----------------
# Each person sees and marks only their own notifications; another person's is a 404.


def _notification(username: str, number: int = 1):
    def lookup(d):
        from leerroute.notifications.models import Notification

        return Notification.objects.get(recipient=d[username], key=f"demo:{username}:{number}")

    return lookup


NOTIFICATIONS_MATRIX: dict[str, list[Case]] = {
    "notifications:list": [Case(everyone(OK))],
    "notifications:open": [
        Case(
            only({"student1"}, yes=FOUND),
            kwargs=pk(_notification("student1")),
            method="post",
            label="student1",
        ),
        Case(
            only({"werkbegeleider2"}, yes=FOUND),
            kwargs=pk(_notification("werkbegeleider2", 2)),
            method="post",
            label="werkbegeleider2",
        ),
        Case(everyone(NOT_ALLOWED), kwargs=pk(_notification("student1")), label="get"),
    ],
    "notifications:mark_read": [
        Case(
            only({"docent1"}, yes=FOUND),
            kwargs=pk(_notification("docent1", 2)),
            method="post",
            label="docent1",
        ),
        Case(everyone(NOT_ALLOWED), kwargs=pk(_notification("docent1", 2)), label="get"),
    ],
    "notifications:mark_all_read": [
        Case(everyone(FOUND), method="post"),
        Case(everyone(NOT_ALLOWED), label="get"),
    ],
    "notifications:preferences": [
        Case(everyone(FOUND), method="post", data={"feedback_new": "on"}),
        Case(everyone(NOT_ALLOWED), label="get"),
    ],
}
MATRIX.update(NOTIFICATIONS_MATRIX)
# --- end of notifications -------------------------------------------------------------

# --- school (leerroute.school): the weekly school update ---------------------------
# Written by the cohort's teachers (docent1 for VIG-3A); published updates are seen
# by whoever sees the cohort's students; drafts by the cohort's teachers only.


def _update(cohort: str, weeks_from_now: int):
    def lookup(d):
        from leerroute.school.models import WeeklyUpdate
        from leerroute.school.weeks import Week

        week = Week.current().plus(weeks_from_now)
        return WeeklyUpdate.objects.get(cohort__name=cohort, year=week.year, week=week.week)

    return lookup


def _cohort(name: str):
    from leerroute.people.models import Cohort

    return lambda d: Cohort.objects.get(name=name)


def _digest_token(username: str):
    def kwargs(d):
        from leerroute.school.digest import make_token

        return {"token": make_token(d[username])}

    return kwargs


# --- imports and exports (leerroute.imports, leerroute.exports) -----------------------
# Imports of people: the administrator and the practice educators (own organisation,
# checked per row); qualification files: the administrator only. Exports: the same
# people as the list page they download.
IMPORTERS = {"praktijkopleider1", "praktijkopleider2", "beheerder"}
_FMT_CSV = lambda d: {"fmt": "csv"}  # noqa: E731
_FMT_XLSX = lambda d: {"fmt": "xlsx"}  # noqa: E731


def _programme_fmt(title, fmt):
    def kwargs(d):
        from leerroute.training.models import Programme

        return {"pk": Programme.objects.get(title=title).pk, "fmt": fmt}

    return kwargs


SCHOOL_STAFF = {"docent1", "docent2", "trainer", "beheerder"}
SCHOOL_MATRIX: dict[str, list[Case]] = {
    "school:index": [Case(everyone(OK))],
    "school:create": [
        Case(_tiers({"docent1"}, SCHOOL_STAFF), kwargs=pk(_cohort("VIG-3A")), label="VIG-3A"),
        Case(_tiers({"docent2"}, SCHOOL_STAFF), kwargs=pk(_cohort("VP-4A")), label="VP-4A"),
        Case(
            _tiers({"docent1"}, SCHOOL_STAFF, yes=400),
            kwargs=pk(_cohort("VIG-3A")),
            method="post",
            data={"week": "2000-W01", "topics": "Te laat"},
            label="past week",
        ),
    ],
    "school:detail": [
        Case(only(SEES_STUDENT1), kwargs=pk(_update("VIG-3A", 0)), label="VIG-3A"),
        Case(only(SEES_STUDENT2), kwargs=pk(_update("VP-4A", 0)), label="VP-4A"),
        Case(only({"docent1"}), kwargs=pk(_update("VIG-3A", 1)), label="draft"),
    ],
    "school:edit": [
        Case(_tiers({"docent1"}, SEES_STUDENT1), kwargs=pk(_update("VIG-3A", 0)), label="now"),
        Case(only({"docent1"}), kwargs=pk(_update("VIG-3A", 1)), label="draft"),
        # The week has ended: the teacher is sent back with a message.
        Case(
            _tiers({"docent1"}, SEES_STUDENT1, yes=FOUND),
            kwargs=pk(_update("VIG-3A", -2)),
            label="ended",
        ),
    ],
    "school:publish": [
        Case(
            only({"docent1"}, yes=FOUND),
            kwargs=pk(_update("VIG-3A", 1)),
            method="post",
            label="draft",
        ),
        Case(
            _tiers({"docent2"}, SEES_STUDENT2, yes=FOUND),
            kwargs=pk(_update("VP-4A", 0)),
            method="post",
            label="published",
        ),
        Case(everyone(NOT_ALLOWED), kwargs=pk(_update("VIG-3A", 1)), label="get"),
    ],
    # The link in the weekly e-mail works without signing in.
    "school:digest_preferences": [
        Case(everyone(OK, anonymous=OK), kwargs=_digest_token("werkbegeleider1"), label="valid"),
        Case(
            everyone(FOUND, anonymous=FOUND),
            kwargs=_digest_token("werkbegeleider1"),
            method="post",
            data={"weekmail": "uit"},
            label="post",
        ),
        Case(
            everyone(HIDDEN, anonymous=HIDDEN),
            kwargs=lambda d: {"token": "ongeldig"},
            label="invalid",
        ),
    ],
}
MATRIX.update(SCHOOL_MATRIX)
# --- end of school -------------------------------------------------------------------
# --- glossary (leerroute.glossary) and search (leerroute.search) -----------------------
# Everyone signed in reads the glossary; practice educators, teachers and the
# beheerder edit it. The search is for everyone signed in; what it finds is scoped.
GLOSSARY_EDITORS = {"praktijkopleider1", "praktijkopleider2", "docent1", "docent2", "beheerder"}
_LEERVRAAG = lambda d: {"slug": "leervraag"}  # noqa: E731

GLOSSARY_SEARCH_MATRIX: dict[str, list[Case]] = {
    "glossary:list": [
        Case(everyone(OK)),
        Case(everyone(OK), method="post", data={"q": "leervraag"}, label="search"),
        Case(everyone(OK), method="post", data={"q": "x" * 101}, label="too long"),
    ],
    "glossary:create": [
        Case(only(GLOSSARY_EDITORS, no=DENIED)),
        # Nothing filled in: the form again with Dutch messages, nothing saved.
        Case(only(GLOSSARY_EDITORS, no=DENIED), method="post", data={}, label="post empty"),
    ],
    "glossary:detail": [
        Case(everyone(OK), kwargs=_LEERVRAAG),
        Case(everyone(HIDDEN), kwargs=lambda d: {"slug": "bestaat-niet"}, label="unknown"),
    ],
    "glossary:edit": [
        Case(only(GLOSSARY_EDITORS, no=DENIED), kwargs=_LEERVRAAG),
        Case(
            only(GLOSSARY_EDITORS, no=DENIED),
            kwargs=_LEERVRAAG,
            method="post",
            data={},
            label="post empty",
        ),
        Case(everyone(HIDDEN), kwargs=lambda d: {"slug": "bestaat-niet"}, label="unknown"),
    ],
    "search:search": [
        Case(everyone(OK)),
        Case(everyone(OK), method="post", data={"q": "Milan"}, label="post"),
        Case(everyone(OK), method="post", data={"q": ""}, label="empty"),
        Case(everyone(OK), method="post", data={"q": "a\tb"}, label="control"),
    ],
}
MATRIX.update(GLOSSARY_SEARCH_MATRIX)
# --- end of glossary and search -------------------------------------------------------
IMPORT_EXPORT_MATRIX: dict[str, list[Case]] = {
    "imports:people": [
        Case(only(IMPORTERS, no=DENIED)),
        # No file: the form again with a Dutch message, nothing imported.
        Case(only(IMPORTERS, yes=400, no=DENIED), method="post", data={}, label="empty post"),
    ],
    "imports:people_confirm": [
        # No (or someone else's) upload: a Dutch 400, nothing imported.
        Case(only(IMPORTERS, yes=400, no=DENIED), method="post", data={"upload": "1"}),
        Case(everyone(NOT_ALLOWED, anonymous=NOT_ALLOWED), label="get"),
    ],
    "imports:qualifications": [
        Case(only({"beheerder"}, no=DENIED)),
        Case(only({"beheerder"}, yes=400, no=DENIED), method="post", data={}, label="empty post"),
    ],
    "imports:qualifications_confirm": [
        Case(only({"beheerder"}, yes=400, no=DENIED), method="post", data={"upload": "x"}),
        Case(everyone(NOT_ALLOWED, anonymous=NOT_ALLOWED), label="get"),
    ],
    "exports:students": [
        Case(everyone(OK), kwargs=_FMT_CSV, label="csv"),
        Case(everyone(OK), kwargs=_FMT_XLSX, label="xlsx"),
    ],
    "exports:learning_questions": [
        Case(everyone(OK), kwargs=_FMT_CSV, label="csv"),
        Case(everyone(OK), kwargs=_FMT_XLSX, label="xlsx"),
    ],
    "exports:feedback": [
        Case(everyone(OK), kwargs=_FMT_CSV, label="csv"),
        Case(everyone(OK), kwargs=_FMT_XLSX, label="xlsx"),
    ],
    "exports:reviews": [
        Case(everyone(OK), kwargs=_FMT_CSV, label="csv"),
        Case(everyone(OK), kwargs=_FMT_XLSX, label="xlsx"),
    ],
    "exports:attendance": [
        Case(
            _tr_manage(TR_MANAGES_TTT, TR_SEES_TTT),
            kwargs=_programme_fmt(TR_TTT, "csv"),
            label="ttt csv",
        ),
        Case(
            _tr_manage(TR_MANAGES_TULP, TR_SEES_TULP),
            kwargs=_programme_fmt(TR_TULP, "xlsx"),
            label="tulp xlsx",
        ),
    ],
    "exports:coverage": [
        Case(_tr_role(TR_COVERAGE), kwargs=_FMT_CSV, label="csv"),
        Case(_tr_role(TR_COVERAGE), kwargs=_FMT_XLSX, label="xlsx"),
    ],
    "exports:progress_report": [
        Case(only(SEES_STUDENT1), kwargs=pk(lambda d: d["student1"]), label="student1"),
        Case(only(SEES_STUDENT2), kwargs=pk(lambda d: d["student2"]), label="student2"),
        Case(only(set()), kwargs=pk(lambda d: d["werkbegeleider1"]), label="mentor"),
    ],
}
MATRIX.update(IMPORT_EXPORT_MATRIX)
# --- end of imports and exports -------------------------------------------------------
# --- api: the REST API under /api/v1/ (token cases) and the token pages -------------
UNAUTHORIZED = 401


def api_everyone(status) -> dict:
    return everyone(status, anonymous=UNAUTHORIZED)


def api_only(allowed: set[str], yes=OK, no=HIDDEN) -> dict:
    return only(allowed, yes=yes, no=no, anonymous=UNAUTHORIZED)


def api_tiers(allowed: set[str], seers: set[str], yes=OK) -> dict:
    """``yes`` for ``allowed``, 403 for the others in ``seers``, 404 for the rest."""
    return {
        None: UNAUTHORIZED,
        **{a: (yes if a in allowed else DENIED if a in seers else HIDDEN) for a in SIGNED_IN},
    }


def _api(expect, kwargs=None, **options) -> Case:
    return Case(expect, kwargs=kwargs or (lambda d: {}), token=True, **options)


def _first(model_path: str, **lookup):
    def find(d):
        from django.apps import apps

        model = apps.get_model(model_path)
        resolved = {k: (v(d) if callable(v) else v) for k, v in lookup.items()}
        return model.objects.filter(**resolved).order_by("pk").first()

    return pk(find)


def _own_token(username: str):
    def make(d):
        from leerroute.api import services

        row, _token = services.create_token(d[username], "matrix", by=None)
        return {"pk": row.pk}

    return make


API_LISTS = [
    "organisations",
    "departments",
    "teams",
    "cohorts",
    "people",
    "placements",
    "qualifications",
    "learning_questions",
    "feedback",
    "progress_reviews",
    "training_programmes",
    "training_enrolments",
    "training_sessions",
    "attendances",
    "weekly_updates",
    "conversations",
]
TOPAZ_STAFF = {"werkbegeleider2", "studentbegeleider2", "praktijkopleider2", "beheerder"}
FEEDBACK_GIVERS_1 = {"werkbegeleider1", "studentbegeleider1", "praktijkopleider1"}
FEEDBACK_GIVERS_OTHER = {"werkbegeleider2", "studentbegeleider2", "praktijkopleider2"}
_FEEDBACK = {
    "observe": "Je stelde de bewoner gerust.",
    "effect": "Zij werd rustiger.",
    "pause": "Je vond het fijn.",
    "suggestions": "Blijf dat doen.",
}


def _feedback_for(username):
    return lambda d: {**_FEEDBACK, "student": d[username].pk}


API_MATRIX: dict[str, list[Case]] = {
    **{f"api:{name}_list": [_api(api_everyone(OK))] for name in API_LISTS},
    # A create is a POST to the list's URL (django-ninja names that URL twice).
    "api:me": [_api(api_everyone(OK))],
    "api:openapi-json": [_api(api_everyone(OK))],
    # The documentation page: signed-in people and token holders; others sign in.
    "api:openapi-view": [_api(everyone(OK))],
    "api:organisations_detail": [
        _api(api_only(STAFF_DSV), _first("people.Organisation", name="DSV|verzorgd leven")),
    ],
    "api:departments_detail": [
        _api(
            api_only(STAFF_DSV),
            _first("people.Department", organisation__name="DSV|verzorgd leven"),
        ),
    ],
    "api:teams_detail": [_api(api_only(STAFF_DSV), pk(_team("Team Tulp")))],
    "api:cohorts_detail": [
        _api(
            api_only({"docent1", "docent2", "trainer", "beheerder"}),
            _first("people.Cohort", name="VIG-3A"),
        ),
    ],
    "api:people_detail": [
        _api(api_only(SEES_STUDENT1), pk(lambda d: d["student1"]), label="student1"),
        _api(api_only(SEES_STUDENT2), pk(lambda d: d["student2"]), label="student2"),
        _api(api_only(set()), pk(lambda d: d["werkbegeleider1"]), label="mentor"),
    ],
    "api:placements_detail": [
        _api(api_only(SEES_STUDENT1), _first("people.Placement", student=lambda d: d["student1"])),
    ],
    "api:qualifications_detail": [_api(api_everyone(OK), pk(_qualification))],
    "api:learning_questions_detail": [
        _api(api_only(SEES_STUDENT1), _lq("student1", "submitted"), label="s1 submitted"),
        _api(api_only({"student1"}), _lq("student1", "draft"), label="s1 draft"),
    ],
    "api:learning_questions_create": [
        _api(
            api_only({"student1", "student2"}, yes=201, no=DENIED),
            method="post",
            data={"question": "Ik wil leren een wondverband te verwisselen."},
            label="create",
        ),
    ],
    "api:learning_questions_submit": [
        # The demo draft has no target date yet: the service refuses it (422).
        _api(api_only({"student1"}, yes=422), _lq("student1", "draft"), method="post", data={}),
        _api(
            {**api_tiers(set(), SEES_STUDENT1 - {"student1"}), "student1": 409},
            _lq("student1", "submitted"),
            method="post",
            data={},
            label="s1 submitted (staff 403)",
        ),
    ],
    # Reviewing: the named mentor of the placement (werkbegeleider1 for student1).
    "api:learning_questions_approve": [
        _api(
            api_tiers({"werkbegeleider1"}, SEES_STUDENT1),
            _lq("student1", "submitted"),
            method="post",
            data={
                "checklist": dict.fromkeys(
                    [
                        "right_level",
                        "linked_work_process",
                        "concrete",
                        "steps_lead_to_competence",
                        "support_written",
                    ],
                    True,
                ),
                "mentor_support": "Ik doe het voor en kijk mee.",
            },
        ),
    ],
    "api:learning_questions_ask_clarification": [
        _api(
            api_tiers({"werkbegeleider1"}, SEES_STUDENT1),
            _lq("student1", "submitted"),
            method="post",
            data={"message": "Wanneer wil je dit kunnen?"},
        ),
    ],
    "api:feedback_detail": [
        _api(api_only(SEES_STUDENT1), _first("feedback.Feedback", student=lambda d: d["student1"])),
    ],
    "api:feedback_create": [
        _api(
            {
                None: UNAUTHORIZED,
                **{
                    a: 201
                    if a in FEEDBACK_GIVERS_1
                    else 422
                    if a in FEEDBACK_GIVERS_OTHER
                    else DENIED
                    for a in SIGNED_IN
                },
            },
            method="post",
            data=None,
            label="create for student1",
        ),
    ],
    "api:feedback_respond": [
        _api(
            api_tiers({"student1"}, SEES_STUDENT1),
            _first("feedback.Feedback", student=lambda d: d["student1"]),
            method="post",
            data={"response": "Dank je, ik let erop."},
        ),
    ],
    "api:progress_reviews_detail": [
        _api(
            api_only(SEES_STUDENT1),
            _first("feedback.ProgressReview", student=lambda d: d["student1"], status="published"),
        ),
    ],
    "api:training_sessions_detail": [
        _api(
            api_only(
                {
                    "praktijkopleider1",
                    "praktijkopleider2",
                    "docent1",
                    "docent2",
                    "trainer",
                    "beheerder",
                }
            ),
            _first("training.Session"),
            label="first session",
        ),
    ],
    "api:attendances_detail": [
        _api(
            api_only({"praktijkopleider1", "trainer", "beheerder"}),
            _first("training.Attendance"),
            label="first attendance",
        ),
    ],
    # The API's root answers 404 (no page there), as JSON.
    "api:api-root": [_api(everyone(HIDDEN, anonymous=HIDDEN))],
    # The token pages on "Mijn profiel" (session, with CSRF like every form).
    "api_tokens:create": [Case(everyone(OK), method="post", data={"name": "koppeling"})],
    "api_tokens:revoke": [
        Case(only({"student1"}, yes=FOUND), kwargs=_own_token("student1"), method="post"),
    ],
}
API_MATRIX["api:weekly_updates_detail"] = [
    _api(
        api_only(
            {
                "student1",
                "werkbegeleider1",
                "studentbegeleider1",
                "praktijkopleider1",
                "docent1",
                "beheerder",
            }
        ),
        _first("school.WeeklyUpdate", cohort__name="VIG-3A", status="published"),
    ),
]
API_MATRIX["api:conversations_detail"] = [
    _api(
        api_only({"student1", "werkbegeleider1", "praktijkopleider1", "docent1"}),
        _first("conversations.Conversation", student=lambda d: d["student1"], status="held"),
    ),
]
API_MATRIX["api:feedback_create"][0].data_for = _feedback_for("student1")


# --- api: changes (PATCH and actions), the pages' rules -------------------------------


def _review_input(username):
    def data(d):
        from django.utils import timezone

        from leerroute.feedback.models import Feedback
        from leerroute.feedback.queries import current_qualification, work_processes_of

        student = d[username]
        process = work_processes_of(current_qualification(student)).first()
        return {
            "student": student.pk,
            "review_date": timezone.localdate().isoformat(),
            "summary": "Groeit in de basiszorg.",
            "levels": [{"work_process": process.pk, "level": "developing"}],
            "cited_feedback": list(
                Feedback.objects.filter(student=student).values_list("pk", flat=True)[:1]
            ),
        }

    return data


def _free_week_input(cohort_name):
    def data(d):
        from leerroute.people.models import Cohort
        from leerroute.school.models import WeeklyUpdate
        from leerroute.school.weeks import Week

        cohort = Cohort.objects.get(name=cohort_name)
        week = next(
            w
            for w in (Week.current().plus(n) for n in range(1, 9))
            if not WeeklyUpdate.objects.filter(cohort=cohort).in_week(w).exists()
        )
        return {"cohort": cohort.pk, "week": week.iso, "topics": "Wondzorg en hygiëne."}

    return data


def _conversation_input(username):
    def data(d):
        import datetime

        from django.utils import timezone

        day = timezone.localdate() + datetime.timedelta(days=14)
        return {
            "student": d[username].pk,
            "date": day.isoformat(),
            "start": "10:00",
            "end": "10:45",
            "place": "Kantoor",
        }

    return data


def _agreement_input(owner):
    def data(d):
        import datetime

        held = _S1_HELD(d)
        return {
            "text": "Oefent de overdracht",
            "owner": d[owner].pk,
            "due_date": (held.date + datetime.timedelta(days=30)).isoformat(),
        }

    return data


def _api_data(expect, kwargs, data_for, **options) -> Case:
    case = _api(expect, kwargs, method="post", data=None, **options)
    case.data_for = data_for
    return case


NOTE_TAKERS_S1 = {"docent1", "werkbegeleider1", "praktijkopleider1"}
API_MATRIX.update(
    {
        "api:learning_questions_update": [
            _api(
                api_only({"student1"}),
                _lq("student1", "draft"),
                method="patch",
                data={"steps": "1. meekijken"},
                label="s1 draft",
            ),
            _api(
                api_tiers({"student1"}, SEES_STUDENT1),
                _lq("student1", "clarification"),
                method="patch",
                data={"steps": "1. meekijken"},
                label="s1 clarification",
            ),
            _api(
                {**api_tiers(set(), SEES_STUDENT1 - {"student1"}), "student1": 409},
                _lq("student1", "submitted"),
                method="patch",
                data={"steps": "1. meekijken"},
                label="s1 submitted",
            ),
        ],
        "api:learning_questions_resubmit": [
            _api(
                api_tiers({"student1"}, SEES_STUDENT1),
                _lq("student1", "clarification"),
                method="post",
                data={"answer": "Binnen drie weken."},
            ),
        ],
        "api:learning_questions_complete": [
            _api(
                api_tiers({"student1"}, SEES_STUDENT1),
                _lq("student1", "approved"),
                method="post",
                data={"reflection": "Het is gelukt."},
            ),
        ],
        # Its author, while they may still give the student feedback.
        "api:feedback_update": [
            _api(
                api_tiers({"werkbegeleider1"}, SEES_STUDENT1),
                _first("feedback.Feedback", student=lambda d: d["student1"]),
                method="patch",
                data={"effect": "De bewoner werd rustig."},
            ),
        ],
        "api:progress_reviews_create": [
            _api_data(
                api_tiers(REVIEWS_STUDENT1, SEES_STUDENT1, yes=201),
                None,
                _review_input("student1"),
                label="student1",
            ),
        ],
        "api:progress_reviews_update": [
            _api(
                api_only(REVIEWS_STUDENT1),
                pk(_fb_review("student1", False)),
                method="patch",
                data={"summary": "Bijgewerkt."},
                label="draft",
            ),
            _api(
                api_tiers(REVIEWS_STUDENT1, SEES_STUDENT1),
                pk(_fb_review("student1", True)),
                method="patch",
                data={"summary": "Bijgewerkt."},
                label="published",
            ),
        ],
        "api:progress_reviews_publish": [
            _api(
                api_only(REVIEWS_STUDENT1),
                pk(_fb_review("student1", False)),
                method="post",
                data={},
                label="draft",
            ),
            # Already published: nobody may publish it again.
            _api(
                api_tiers(set(), SEES_STUDENT1),
                pk(_fb_review("student1", True)),
                method="post",
                data={},
                label="published",
            ),
        ],
        # Weekly updates: the cohort's teachers (docent1 for VIG-3A, docent2 for VP-4A).
        "api:weekly_updates_create": [
            _api_data(
                api_tiers({"docent1"}, SCHOOL_STAFF, yes=201),
                None,
                _free_week_input("VIG-3A"),
                label="VIG-3A",
            ),
        ],
        "api:weekly_updates_update": [
            _api(
                api_only({"docent1"}),
                pk(_update("VIG-3A", 1)),
                method="patch",
                data={"practice": "Oefen de overdracht."},
                label="draft",
            ),
            _api(
                api_tiers({"docent1"}, SEES_STUDENT1),
                pk(_update("VIG-3A", 0)),
                method="patch",
                data={"practice": "Oefen de overdracht."},
                label="now",
            ),
            # The week has ended: 409 for the teacher, as the page sends them back.
            _api(
                {**api_tiers(set(), SEES_STUDENT1), "docent1": 409},
                pk(_update("VIG-3A", -2)),
                method="patch",
                data={"practice": "Te laat."},
                label="ended",
            ),
        ],
        "api:weekly_updates_publish": [
            _api(
                api_only({"docent1"}),
                pk(_update("VIG-3A", 1)),
                method="post",
                data={},
                label="draft",
            ),
            _api(
                api_tiers({"docent2"}, SEES_STUDENT2),
                pk(_update("VP-4A", 0)),
                method="post",
                data={},
                label="published",
            ),
        ],
        # Conversations: planned and changed by the student's teacher and practice educator;
        # notes and agreements by the staff who take part.
        "api:conversations_create": [
            _api_data(
                api_tiers(PLANS_S1, SEES_STUDENT1, yes=201),
                None,
                _conversation_input("student1"),
                label="student1",
            ),
        ],
        "api:conversations_update": [
            _api(
                api_tiers(PLANS_S1, IN_S1_TALK),
                pk(_S1_HELD),
                method="patch",
                data={"place": "Leslokaal 2"},
            ),
        ],
        "api:conversations_cancel": [
            _api(api_tiers(PLANS_S1, IN_S1_TALK), pk(_S1_HELD), method="post", data={}),
        ],
        "api:conversations_notes": [
            _api(
                api_tiers(NOTE_TAKERS_S1, IN_S1_TALK),
                pk(_S1_HELD),
                method="post",
                data={"notes": "Besproken: de overdracht."},
            ),
        ],
        "api:conversations_agreements_create": [
            _api_data(
                api_tiers(NOTE_TAKERS_S1, IN_S1_TALK, yes=201),
                pk(_S1_HELD),
                _agreement_input("werkbegeleider1"),
            ),
        ],
        # Its owner (werkbegeleider1) and its note taker (docent1) tick it off; only the
        # note taker removes it.
        "api:conversations_agreements_done": [
            _api(
                api_tiers({"werkbegeleider1", "docent1"}, IN_S1_TALK),
                pk(_agreement_of("werkbegeleider1")),
                method="post",
                data={"done": True},
            ),
        ],
        "api:conversations_agreements_delete": [
            _api(
                {**api_tiers({"docent1"}, IN_S1_TALK), "docent1": NO_CONTENT},
                pk(_agreement_of("werkbegeleider1")),
                method="delete",
            ),
        ],
        # Attendance: who manages the programme, from the start of the session.
        "api:training_sessions_attendance": [
            _api(
                api_tiers(TR_MANAGES_TTT, TR_SEES_TTT),
                pk(_tr_session(TR_TTT)),
                method="post",
                data={"attendances": []},
                label="ttt",
            ),
            _api(
                api_tiers(TR_MANAGES_TULP, TR_SEES_TULP),
                pk(_tr_session(TR_TULP)),
                method="post",
                data={"attendances": []},
                label="tulp",
            ),
        ],
    }
)
# --- api: training (the programme pages' rules) and reading feedback ------------------


def _tr_org(d, name="mboRijnland"):
    from leerroute.training.models import Programme

    if name == "mboRijnland":  # the organisation that runs the train-the-trainer programme
        return Programme.objects.get(title=TR_TTT).organisation
    return _org(name)(d)


def _tr_programme_input(d):
    return {
        "title": "Feedback geven met OEPS",
        "goal": "Werkbegeleiders geven feedback die verder helpt.",
        "audience": "Werkbegeleiders",
        "organisation": _tr_org(d).pk,
    }


def _tr_session_input(d):
    import datetime

    from django.utils import timezone

    start = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(days=30)
    return {
        "topic": "Terugkomdag",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
        "place": "Leiden",
    }


def _tr_team_training_input(d):
    import datetime

    from django.utils import timezone

    start = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(days=21)
    return {
        "team": _team("Team Tulp")(d).pk,
        "base": _tr_programme(TR_TTT)(d).pk,
        "first_start": start.isoformat(),
        "interval_weeks": 2,
        "place": "Vergaderruimte",
    }


def _tr_invite_input(role, organisation_name):
    return lambda d: {"role": role, "organisation": _tr_org(d, organisation_name).pk}


API_MATRIX_TRAINING: dict[str, list[Case]] = {
    "api:training_programmes_detail": [
        _api(api_only(TR_SEES_TTT), pk(_tr_programme(TR_TTT)), label="ttt"),
        _api(api_only(TR_SEES_TULP), pk(_tr_programme(TR_TULP)), label="tulp"),
    ],
    "api:training_enrolments_detail": [
        _api(
            api_only(TR_MANAGES_TTT | {"docent1"}),
            _first(
                "training.Enrolment",
                programme__title=TR_TTT,
                user=lambda d: d["docent1"],
            ),
            label="docent1 in ttt",
        ),
    ],
    # Trainers and practice educators, under the name of their own organisation: the
    # practice educators are not of mboRijnland (the form refuses it, 422).
    "api:training_programmes_create": [
        _api_data(
            {
                **api_only({"trainer", "beheerder"}, yes=201, no=DENIED),
                "praktijkopleider1": 422,
                "praktijkopleider2": 422,
            },
            None,
            _tr_programme_input,
            label="mboRijnland",
        ),
    ],
    "api:training_programmes_update": [
        _api(
            api_tiers(TR_MANAGES_TTT, TR_SEES_TTT),
            pk(_tr_programme(TR_TTT)),
            method="patch",
            data={"audience": "Praktijkopleiders"},
            label="ttt",
        ),
        _api(
            api_tiers(TR_MANAGES_TULP, TR_SEES_TULP),
            pk(_tr_programme(TR_TULP)),
            method="patch",
            data={"goal": "Samen leren begeleiden."},
            label="tulp",
        ),
    ],
    "api:training_programmes_sessions_create": [
        _api_data(
            api_tiers(TR_MANAGES_TTT, TR_SEES_TTT, yes=201),
            pk(_tr_programme(TR_TTT)),
            _tr_session_input,
            label="ttt",
        ),
        _api_data(
            api_tiers(TR_MANAGES_TULP, TR_SEES_TULP, yes=201),
            pk(_tr_programme(TR_TULP)),
            _tr_session_input,
            label="tulp",
        ),
    ],
    "api:training_sessions_update": [
        _api(
            api_tiers(TR_MANAGES_TTT, TR_SEES_TTT),
            pk(_tr_session(TR_TTT)),
            method="patch",
            data={"place": "Lokaal 2"},
            label="ttt",
        ),
        _api(
            api_tiers(TR_MANAGES_TULP, TR_SEES_TULP),
            pk(_tr_session(TR_TULP)),
            method="patch",
            data={"place": "Lokaal 2"},
            label="tulp",
        ),
    ],
    "api:training_programmes_invite": [
        _api_data(
            api_tiers(TR_MANAGES_TTT, TR_SEES_TTT),
            pk(_tr_programme(TR_TTT)),
            _tr_invite_input("TEACHER", "mboRijnland"),
            label="ttt",
        ),
        _api_data(
            api_tiers(TR_MANAGES_TULP, TR_SEES_TULP),
            pk(_tr_programme(TR_TULP)),
            _tr_invite_input("MENTOR", "DSV|verzorgd leven"),
            label="tulp",
        ),
    ],
    # Only docent2 has an open invitation.
    "api:training_programmes_sign_up": [
        _api(
            api_tiers({"docent2"}, TR_SEES_TTT),
            pk(_tr_programme(TR_TTT)),
            method="post",
            data={},
        ),
    ],
    "api:training_programmes_enrol": [
        _api_data(
            api_tiers(TR_MANAGES_TTT, TR_SEES_TTT),
            pk(_tr_programme(TR_TTT)),
            lambda d: {"user": d["docent2"].pk},
        ),
    ],
    # Practice educators, for a team of their own organisation (praktijkopleider2: 422).
    "api:team_trainings_create": [
        _api_data(
            {
                **api_only({"praktijkopleider1"}, yes=201, no=DENIED),
                "praktijkopleider2": 422,
            },
            None,
            _tr_team_training_input,
            label="team tulp",
        ),
    ],
    "api:feedback_mark_read": [
        _api(
            api_tiers({"student1"}, SEES_STUDENT1),
            _first("feedback.Feedback", student=lambda d: d["student1"]),
            method="post",
            data={},
        ),
    ],
}
API_MATRIX.update(API_MATRIX_TRAINING)


# --- api: students, employees and placements (one row of the people import) ------------
# Who may import for which organisation, as on /import/personen/: the administrator
# every organisation, a practice educator their own (a row of another one is refused
# by the import: 422 naming ``organisation``); everyone else 403.
_PEOPLE_DSV = "DSV|verzorgd leven"


def _people_student_input(d):
    return {
        "student_number": "900001",
        "username": "st.matrix",
        "first_name": "Nina",
        "last_name": "Nieuwenhuis",
        "organisation": "mboRijnland",
        "cohort": "VIG-3A",
        "qualification": "Verzorgende IG",
    }


def _people_employee_input(d):
    return {
        "personnel_number": "DSV-0900",
        "username": "mw.matrix",
        "first_name": "Mila",
        "last_name": "de Wit",
        "organisation": _PEOPLE_DSV,
        "department": "Wonen met zorg De Rijnhof",
        "team": "Team Tulp",
        "roles": ["medewerker"],
    }


def _people_placement_input(d):
    import datetime

    from django.utils import timezone

    start = timezone.localdate() + datetime.timedelta(days=200)
    return {
        "student_number": "student1",
        "organisation": _PEOPLE_DSV,
        "department": "Wonen met zorg De Rijnhof",
        "team": "Team Iris",
        "start_date": start.isoformat(),
        "mentors": ["werkbegeleider1"],
        "assessor": "studentbegeleider1",
    }


_IMPORTERS = {"beheerder", "praktijkopleider1", "praktijkopleider2"}
API_MATRIX.update(
    {
        "api:students_upsert": [
            _api_data(
                {
                    **api_only({"beheerder"}, yes=201, no=DENIED),
                    "praktijkopleider1": 422,
                    "praktijkopleider2": 422,
                },
                None,
                _people_student_input,
                label="mboRijnland",
            ),
        ],
        "api:employees_upsert": [
            _api_data(
                {
                    **api_only({"beheerder", "praktijkopleider1"}, yes=201, no=DENIED),
                    "praktijkopleider2": 422,
                },
                None,
                _people_employee_input,
                label="dsv",
            ),
            # A dry run answers the import's report, also of a refused row (praktijkopleider2).
            _api_data(
                api_only(_IMPORTERS, no=DENIED),
                None,
                lambda d: {**_people_employee_input(d), "dry_run": True},
                label="dsv dry run",
            ),
        ],
        "api:placements_upsert": [
            _api_data(
                {
                    **api_only({"beheerder", "praktijkopleider1"}, yes=201, no=DENIED),
                    "praktijkopleider2": 422,
                },
                None,
                _people_placement_input,
                label="student1 at dsv",
            ),
        ],
    }
)


MATRIX.update(API_MATRIX)
# --- end of api ------------------------------------------------------------------------

# Every URL of the Django admin (namespace "admin"): the functional
# administrator only; everyone else is sent to the admin sign-in.
ADMIN_NAMESPACE_EXPECT = {None: FOUND, **dict.fromkeys(SIGNED_IN, FOUND), "beheerder": OK}

# --- intervision (leerroute.intervision) -------------------------------------------------
# Demo (leerroute/intervision/demo.py): "Intervisie De Rijnhof" at DSV (facilitator
# studentbegeleider1, werkbegeleider1 a member; praktijkopleider1 forms it but is not in
# it) and "Intervisie Topaz" (facilitator praktijkopleider2, werkbegeleider2 a member).
# The notes (and the calendar download) are for the group only: 404 for everyone else,
# the practice educator and the beheerder included.


def _iv_group(name):
    from leerroute.intervision.models import IntervisionGroup

    return lambda d: IntervisionGroup.objects.get(name=name)


def _iv_meeting(name):
    from leerroute.intervision.models import Meeting

    return lambda d: Meeting.objects.upcoming().filter(group__name=name).first()


IV_RIJNHOF, IV_TOPAZ = "Intervisie De Rijnhof", "Intervisie Topaz"
IV_USERS = {
    "werkbegeleider1",
    "werkbegeleider2",
    "studentbegeleider1",
    "studentbegeleider2",
    "praktijkopleider1",
    "praktijkopleider2",
    "beheerder",
}
IV_SEES_RIJNHOF = {"werkbegeleider1", "studentbegeleider1", "praktijkopleider1", "beheerder"}
IV_IN_RIJNHOF = {"werkbegeleider1", "studentbegeleider1"}
IV_MANAGES_RIJNHOF = {"praktijkopleider1", "beheerder"}
IV_SEES_TOPAZ = {"werkbegeleider2", "praktijkopleider2", "beheerder"}
IV_MANAGES_TOPAZ = {"praktijkopleider2", "beheerder"}

INTERVISION_MATRIX: dict[str, list[Case]] = {
    "intervision:index": [Case(only(IV_USERS, no=DENIED))],
    "intervision:group_create": [
        Case(only({"praktijkopleider1", "praktijkopleider2", "beheerder"}, no=DENIED)),
        # No name, no members: the form again with Dutch messages, nothing created.
        Case(
            only({"praktijkopleider1", "praktijkopleider2", "beheerder"}, no=DENIED),
            method="post",
            data={"name": ""},
            label="empty post",
        ),
    ],
    "intervision:group_detail": [
        Case(only(IV_SEES_RIJNHOF), kwargs=pk(_iv_group(IV_RIJNHOF)), label="rijnhof"),
        Case(only(IV_SEES_TOPAZ), kwargs=pk(_iv_group(IV_TOPAZ)), label="topaz"),
    ],
    "intervision:group_edit": [
        Case(
            _tr_manage(IV_MANAGES_RIJNHOF, IV_SEES_RIJNHOF),
            kwargs=pk(_iv_group(IV_RIJNHOF)),
            label="rijnhof",
        ),
        Case(
            _tr_manage(IV_MANAGES_TOPAZ, IV_SEES_TOPAZ),
            kwargs=pk(_iv_group(IV_TOPAZ)),
            label="topaz",
        ),
    ],
    "intervision:group_end": [
        Case(
            _tr_manage(IV_MANAGES_RIJNHOF, IV_SEES_RIJNHOF),
            kwargs=pk(_iv_group(IV_RIJNHOF)),
        ),
        # No version: the confirmation again with a Dutch message, the group stays.
        Case(
            _tr_manage(IV_MANAGES_RIJNHOF, IV_SEES_RIJNHOF),
            kwargs=pk(_iv_group(IV_RIJNHOF)),
            method="post",
            data={},
            label="post without version",
        ),
    ],
    "intervision:meeting_create": [
        Case(
            _tr_manage(IV_MANAGES_RIJNHOF | {"studentbegeleider1"}, IV_SEES_RIJNHOF),
            kwargs=pk(_iv_group(IV_RIJNHOF)),
        ),
    ],
    "intervision:meeting_detail": [
        Case(only(IV_SEES_RIJNHOF), kwargs=pk(_iv_meeting(IV_RIJNHOF)), label="rijnhof"),
        Case(only(IV_SEES_TOPAZ), kwargs=pk(_iv_meeting(IV_TOPAZ)), label="topaz"),
    ],
    "intervision:meeting_edit": [
        Case(
            _tr_manage(IV_MANAGES_RIJNHOF | {"studentbegeleider1"}, IV_SEES_RIJNHOF),
            kwargs=pk(_iv_meeting(IV_RIJNHOF)),
        ),
    ],
    "intervision:meeting_cancel": [
        Case(
            _tr_manage(IV_MANAGES_RIJNHOF | {"studentbegeleider1"}, IV_SEES_RIJNHOF),
            kwargs=pk(_iv_meeting(IV_RIJNHOF)),
        ),
    ],
    "intervision:meeting_attendance": [
        Case(
            _tr_manage({"studentbegeleider1"}, IV_SEES_RIJNHOF),
            kwargs=pk(_iv_meeting(IV_RIJNHOF)),
            label="rijnhof",
        ),
        Case(
            _tr_manage({"praktijkopleider2"}, IV_SEES_TOPAZ),
            kwargs=pk(_iv_meeting(IV_TOPAZ)),
            label="topaz",
        ),
    ],
    "intervision:meeting_notes": [
        Case(only(IV_IN_RIJNHOF), kwargs=pk(_iv_meeting(IV_RIJNHOF)), label="rijnhof"),
        Case(
            only({"werkbegeleider2", "praktijkopleider2"}),
            kwargs=pk(_iv_meeting(IV_TOPAZ)),
            label="topaz",
        ),
        # Too long: the form again with a Dutch message, nothing saved; others 404.
        Case(
            only(IV_IN_RIJNHOF),
            kwargs=pk(_iv_meeting(IV_RIJNHOF)),
            method="post",
            data={"text": "x" * 20_001},
            label="too long",
        ),
    ],
    "intervision:meeting_ics": [
        Case(only(IV_IN_RIJNHOF), kwargs=pk(_iv_meeting(IV_RIJNHOF)), label="rijnhof"),
        Case(
            only({"werkbegeleider2", "praktijkopleider2"}),
            kwargs=pk(_iv_meeting(IV_TOPAZ)),
            label="topaz",
        ),
    ],
}
MATRIX.update(INTERVISION_MATRIX)
# --- end of intervision -------------------------------------------------------------------

# --- support (leerroute.support): "Bij wie kan ik terecht?" ---------------------------------
SUPPORT_MATRIX: dict[str, list[Case]] = {
    "support:index": [Case(everyone(OK))],
    "support:card": [
        # A malformed e-mail address: the profile again with a Dutch message, nothing saved.
        Case(
            everyone(OK),
            method="post",
            data={"work_email": "geen-adres", "work_phone": "", "availability": ""},
            label="bad input",
        ),
        Case(everyone(NOT_ALLOWED, anonymous=NOT_ALLOWED), label="get"),
    ],
}
MATRIX.update(SUPPORT_MATRIX)
# --- end of support -----------------------------------------------------------------------
