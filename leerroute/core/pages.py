"""One page of a list, and the query string that keeps its filters."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from leerroute.core import inputs


def paginate(request, items, per_page: int) -> tuple[Page, str]:
    """The requested page (``?pagina=``) of ``items`` and the other query
    parameters, url-encoded, for the previous/next links."""
    page = Paginator(items, per_page).get_page(inputs.page_number(request.GET))
    query = request.GET.copy()
    query.pop("pagina", None)
    return page, query.urlencode()
