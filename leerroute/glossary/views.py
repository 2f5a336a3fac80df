"""Glossary pages: the alphabetical list (with its letter index and search), a
term's page with its history, and the create/edit forms."""

from __future__ import annotations

import string
import unicodedata

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from leerroute.core import access
from leerroute.core.forms import warn_about_clients

from . import queries, services
from .forms import GlossarySearchForm, TermForm
from .models import Term, TermAlias

OTHER = "#"


def letter_of(name: str) -> str:
    """The index letter of a term: its first letter without accents, or '#'."""
    first = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode()
    first = first.upper()
    return first if first in string.ascii_uppercase else OTHER


def sort_key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


@login_required
@require_http_methods(["GET", "POST"])
def term_list(request):
    """All terms A–Z with a letter index; a search (POST, so the words stay out of
    URLs and access logs) shows the matching terms instead."""
    form = GlossarySearchForm(request.POST if request.method == "POST" else None)
    searching = form.is_bound and form.is_valid()
    if searching:
        terms = list(queries.search_terms(request.user, form.cleaned_data["q"]))
    else:
        terms = sorted(queries.terms_visible_to(request.user), key=lambda t: sort_key(t.name))
    groups: dict[str, list[Term]] = {}
    if not searching:
        for term in terms:
            groups.setdefault(letter_of(term.name), []).append(term)
    letters = [(letter, letter in groups) for letter in string.ascii_uppercase]
    if OTHER in groups:
        letters.append((OTHER, True))
    sections = [
        (letter, groups[letter]) for letter in [*string.ascii_uppercase, OTHER] if letter in groups
    ]
    return render(
        request,
        "glossary/term_list.html",
        {
            "form": form,
            "searching": searching,
            "terms": terms,
            "letters": letters,
            "sections": sections,
            "can_edit": access.can(request.user, "glossary.edit_terms"),
        },
    )


@login_required
def term_detail(request, slug):
    alias = TermAlias.objects.filter(slug=slug).select_related("term").first()
    if alias is not None:
        return redirect("glossary:detail", slug=alias.term.slug, permanent=True)
    term = access.fetch(request, Term, slug, field="slug")
    return render(
        request,
        "glossary/term_detail.html",
        {
            "term": term,
            "related": term.related.order_by("name"),
            "versions": term.versions.select_related("saved_by"),
            "permalink": request.build_absolute_uri(term.get_absolute_url()),
            "can_edit": access.can(request.user, "glossary.edit_terms", term),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def term_create(request):
    access.require(request, "glossary.edit_terms")
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        term = services.create_term(form.cleaned_data, by=request.user)
        warn_about_clients(request, form.cleaned_data["definition"], form.cleaned_data["example"])
        messages.success(request, _("Het begrip is toegevoegd."))
        return redirect(term)
    return render(request, "glossary/term_form.html", {"form": form, "term": None})


@login_required
@require_http_methods(["GET", "POST"])
def term_edit(request, slug):
    term = access.fetch(request, Term, slug, field="slug", perm="glossary.edit_terms")
    form = TermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        try:
            term = services.update_term(
                term, form.cleaned_data, form.cleaned_data.get("version"), by=request.user
            )
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        else:
            warn_about_clients(
                request, form.cleaned_data["definition"], form.cleaned_data["example"]
            )
            messages.success(request, _("Het begrip is opgeslagen."))
            return redirect(term)
    return render(request, "glossary/term_form.html", {"form": form, "term": term})
