"""One page of a list (``?pagina=``), and the query string that keeps its filters."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.utils.functional import cached_property

from leerroute.core import inputs

# How far the overviews of a region count their rows ("meer dan 500"): counting
# every visible row to show 25 took longer than the rest of the page's queries.
COUNT_UP_TO = 500


def paginate(request, items, per_page: int, count_up_to: int | None = None) -> Page:
    """The requested page of ``items``; a malformed page number is the first page.

    With ``count_up_to``, rows are counted only that far (or to the end of the
    page asked for): a region's overview of every row need not count them all
    to show 25. ``page.paginator.more`` then says the total was not reached."""
    number = inputs.page_number(request.GET)
    if count_up_to is None:
        return Paginator(items, per_page).get_page(number)
    return CappedPaginator(items, per_page, count_up_to, number).get_page(number)


def paginate_counting_along(request, queryset, per_page: int) -> Page:
    """The requested page of ``queryset``, with the total counted in the same
    query (a window count over the rows before the page is cut out): one query
    for a page instead of a count and then the rows.

    A page past the end (or a malformed number) is handled as by ``paginate``,
    with a separate count; so is a number whose offset no database integer
    holds (no query could skip that far)."""
    number = inputs.page_number(request.GET)
    paginator = Paginator(queryset, per_page)
    bottom = (number - 1) * per_page
    if bottom + per_page > inputs.BIGINT_MAX:
        return paginator.get_page(number)
    rows = list(queryset.annotate(_page_total=Window(Count("pk")))[bottom : bottom + per_page])
    if rows or number == 1:
        paginator.__dict__["count"] = rows[0]._page_total if rows else 0
        return Page(rows, number, paginator)
    return paginator.get_page(number)


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows, or up to the end of the page asked for,
    plus one: one more row than that means "meer dan ``shown``", and a next page.

    The count reads the rows unsorted (``LIMIT`` without ``ORDER BY``), so it
    stops after the first ``cap + 1`` matches instead of counting them all."""

    def __init__(self, object_list, per_page: int, cap: int, number: int):
        super().__init__(object_list, per_page)
        self.shown = max(cap, number * per_page)

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.shown + 1].count()

    @property
    def more(self) -> bool:
        """True when there are more rows than ``shown`` (the total was not counted)."""
        return self.count > self.shown


def filters_query(request) -> str:
    """The other query parameters, url-encoded, for the previous/next links."""
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()
