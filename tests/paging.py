"""Walking through a list counted up to a limit (``core.pages.CappedPaginator``)."""

from __future__ import annotations


def walk_capped_pages(client, url: str, noun: str, cap: int, per_page: int, total: int) -> list:
    """The primary keys of every page of ``url`` (``?pagina=``), in order.

    On the way: each page is the one asked for; a page with a next one says
    "Meer dan N <noun>" (N the limit, or the end of that page); the last says
    the exact ``total``."""
    shown, number = [], 1
    while True:
        response = client.get(url, {"pagina": number})
        assert response.status_code == 200
        page = response.context["page"]
        assert page.number == number
        shown += [row.pk for row in page]
        html = response.content.decode()
        if not page.has_next():
            assert not page.paginator.more
            assert f"{total} {noun}" in html
            return shown
        assert page.paginator.more
        assert f"Meer dan {max(cap, number * per_page)} {noun}" in html
        assert f"Pagina {number}<" in html
        number += 1
