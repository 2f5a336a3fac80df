"""Hostile values in every id, choice and query parameter: never a 5xx.

"²" passes ``str.isdigit()`` but not ``int()``, "١" (Arabic-Indic) reads as 1,
a number beyond the bigint range overflows SQLite, and a NUL byte reaches
PostgreSQL, which refuses it with an error that used to answer 503 as if the
database were down. Each page that reads a parameter gets each value from each
demo account:

- a NUL byte anywhere: 400 with a Dutch message, for everyone (middleware);
- an account the page is not for: its usual 403/404 (or the sign-in page);
- a malformed id read by a view: 400 with a Dutch message;
- a malformed id or number in a form: the form again, with a Dutch error on
  that field;
- a filter, search or page number: the page as without it;
- and no POST with a malformed value changes anything in the database.

Run on PostgreSQL too: the NUL problem only shows there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.matrix import (
    _FB1,
    ACCOUNTS,
    GIVES_FEEDBACK,
    GLOSSARY_EDITORS,
    REVIEWS_STUDENT1,
    SIGNED_IN,
    TR_LIBRARY,
    TR_MANAGES_TTT,
    TR_TTT,
    _fb_review,
    _lq,
    _tr_programme,
    pk,
)

HOSTILE = [
    "²",
    "١",
    "-1",
    "1.0",
    "99999999999999999999999",
    "0x10",
    " 1",
    "",
    "\x00",
    "abc",
    "1\x00",
]
WITH_NUL = {"\x00", "1\x00"}
EVERYONE = set(ACCOUNTS)

NUL_TEXT = "nul-teken"
BAD_ID_TEXT = "ongeldig nummer"
OEPS = {
    "observe": "Je bleef rustig bij de overdracht.",
    "effect": "De collega wist wat er speelde.",
    "pause": "Je zei dat het je hielp.",
    "suggestions": "Volgende keer eerst de prioriteiten noemen.",
}


@dataclass
class Probe:
    name: str
    param: str
    # filter: the page as without the parameter; id: 400 for a malformed value;
    # form: the form again with an error on ``field``; text: free text (only NUL refused).
    kind: str
    actors: set = field(default_factory=lambda: EVERYONE)
    kwargs: Callable[[dict], dict] = lambda d: {}
    method: str = "get"
    data: Callable[[dict], dict] = lambda d: {}
    form_key: str = "form"
    field: str = ""

    @property
    def id(self) -> str:
        return f"{self.method}-{self.name}-{self.param}"


def _version_of(lookup):
    def data(d):
        from leerroute.learning.models import LearningQuestion

        question = LearningQuestion.objects.get(pk=lookup(d)["pk"])
        return {"question": question.question, "version": question.version}

    return data


_S1_DRAFT = _lq("student1", "draft")
_S1_CLARIFICATION = _lq("student1", "clarification")
_S1_SUBMITTED = _lq("student1", "submitted")
_S1_APPROVED = _lq("student1", "approved")
_TTT = pk(_tr_programme(TR_TTT))
_STUDENT1 = lambda d: {"pk": d["student1"].pk}  # noqa: E731
_REVIEW_DRAFT = pk(_fb_review("student1", False))
_EDUCATORS = {"praktijkopleider1", "praktijkopleider2"}


def _with_student1(d):
    return {**OEPS, "student": d["student1"].pk}


def _term_data(d):
    from leerroute.glossary.models import Term

    term = Term.objects.get(slug="leervraag")
    return {
        "name": term.name,
        "definition": term.definition,
        "slug": term.slug,
        "version": term.version,
    }


def _programme(d):
    return {"title": "Nieuw programma", "goal": "Leren coachen.", "audience": "Iedereen"}


PROBES = [
    # --- query parameters of lists, searches and filters ---
    Probe("people:student_list", "q", "filter"),
    Probe("people:student_list", "pagina", "filter"),
    Probe("learning:list", "status", "filter"),
    Probe("learning:list", "pagina", "filter"),
    Probe("feedback:index", "pagina", "filter"),
    Probe("training:index", "pagina", "filter"),
    Probe("training:material_list", "q", "filter"),
    Probe("training:material_list", "kind", "filter"),
    Probe("training:material_list", "topic", "filter"),
    Probe("training:material_list", "pagina", "filter"),
    Probe("training:workform_list", "soort", "filter"),
    Probe("login", "next", "filter"),
    # --- ids read by views ---
    Probe("feedback:create", "student", "id", GIVES_FEEDBACK),
    Probe(
        "feedback:review_publish",
        "version",
        "id",
        REVIEWS_STUDENT1,
        kwargs=_REVIEW_DRAFT,
        method="post",
    ),
    *(
        Probe(
            "learning:check",
            param,
            "id",
            {"student1", "student2"},
            method="post",
            data=lambda d: {"question": "Ik wil leren wondzorg te geven."},
        )
        for param in ("work_processes", "link", "unlink")
    ),
    Probe("learning:submit", "version", "id", {"student1"}, kwargs=_S1_DRAFT, method="post"),
    Probe("training:programme_enrol", "user", "id", TR_MANAGES_TTT, kwargs=_TTT, method="post"),
    # --- ids and numbers in forms ---
    Probe("feedback:create", "student", "form", GIVES_FEEDBACK, method="post", data=lambda d: OEPS),
    *(
        Probe("feedback:create", param, "form", GIVES_FEEDBACK, method="post", data=_with_student1)
        for param in ("work_process", "learning_question")
    ),
    Probe(
        "feedback:edit",
        "version",
        "form",
        {"werkbegeleider1"},
        kwargs=pk(_FB1),
        method="post",
        data=lambda d: OEPS,
    ),
    Probe(
        "feedback:respond",
        "version",
        "form",
        {"student1"},
        kwargs=pk(_FB1),
        method="post",
        data=lambda d: {"response": "Dank je, ik neem het mee."},
        form_key="response_form",
    ),
    Probe(
        "feedback:review_create",
        "cited_feedback",
        "form",
        REVIEWS_STUDENT1,
        kwargs=_STUDENT1,
        method="post",
        data=lambda d: {
            "review_date": timezone.localdate().isoformat(),
            "summary": "Goede voortgang.",
        },
    ),
    Probe(
        "learning:create",
        "work_processes",
        "form",
        {"student1", "student2"},
        method="post",
        data=lambda d: {"question": "Ik wil leren wondzorg te geven."},
    ),
    Probe(
        "learning:edit",
        "work_processes",
        "form",
        {"student1"},
        kwargs=_S1_DRAFT,
        method="post",
        data=_version_of(_S1_DRAFT),
    ),
    Probe(
        "learning:edit",
        "version",
        "form",
        {"student1"},
        kwargs=_S1_DRAFT,
        method="post",
        data=lambda d: {"question": "Ik wil leren wondzorg te geven."},
    ),
    Probe(
        "learning:review",
        "version",
        "form",
        {"werkbegeleider1"},
        kwargs=_S1_SUBMITTED,
        method="post",
        data=lambda d: {"decision": "clarify", "message": "Wanneer precies?"},
    ),
    Probe(
        "learning:complete",
        "version",
        "form",
        {"student1"},
        kwargs=_S1_APPROVED,
        method="post",
        data=lambda d: {"reflection": "Het ging goed; volgende stap: zelfstandig."},
    ),
    *(
        Probe(
            "training:programme_create", param, "form", TR_LIBRARY, method="post", data=_programme
        )
        for param in ("organisation", "trainers", "invited_organisations")
    ),
    Probe(
        "training:programme_invite",
        "organisation",
        "form",
        TR_MANAGES_TTT,
        kwargs=_TTT,
        method="post",
        data=lambda d: {"role": "TEACHER"},
    ),
    Probe(
        "training:session_create",
        "materials",
        "form",
        TR_MANAGES_TTT,
        kwargs=_TTT,
        method="post",
        data=lambda d: {"topic": "Feedback geven", "place": "Leiden"},
    ),
    *(
        Probe(
            "training:teamtraining_create",
            param,
            "form",
            _EDUCATORS,
            method="post",
            data=lambda d: {"place": "Leiden", "interval_weeks": "2"},
        )
        for param in ("team", "base")
    ),
    Probe(
        "training:workform_create",
        "materials",
        "form",
        TR_LIBRARY,
        method="post",
        data=lambda d: {"title": "Nieuwe werkvorm", "purpose": "Oefenen.", "steps": "Stap"},
    ),
    # --- the glossary's edit form (editors) ---
    *(
        Probe(
            "glossary:edit",
            param,
            "form",
            GLOSSARY_EDITORS,
            kwargs=lambda d: {"slug": "leervraag"},
            method="post",
            data=_term_data,
        )
        for param in ("related", "version")
    ),
    # --- search words (POST, so never in a URL) ---
    Probe("search:search", "q", "text", method="post"),
    Probe("glossary:list", "q", "text", method="post"),
    # --- free text read without a form ---
    Probe(
        "learning:submit",
        "answer",
        "text",
        {"student1"},
        kwargs=_S1_CLARIFICATION,
        method="post",
    ),
    Probe(
        "core:privacy_check",
        "observe",
        "text",
        set(SIGNED_IN),
        method="post",
        data=lambda d: {"privacy_field": "observe"},
    ),
]


def _snapshot() -> dict:
    """Row counts of the project's own tables, and the state of the objects POSTs change."""
    from leerroute.feedback.models import Feedback, ProgressReview
    from leerroute.learning.models import LearningQuestion
    from leerroute.training.models import Enrolment

    rows = {
        model._meta.label: model.objects.count()
        for label in ("people", "learning", "feedback", "training", "glossary")
        for model in apps.get_app_config(label).get_models()
        if model._meta.model_name != "accesslog"
    }
    for model, fields in (
        (LearningQuestion, ("status", "version", "updated_at")),
        (Feedback, ("version", "updated_at")),
        (ProgressReview, ("status", "version", "updated_at")),
        (Enrolment, ("status",)),
    ):
        rows[f"{model._meta.label} state"] = list(model.objects.order_by("pk").values_list(*fields))
    return rows


# One account per role for pages everyone may open; the code path depends on the role.
ONE_PER_ROLE = [
    None,
    "student1",
    "werkbegeleider1",
    "studentbegeleider2",
    "praktijkopleider1",
    "docent2",
    "trainer",
    "beheerder",
]


def _accounts(probe: Probe) -> list:
    """Every account the page is for, an anonymous visitor and one account it is not for."""
    if probe.actors == EVERYONE:
        return ONE_PER_ROLE
    outsiders = [a for a in SIGNED_IN if a not in probe.actors][:1]
    return [None, *outsiders, *(a for a in SIGNED_IN if a in probe.actors)]


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def _send(client, probe: Probe, url: str, demo, value):
    data = {**probe.data(demo)}
    if value is not None:
        data[probe.param] = value
    return getattr(client, probe.method)(url, data)


def _assert_dutch_400(response, text):
    html = response.content.decode()
    assert response.status_code == 400, response.status_code
    assert '<html lang="nl">' in html
    assert "Dit verzoek kunnen we niet verwerken" in html
    assert text in html


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: p.id)
def test_hostile_values_never_give_a_server_error(probe, demo, client_for):
    clients = {account: client_for(account) for account in _accounts(probe)}
    for client in clients.values():
        client.raise_request_exception = False
    url = reverse(probe.name, kwargs=probe.kwargs(demo))
    baseline = (
        {a: _send(c, probe, url, demo, None).status_code for a, c in clients.items()}
        if probe.kind == "filter"
        else {}
    )
    for value in HOSTILE:
        before = _snapshot() if probe.method == "post" else None
        for account, client in clients.items():
            _check(probe, account, value, _send(client, probe, url, demo, value), baseline)
        if before is not None and value != "" and (probe.kind != "text" or value in WITH_NUL):
            assert _snapshot() == before, (probe.id, value)


def _check(probe: Probe, account, value, response, baseline) -> None:
    where = (probe.id, account, value)
    assert response.status_code < 500, where
    if value in WITH_NUL:
        _assert_dutch_400(response, NUL_TEXT)
    elif probe.kind == "filter":
        assert response.status_code == baseline[account], where
    elif account is None:
        assert _is_login_redirect(response), where
    elif account not in probe.actors:
        assert response.status_code in (403, 404), where
    elif value == "":
        pass  # empty is "nothing chosen": whatever the page does without a value
    elif probe.kind == "id":
        _assert_dutch_400(response, BAD_ID_TEXT)
    elif probe.kind == "form":
        assert response.status_code == 200, where
        form = response.context[probe.form_key]
        errors = form.errors.get(probe.field or probe.param)
        assert errors, (where, form.errors)
        html = response.content.decode()
        assert "error-summary" in html, where
        assert escape(errors[0]) in html, where


def test_a_malformed_version_no_longer_publishes_a_review(demo, client_for):
    """'١' used to read as version 1 and published the draft."""
    review = _fb_review("student1", False)(demo)
    response = client_for("studentbegeleider1").post(
        reverse("feedback:review_publish", args=[review.pk]), {"version": "١"}
    )
    assert response.status_code == 400
    review.refresh_from_db()
    assert not review.is_published


def test_a_nul_byte_is_a_400_not_a_false_outage(demo, client_for):
    """On PostgreSQL these reached the database and answered 503 with Retry-After."""
    search = client_for("beheerder").get(reverse("people:student_list"), {"q": "Sanne\x00"})
    _assert_dutch_400(search, NUL_TEXT)
    assert "Retry-After" not in search
    question = _S1_CLARIFICATION(demo)["pk"]
    answer = client_for("student1").post(
        reverse("learning:submit", args=[question]), {"answer": "Voor 1 juni\x00"}
    )
    _assert_dutch_400(answer, NUL_TEXT)
    assert "Retry-After" not in answer


def test_a_nul_byte_in_the_session_cookie_is_refused(client_for):
    client = client_for("student1")
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    response = client.get("/")
    _assert_dutch_400(response, NUL_TEXT)


def test_a_nul_byte_in_the_path_or_a_header_is_refused(client_for):
    client = client_for("beheerder")
    _assert_dutch_400(client.get("/studenten/%00/"), NUL_TEXT)
    _assert_dutch_400(client.get("/studenten/", HTTP_USER_AGENT="Mozilla\x00"), NUL_TEXT)


def test_the_nul_message_follows_the_language(client_for):
    client = client_for("student1")
    client.cookies["django_language"] = "en"
    response = client.get("/studenten/", {"q": "a\x00"})
    assert response.status_code == 400
    assert '<html lang="en">' in response.content.decode()


def test_control_characters_in_the_clarification_answer_are_dropped(demo, client_for):
    from leerroute.learning.models import LearningQuestion

    question = LearningQuestion.objects.get(pk=_S1_CLARIFICATION(demo)["pk"])
    response = client_for("student1").post(
        reverse("learning:submit", args=[question.pk]),
        {"answer": "Voor 1 juni\x07, met\tuitleg.\x1b", "version": question.version},
    )
    assert response.status_code == 302
    assert question.messages.order_by("-pk").first().text == "Voor 1 juni, met\tuitleg."


def test_well_formed_ids_still_work(demo, client_for):
    """The parser is strict, not broken: ordinary ids keep working everywhere."""
    client = client_for("werkbegeleider1")
    response = client.get(reverse("feedback:create"), {"student": demo["student1"].pk})
    assert response.status_code == 200
    assert response.context["form"].student == demo["student1"]
    review = _fb_review("student1", False)(demo)
    version = review.version
    response = client_for("studentbegeleider1").post(
        reverse("feedback:review_publish", args=[review.pk]), {"version": str(version)}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_published
