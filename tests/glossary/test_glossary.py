"""The glossary: list with letter index and search, term pages, editing with
history and optimistic locking, old links, the starting set and glossary links."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerroute.glossary import services
from leerroute.glossary.models import Term, TermAlias, TermVersion
from leerroute.glossary.seed_terms import TERMS

REQUIRED = [
    "leervraag",
    "kwalificatiedossier",
    "werkproces",
    "kerntaak",
    "OEPS",
    "intervisie",
    "hybride leren",
    "werkbegeleider",
    "studentbegeleider",
    "praktijkopleider",
    "BPV",
    "driegesprek",
    "cascade",
    "pilotafdeling",
]


def _html(response) -> str:
    return response.content.decode()


def _form_data(term: Term, **changes) -> dict:
    data = {
        "name": term.name,
        "definition": term.definition,
        "synonyms": term.synonyms,
        "forms": term.forms,
        "example": term.example,
        "related": [t.pk for t in term.related.all()],
        "roles": term.roles,
        "slug": term.slug,
        "version": term.version,
    }
    data.update(changes)
    return data


# --- the starting set -----------------------------------------------------------------


def test_starting_set_has_the_route_terms(db):
    names = {name.lower() for name in Term.objects.values_list("name", flat=True)}
    assert len(names) >= 30
    for required in REQUIRED:
        assert required.lower() in names, required
    assert all(t.definition for t in Term.objects.all())
    assert TermVersion.objects.filter(version=1, saved_by=None).count() == len(TERMS)


def test_load_glossary_adds_only_missing_terms_and_keeps_edits(db, demo):
    term = Term.objects.get(slug="leervraag")
    services.update_term(
        term,
        _form_data(term, definition="Eigen tekst.", related=list(term.related.all())),
        term.version,
        by=demo["docent1"],
    )
    Term.objects.filter(slug="bpv").delete()
    out = io.StringIO()
    call_command("load_glossary", stdout=out)
    assert "1 begrip(pen) toegevoegd" in out.getvalue()
    assert Term.objects.get(slug="leervraag").definition == "Eigen tekst."
    assert Term.objects.filter(slug="bpv").exists()
    call_command("load_glossary", stdout=out)
    assert Term.objects.count() == len(TERMS)


# --- list -----------------------------------------------------------------------------


@pytest.mark.parametrize("account", ["student1", "werkbegeleider2", "docent1", "trainer"])
def test_list_shows_every_term_with_a_letter_index(client_for, account):
    html = _html(client_for(account).get(reverse("glossary:list")))
    for term in Term.objects.all():
        assert f'href="/begrippen/{term.slug}/"' in html
    assert '<a href="#letter-l">L</a>' in html
    # Letters without terms are not links.
    assert 'href="#letter-q"' not in html
    assert '<span class="empty-letter">Q' in html
    assert html.index(">Leerdoel<") < html.index(">Leervraag<") < html.index(">Leerwerkplek<")


def test_list_search_finds_names_synonyms_and_definitions(client_for):
    client = client_for("student2")
    for words, expected in [
        ("leervragen", "Leervraag"),
        ("stage", "BPV"),
        ("slb", "Slb&#x27;er"),
        ("wekelijks", "Hybride leren"),
    ]:
        response = client.post(reverse("glossary:list"), {"q": words})
        assert response.status_code == 200
        assert f">{expected}</a>" in _html(response), words
    html = _html(client.post(reverse("glossary:list"), {"q": "zzzgeenwoord"}))
    assert "0 begrippen gevonden" in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Typ eerst een woord"),
        ("x" * 101, "hooguit 100 tekens"),
        ("leer\x01vraag", "onzichtbare tekens"),
        ("?!", "minstens één woord"),
    ],
)
def test_list_search_bad_input_gets_a_dutch_message(client_for, value, message):
    response = client_for("student1").post(reverse("glossary:list"), {"q": value})
    assert response.status_code == 200
    assert message in _html(response)


def test_list_query_count_is_constant(client_for, demo):
    client = client_for("student1")
    client.get(reverse("glossary:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("glossary:list"))
        client.post(reverse("glossary:list"), {"q": "uniekzoekwoord"})
    for n in range(25):
        Term.objects.create(
            name=f"Uniekzoekwoord {n}", slug=f"uniek-{n}", definition="Een proefbegrip."
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("glossary:list"))
        response = client.post(reverse("glossary:list"), {"q": "uniekzoekwoord"})
    assert "25 begrippen gevonden" in _html(response)
    assert len(many) == len(few)


# --- term page ------------------------------------------------------------------------


def test_term_page_shows_everything_and_its_history(client_for):
    html = _html(client_for("student1").get(reverse("glossary:detail", args=["intervisie"])))
    term = Term.objects.get(slug="intervisie")
    assert "<h1>Intervisie</h1>" in html
    assert "intervisiebijeenkomst" in html  # synonym
    assert "Vier werkbegeleiders van Team Tulp" in html  # example
    assert "werkbegeleider, studentbegeleider, praktijkopleider" in html  # roles
    assert "http://testserver/begrippen/intervisie/" in html  # its own link
    for other in term.related.all():
        assert f'href="/begrippen/{other.slug}/"' in html
    # Geschiedenis: the demo edit by praktijkopleider1 and the starting set.
    assert "Geschiedenis" in html
    assert "Versie 2" in html and "Esther Valkenier" in html
    assert "Versie 1" in html and "startset van de leerroute" in html
    # The definition links other terms, never the term itself.
    assert 'href="/begrippen/werkbegeleider/"' in html
    assert 'class="term-link" href="/begrippen/intervisie/"' not in html
    assert "Begrip bewerken" not in html


def test_term_page_query_count_is_constant(client_for, demo):
    client = client_for("docent1")
    url = reverse("glossary:detail", args=["cascade"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    term = Term.objects.get(slug="cascade")
    for n in range(6):
        other = Term.objects.create(name=f"Proef {n}", slug=f"proef-{n}", definition="Proef.")
        term.related.add(other)
        term = services.update_term(
            term,
            _form_data(term, definition=f"Versie {n}", related=list(term.related.all())),
            term.version,
            by=demo["docent1"],
        )
    with CaptureQueriesContext(connection) as after_change:
        client.get(url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Proef 5" in _html(response)
    assert len(many) == len(few)
    # The first request after a change to the glossary also rebuilds the shared
    # index of the help-text links (one query more, once).
    assert len(after_change) == len(few) + 1


# --- editing --------------------------------------------------------------------------


def test_practice_educator_adds_a_term(client_for, demo):
    response = client_for("praktijkopleider2").post(
        reverse("glossary:create"),
        {
            "name": "Warme overdracht",
            "definition": "De overdracht van cliëntzorg in een persoonlijk gesprek.",
            "synonyms": "mondelinge overdracht",
            "related": [Term.objects.get(slug="bpv").pk],
            "roles": ["MENTOR", "STUDENT"],
        },
    )
    term = Term.objects.get(name="Warme overdracht")
    assert response.status_code == 302
    assert response["Location"] == "/begrippen/warme-overdracht/"
    assert term.version == 1 and term.roles == ["MENTOR", "STUDENT"]
    assert list(term.related.values_list("slug", flat=True)) == ["bpv"]
    assert Term.objects.get(slug="bpv").related.filter(pk=term.pk).exists()  # symmetrical
    version = term.versions.get()
    assert version.saved_by == demo["praktijkopleider2"]


def test_student_and_mentor_cannot_add_or_change_terms(client_for):
    for account in ("student1", "werkbegeleider1", "studentbegeleider1", "trainer"):
        client = client_for(account)
        data = {"name": "Iets", "definition": "Iets."}
        assert client.post(reverse("glossary:create"), data).status_code == 403
        term = Term.objects.get(slug="oeps")
        edit = client.post(reverse("glossary:edit", args=["oeps"]), _form_data(term, name="X"))
        assert edit.status_code == 403
    assert not Term.objects.filter(name__in=["Iets", "X"]).exists()
    assert Term.objects.get(slug="oeps").version == 1


def test_renaming_keeps_the_slug_and_records_who_and_when(client_for, demo):
    term = Term.objects.get(slug="driegesprek")
    client = client_for("docent2")
    response = client.post(
        reverse("glossary:edit", args=["driegesprek"]),
        _form_data(term, name="Driegesprek (trajectgesprek)", definition="Nieuwe uitleg."),
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.name == "Driegesprek (trajectgesprek)"
    assert term.slug == "driegesprek" and term.version == 2
    assert [v.version for v in term.versions.all()] == [2, 1]
    assert term.versions.first().saved_by == demo["docent2"]
    assert term.versions.last().definition != "Nieuwe uitleg."
    html = _html(client.get(reverse("glossary:detail", args=["driegesprek"])))
    assert "Hans Wildschut" in html and "Nieuwe uitleg." in html


def test_a_changed_slug_keeps_the_old_link_working(client_for):
    term = Term.objects.get(slug="slber")
    client = client_for("beheerder")
    response = client.post(
        reverse("glossary:edit", args=["slber"]), _form_data(term, slug="slb-er")
    )
    assert response.status_code == 302
    assert TermAlias.objects.filter(slug="slber", term=term).exists()
    old = client_for("student1").get("/begrippen/slber/")
    assert old.status_code == 301 and old["Location"] == "/begrippen/slb-er/"
    # An old slug cannot be taken by another term.
    bpv = Term.objects.get(slug="bpv")
    taken = client.post(reverse("glossary:edit", args=["bpv"]), _form_data(bpv, slug="slber"))
    assert taken.status_code == 200
    assert "al in gebruik" in _html(taken)
    assert Term.objects.get(pk=bpv.pk).slug == "bpv"


def test_a_stale_save_is_refused_and_changes_nothing(client_for):
    term = Term.objects.get(slug="kerntaak")
    client = client_for("praktijkopleider1")
    first = client.post(
        reverse("glossary:edit", args=["kerntaak"]), _form_data(term, definition="Eerste.")
    )
    assert first.status_code == 302
    second = client.post(
        reverse("glossary:edit", args=["kerntaak"]), _form_data(term, definition="Tweede.")
    )
    assert second.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in _html(second)
    term.refresh_from_db()
    assert term.definition == "Eerste." and term.version == 2
    assert term.versions.count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Vul de naam van het begrip in."),
        ({"name": "x" * 101}, "hooguit 100 tekens"),
        ({"name": "oeps"}, "Er is al een begrip met deze naam."),
        ({"definition": ""}, "Beschrijf wat het begrip betekent."),
        ({"slug": "Met Spaties!"}, "alleen kleine letters, cijfers en streepjes"),
        ({"version": "١"}, "De versie is ongeldig"),
        ({"related": ["abc"]}, "verwante begrippen"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_changes_nothing(client_for, changes, message):
    term = Term.objects.get(slug="werkproces")
    response = client_for("docent1").post(
        reverse("glossary:edit", args=["werkproces"]), _form_data(term, **changes)
    )
    assert response.status_code == 200
    assert message.lower() in _html(response).lower()
    assert Term.objects.get(pk=term.pk).version == 1


# --- glossary links in help texts ----------------------------------------------------


def _render(source: str, request=None, **context) -> str:
    template = Template("{% load glossary %}" + source)
    if request is not None:
        context["request"] = request
    return template.render(Context(context))


def test_glossary_block_links_the_first_occurrence_of_each_term(db):
    html = _render(
        "{% glossary %}<p>Een Leervraag schrijf je samen. Nog een leervraag en een "
        "BPV-plaats, bij je werkbegeleiders.</p>{% endglossary %}"
    )
    assert html.count('href="/begrippen/leervraag/"') == 1
    assert '<a class="term-link" href="/begrippen/leervraag/">Leervraag</a>' in html
    assert '<a class="term-link" href="/begrippen/bpv/">BPV-plaats</a>' in html
    assert '<a class="term-link" href="/begrippen/werkbegeleider/">werkbegeleiders</a>' in html


def test_glossary_block_is_escape_safe(db):
    html = _render(
        "{% glossary %}<p>{{ text }}</p><a href='/x/'>leervraag</a>"
        "<label>OEPS</label>{% endglossary %}",
        text="<script>alert('OEPS')</script> & leervraag",
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;" in html
    assert "&amp; " in html
    # The word inside the script text is text and linked like any other; the
    # existing link and the label are left alone.
    assert html.count("term-link") == 2
    assert "<a href='/x/'>leervraag</a>" in html
    assert "<label>OEPS</label>" in html


def test_term_tag_links_one_word(db):
    assert _render('{% term "OEPS" %}') == '<a class="term-link" href="/begrippen/oeps/">OEPS</a>'
    assert _render('{% term "leervragen" "je vragen" %}').endswith(">je vragen</a>")
    assert _render('{% term "<onbekend>" %}') == "&lt;onbekend&gt;"


def _term_reads(queries) -> int:
    return sum('FROM "glossary_term"' in q["sql"] for q in queries.captured_queries)


def test_the_terms_are_read_once_per_change_and_checked_once_per_request(db):
    blocks = (
        "{% glossary %}leervraag{% endglossary %}{% glossary %}OEPS{% endglossary %}"
        '{% term "BPV" %}'
    )
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as first:
        _render(blocks, request=request)
        _render("{% glossary %}cascade{% endglossary %}", request=request)
    # The glossary's version, and the terms (nobody had built the index yet).
    assert len(first) == 2
    assert _term_reads(first) == 1
    with CaptureQueriesContext(connection) as later:
        html = _render(blocks, request=RequestFactory().get("/"))
    # Only the version: the index built by the first request is shared.
    assert len(later) == 1
    assert _term_reads(later) == 0
    assert 'href="/begrippen/oeps/"' in html


def test_a_changed_glossary_is_linked_on_the_next_request(db):
    text = "{% glossary %}<p>Een kwispelbord en een leervraag.</p>{% endglossary %}"
    assert (
        "kwispelbord" not in _render(text, request=RequestFactory().get("/")).split("term-link")[-1]
    )
    Term.objects.create(name="Kwispelbord", slug="kwispelbord", definition="Een bord.")
    html = _render(text, request=RequestFactory().get("/"))
    assert '<a class="term-link" href="/begrippen/kwispelbord/">kwispelbord</a>' in html
    Term.objects.filter(slug="leervraag").update(synonyms="", forms="", name="Leerwens")
    html = _render(text, request=RequestFactory().get("/"))
    assert 'href="/begrippen/leervraag/"' not in html
    Term.objects.filter(slug="kwispelbord").delete()
    html = _render(text, request=RequestFactory().get("/"))
    assert "term-link" not in html


@pytest.mark.parametrize(
    ("account", "url", "slug"),
    [
        ("student1", "learning:list", "leervraag"),
        ("werkbegeleider1", "learning:waiting", "werkbegeleider"),
        ("werkbegeleider1", "feedback:create", "oeps"),
        ("docent1", "qualifications:list", "kwalificatiedossier"),
        ("praktijkopleider1", "training:cascade", "pilotafdeling"),
        ("student1", "core:home", "intervisie"),
    ],
)
def test_help_texts_link_to_the_glossary(client_for, account, url, slug):
    html = _html(client_for(account).get(reverse(url)))
    assert re.search(rf'<a class="term-link" href="/begrippen/{slug}/">', html), url


def test_an_example_that_names_a_client_gets_a_warning(client_for):
    term = Term.objects.get(slug="reflectie")
    client = client_for("praktijkopleider1")
    page = client.get(reverse("glossary:edit", args=["reflectie"]))
    assert 'id="id_example_privacy"' in _html(page)
    response = client.post(
        reverse("glossary:edit", args=["reflectie"]),
        _form_data(term, example="Mevrouw Jansen op kamer 12 vond het fijn."),
        follow=True,
    )
    assert "noemt mogelijk een cliënt" in _html(response)
