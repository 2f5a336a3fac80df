"""``{% url %}`` builds its urls from a route's shape (leerroute/core/reversing.py):
the same urls as Django's ``reverse`` for every named route, the same errors,
and each route's shape worked out once."""

from __future__ import annotations

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import NoReverseMatch
from django.urls import reverse as django_reverse

from leerroute.core import reversing
from tests.test_permission_matrix import named_urls

ROUTES = sorted({(name, tuple(pattern.pattern.converters)) for name, pattern in named_urls()})


def test_the_project_has_routes_with_and_without_arguments():
    assert any(args for _, args in ROUTES)
    assert any(not args for _, args in ROUTES)


@pytest.mark.parametrize("values", [(0,), (1,), (7,), (123456789,)])
def test_every_route_gives_djangos_url_or_djangos_error(values, settings):
    settings.LEERROUTE_VERIFY_REUSE = False  # compared here, not by the check
    compared = 0
    for name, args in ROUTES:
        numbers = [values[0] + i for i in range(len(args))]
        for call in (
            {"args": numbers},
            {"kwargs": dict(zip(args, numbers, strict=True))},
        ):
            try:
                expected = django_reverse(name, **call)
            except NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    reversing.reverse(name, **call)
                continue
            assert reversing.reverse(name, **call) == expected, name
            compared += 1
    assert compared >= len(ROUTES)


def test_arguments_other_than_whole_numbers_go_through_django(settings):
    settings.LEERROUTE_VERIFY_REUSE = False
    name, args = next((n, a) for n, a in ROUTES if len(a) == 1)
    for value in ("12", -1, True, 1.0):
        try:
            expected = django_reverse(name, args=[value])
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                reversing.reverse(name, args=[value])
            continue
        assert reversing.reverse(name, args=[value]) == expected


def test_a_wrong_route_or_number_of_arguments_is_djangos_error():
    with pytest.raises(NoReverseMatch):
        reversing.reverse("people:nothing-here")
    with pytest.raises(NoReverseMatch):
        reversing.reverse("people:student", args=[1, 2])
    with pytest.raises(NoReverseMatch):
        reversing.reverse("people:student", args=[-1])


def test_a_routes_shape_is_worked_out_once(monkeypatch, settings):
    settings.LEERROUTE_VERIFY_REUSE = False
    reversing._shapes.clear()
    calls = []

    def counting(*args, **kwargs):
        calls.append(args)
        return django_reverse(*args, **kwargs)

    monkeypatch.setattr(reversing, "django_reverse", counting)
    urls = [reversing.reverse("people:student", args=[pk]) for pk in range(50)]
    assert urls == [django_reverse("people:student", args=[pk]) for pk in range(50)]
    assert len(calls) == 2  # the two sets of numbers of its shape


def test_the_tag_renders_djangos_url_escaped_and_as_a_variable():
    request = RequestFactory().get("/")
    template = engines["django"].from_string(
        "{% for pk in pks %}<a href=\"{% url 'people:student' pk %}\">x</a>{% endfor %}"
        "{% url 'people:student' 5 as link %}[{{ link }}]"
        "{% url 'people:nothing-here' as missing %}[{{ missing }}]"
    )
    html = template.render({"pks": [1, 22]}, request=request)
    one, two, five = (django_reverse("people:student", args=[pk]) for pk in (1, 22, 5))
    assert html == f'<a href="{one}">x</a><a href="{two}">x</a>[{five}][]'


def test_the_tag_raises_for_a_missing_route_without_as():
    template = engines["django"].from_string("{% url 'people:nothing-here' %}")
    with pytest.raises(NoReverseMatch):
        template.render({}, request=RequestFactory().get("/"))


def test_the_check_catches_a_url_that_differs(monkeypatch, settings):
    """The suite's LEERROUTE_VERIFY_REUSE compares every url with Django's."""
    settings.LEERROUTE_VERIFY_REUSE = True
    reversing._shapes.clear()
    reversing.reverse("people:student", args=[1])
    key = next(iter(reversing._shapes))
    reversing._shapes[key] = ("/elders/", "/")
    try:
        with pytest.raises(RuntimeError):
            reversing.reverse("people:student", args=[1])
    finally:
        reversing._shapes.clear()
