"""Glossary links in help texts.

- ``{% glossary %}…{% endglossary %}`` renders its content and turns the first
  occurrence of every glossary term (its name, synonyms and other forms, any
  case) into a link to the term's page. Only text is touched, never tags or
  attributes, and not inside links, buttons, labels or form fields; the text
  is escaped again as it is written out, so nothing becomes markup that was
  not markup before. ``{% glossary exclude=term.slug %}`` leaves one term out
  (a term's own page).
- ``{% term "leervraag" %}`` (or ``{% term "leervraag" "leervragen" %}`` with
  other link text) links one word; an unknown word is written as plain text.

The index of terms is built once for every change to the glossary and shared
by all requests (``core/versions.py``, topic ``glossary``): a page pays one
query for the glossary's version, however many blocks it has, and the index is
kept on the request.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

SKIP_INSIDE = {"a", "button", "label", "textarea", "select", "option", "script", "style", "summary"}
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


@dataclass(frozen=True)
class Index:
    """Lower-cased phrase -> slug, and one pattern that finds any phrase."""

    slugs: dict[str, str]
    pattern: re.Pattern | None


@functools.lru_cache(maxsize=8)
def _compile(phrases: tuple[str, ...]) -> re.Pattern | None:
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def build_index(rows) -> Index:
    """The index of ``(slug, name, synonyms, forms)`` rows; names win over synonyms."""
    from leerroute.glossary.models import split_list

    slugs: dict[str, str] = {}
    for slug, name, _synonyms, _forms in rows:
        slugs.setdefault(name.strip().lower(), slug)
    for slug, _name, synonyms, forms in rows:
        for phrase in split_list(synonyms) + split_list(forms):
            slugs.setdefault(phrase.lower(), slug)
    phrases = tuple(sorted(slugs, key=lambda p: (-len(p), p)))
    return Index(slugs, _compile(phrases))


def current_index() -> Index:
    """The index of every term, rebuilt after a change to the glossary."""
    from leerroute.core import versions
    from leerroute.glossary.models import DATA_TOPIC, Term

    return versions.cached(
        DATA_TOPIC,
        "index",
        lambda: build_index(Term.objects.values_list("slug", "name", "synonyms", "forms")),
    )


def index_for(context) -> Index:
    """The glossary index, once per request (or per render without a request)."""
    request = context.get("request")
    if request is not None:
        index = getattr(request, "_leerroute_glossary", None)
    else:
        index = context.render_context.get("_leerroute_glossary")
    if index is None:
        index = current_index()
        if request is not None:
            request._leerroute_glossary = index
        else:
            context.render_context["_leerroute_glossary"] = index
    return index


def _link(slug: str, text: str) -> str:
    url = reverse("glossary:detail", kwargs={"slug": slug})
    return format_html('<a class="term-link" href="{}">{}</a>', url, text)


def link_terms(markup: str, index: Index, exclude: str | None = None) -> str:
    """``markup`` (safe HTML) with the first occurrence of each term linked."""
    if index.pattern is None:
        return markup
    used: set[str] = {exclude} if exclude else set()
    skipping: list[str] = []
    out: list[str] = []
    for piece in TAG.split(markup):
        if not piece:
            continue
        if piece.startswith("<"):
            match = TAG_NAME.match(piece)
            if match:
                closing, name = match.group(1) == "/", match.group(2).lower()
                if name in SKIP_INSIDE:
                    if closing and skipping and skipping[-1] == name:
                        skipping.pop()
                    elif not closing and not piece.rstrip().endswith("/>"):
                        skipping.append(name)
            out.append(piece)
            continue
        if skipping:
            out.append(piece)
            continue
        out.append(_link_text(html.unescape(piece), index, used))
    return "".join(out)


def _link_text(text: str, index: Index, used: set[str]) -> str:
    parts: list[str] = []
    position = 0
    for match in index.pattern.finditer(text):
        slug = index.slugs.get(match.group(0).lower())
        if slug is None or slug in used:
            continue
        used.add(slug)
        parts.append(escape(text[position : match.start()]))
        parts.append(_link(slug, match.group(0)))
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


class GlossaryNode(template.Node):
    def __init__(self, nodelist, exclude):
        self.nodelist = nodelist
        self.exclude = exclude

    def render(self, context):
        content = self.nodelist.render(context)
        exclude = self.exclude.resolve(context) if self.exclude is not None else None
        return mark_safe(link_terms(str(content), index_for(context), exclude))  # noqa: S308


@register.tag("glossary")
def do_glossary(parser, token):
    """``{% glossary [exclude=slug] %}…{% endglossary %}``: link glossary terms in the text."""
    bits = token.split_contents()[1:]
    exclude = None
    for bit in bits:
        if bit.startswith("exclude="):
            exclude = parser.compile_filter(bit.removeprefix("exclude="))
        else:
            raise template.TemplateSyntaxError("glossary takes only exclude=…")
    nodelist = parser.parse(("endglossary",))
    parser.delete_first_token()
    return GlossaryNode(nodelist, exclude)


@register.simple_tag(takes_context=True)
def term(context, phrase: str, text: str | None = None):
    """A link to the glossary term ``phrase`` (plain text when there is no such term)."""
    slug = index_for(context).slugs.get(str(phrase).strip().lower())
    shown = text if text is not None else phrase
    if slug is None:
        return escape(shown)
    return _link(slug, shown)
