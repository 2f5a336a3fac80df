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

# Every URL of the Django admin (namespace "admin"): the functional
# administrator only; everyone else is sent to the admin sign-in.
ADMIN_NAMESPACE_EXPECT = {None: FOUND, **dict.fromkeys(SIGNED_IN, FOUND), "beheerder": OK}
