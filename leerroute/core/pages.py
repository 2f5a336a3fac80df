"""One page of a list (``?pagina=``), and the query string that keeps its filters."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from leerroute.core import inputs


def paginate(request, items, per_page: int) -> Page:
    """The requested page of ``items``; a malformed page number is the first page."""
    return Paginator(items, per_page).get_page(inputs.page_number(request.GET))


def filters_query(request) -> str:
    """The other query parameters, url-encoded, for the previous/next links."""
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()
