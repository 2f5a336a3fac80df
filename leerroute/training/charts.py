"""A small server-rendered SVG line chart (no JavaScript), with a data table behind it.

The template ``training/partials/chart.html`` draws what ``line_chart``
computes; the same points are listed in a table for screen readers and
anyone who prefers numbers. Lines differ in dash pattern and marker shape,
not only in colour.
"""

from __future__ import annotations

import math

from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 44, 40


def _n(value: float) -> str:
    """A coordinate as text with a decimal point (the page itself is in Dutch format)."""
    return f"{value:.1f}"


def _ticks(maximum: int) -> list[int]:
    step = max(1, math.ceil(maximum / 4))
    return [step * i for i in range(5)]


def line_chart(history, name: str) -> dict:
    """Chart data for the coverage history (``cascade.ChartPoint``s) of one organisation."""
    ticks = _ticks(max([p.total for p in history] + [1]))
    top_value = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w * i / max(1, len(history) - 1))

    def y(value: int) -> float:
        return TOP + plot_h - plot_h * value / top_value

    series = []
    for index, (key, label, dash, shape, colour) in enumerate(
        (
            ("trained", _("getraind"), "", "circle", "#1f6b32"),
            ("in_training", _("in training"), "6 4", "square", "#0b5a7a"),
        )
    ):
        points = [(x(i), y(getattr(p, key))) for i, p in enumerate(history)]
        series.append(
            {
                "label": label,
                "points": " ".join(f"{_n(px)},{_n(py)}" for px, py in points),
                "markers": [(_n(px), _n(py), _n(px - 4), _n(py - 4)) for px, py in points],
                "dash": dash,
                "shape": shape,
                "colour": colour,
                "legend_x": LEFT + 170 * index,
            }
        )
    last = history[-1]
    first = history[0]
    desc = _(
        "Aantal medewerkers van %(org)s dat getraind is (doorgetrokken lijn met rondjes) en "
        "in training is (gestreepte lijn met vierkantjes), aan het eind van elke maand van "
        "%(first)s tot vandaag. Nu: %(trained)d getraind en %(in_training)d in training, "
        "van %(total)d medewerkers."
    ) % {
        "org": name,
        "first": date_format(first.on, "F Y"),
        "trained": last.trained,
        "in_training": last.in_training,
        "total": last.total,
    }
    return {
        "id": slugify(name) or "organisatie",
        "title": _("Voortgang van de cascade bij %(org)s") % {"org": name},
        "desc": desc,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "tick_x": LEFT - 8,
        "right": WIDTH - RIGHT,
        "bottom": _n(TOP + plot_h),
        "series": series,
        "yticks": [(_n(y(t)), t) for t in ticks],
        "xlabels": [
            (
                _n(x(i)),
                _("nu") if i == len(history) - 1 else date_format(p.on, "b"),
            )
            for i, p in enumerate(history)
        ],
        "label_y": HEIGHT - BOTTOM + 22,
        "history": history,
    }
