"""Urls of named routes whose arguments are whole numbers, without Django's
matching on every call.

A list page links every row (``{% url 'feedback:student' student.pk %}``), and
Django's ``reverse`` finds the route and checks the arguments against its
pattern each time: about 50 microseconds, so a page of 25 rows with a few
links each and the menu spent 5 to 10 ms on its links alone. Here a route's url
is worked out once per name, number of arguments, namespace, script prefix and
url configuration, as a *shape*: the text around its arguments. A later call
puts the numbers in.

The shape is taken by reversing the name with two sets of large numbers and
keeping it only when both come back as the same text with the numbers in
place (a converter that changes a number, or a pattern that refuses such
numbers, makes the route go through Django every time). Anything other than
whole numbers of zero or more (text, negative numbers, ``True``) goes through
Django's ``reverse`` as well. The tests compare every url built here with
Django's (``LEERROUTE_VERIFY_REUSE``).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

# Two sets of numbers no real argument has, of equal length, none inside another.
_FIRST = 7_301_952_846_113
_SECOND = 5_918_337_204_559

# (name, number of arguments, keyword names, namespace, where()) -> shape
_shapes: dict[tuple, tuple[str, ...] | None] = {}


def where() -> tuple[str, str]:
    """What a url depends on besides its route: the script prefix and the url
    configuration in force (a template asks once per request: ``templatetags/urls.py``)."""
    return get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


def reverse(viewname, args=None, kwargs=None, current_app=None, *, at=None) -> str:
    """Django's ``reverse(viewname, args=..., kwargs=..., current_app=...)``, the
    same url, without matching the route again for whole-number arguments.
    ``at``: ``where()``, when the caller has it already."""
    args, kwargs = tuple(args or ()), kwargs or {}
    names = tuple(sorted(kwargs))
    values = tuple(kwargs[name] for name in names) if names and not args else args
    if (
        not isinstance(viewname, str)
        or (args and kwargs)
        or not all(type(value) is int and value >= 0 for value in values)
    ):
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    key = (viewname, len(args), names, current_app, at or where())
    try:
        shape = _shapes[key]
    except KeyError:
        shape = _shapes[key] = _shape(viewname, len(args), names, current_app)
    if shape is None:
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    url = _fill(shape, values)
    if settings.LEERROUTE_VERIFY_REUSE:
        expected = django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
        if url != expected:
            raise RuntimeError(f"reverse({viewname!r}): {url!r} instead of {expected!r}")
    return url


def _fill(shape: tuple[str, ...], values: tuple[int, ...]) -> str:
    texts = zip(values, shape[1:], strict=True)
    return shape[0] + "".join(f"{value}{text}" for value, text in texts)


def _shape(viewname: str, count: int, names: tuple[str, ...], current_app) -> tuple | None:
    """The text around the arguments of this route, or None when it is not one
    that numbers go into unchanged."""

    def built(base: int) -> tuple[tuple[int, ...], str] | None:
        numbers = tuple(base + i for i in range(count or len(names)))
        try:
            if names:
                url = django_reverse(
                    viewname, kwargs=dict(zip(names, numbers, strict=True)), current_app=current_app
                )
            else:
                url = django_reverse(viewname, args=numbers, current_app=current_app)
        except NoReverseMatch:
            return None
        return numbers, url

    first = built(_FIRST)
    if first is None:
        return None
    numbers, rest = first
    texts = []
    for number in map(str, numbers):
        if rest.count(number) != 1:
            return None
        before, rest = rest.split(number)
        texts.append(before)
    shape = (*texts, rest)
    second = built(_SECOND)
    if second is None or _fill(shape, second[0]) != second[1]:
        return None
    return shape
