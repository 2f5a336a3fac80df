"""A small server-rendered SVG line chart (no JavaScript), with a data table behind it.

The template ``training/partials/chart.html`` draws what ``line_chart``
computes; the same points are listed in a table for screen readers and
anyone who prefers numbers. Lines differ in dash pattern and marker shape,
not only in colour.
"""

from __future__ import annotations

import functools
import math

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import get_language
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
    """Chart data for the coverage history (``cascade.ChartPoint``s) of one organisation.

    A function of the points, the name and the language alone: kept for the
    charts drawn most recently, as the same figures are shown all day."""
    return _kept_chart(tuple(history), name, get_language())


@functools.lru_cache(maxsize=256)
def _kept_chart(history: tuple, name: str, language: str | None) -> dict:
    # ``language`` is part of the key: the labels and month names depend on it.
    return _line_chart(list(history), name)


def _line_chart(history, name: str) -> dict:
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
    chart = {
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
    chart["drawing"] = _drawing(chart)
    return chart


INK = "#1b1b1f"


def _drawing(chart: dict) -> str:
    """The decorative part of the SVG (grid, labels, lines, markers, legend) as one
    string: built here rather than in the template, where it was most of the page's
    rendering time. Every value is escaped by ``format_html``."""
    parts = [
        format_html_join(
            "",
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#c9ced6" stroke-width="1"/>'
            '<text x="{}" y="{}" dy="4" text-anchor="end" font-size="13" fill="{}">{}</text>',
            (
                (chart["left"], chart["right"], y, y, chart["tick_x"], y, INK, label)
                for y, label in chart["yticks"]
            ),
        ),
        format_html_join(
            "",
            '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>',
            ((x, chart["label_y"], INK, label) for x, label in chart["xlabels"]),
        ),
    ]
    for s in chart["series"]:
        dash = format_html(' stroke-dasharray="{}"', s["dash"]) if s["dash"] else ""
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="3"{}/>',
                s["points"],
                s["colour"],
                dash,
            )
        )
        if s["shape"] == "circle":
            parts.append(
                format_html_join(
                    "",
                    '<circle cx="{}" cy="{}" r="4.5" fill="{}"/>',
                    ((x, y, s["colour"]) for x, y, _rx, _ry in s["markers"]),
                )
            )
        else:
            parts.append(
                format_html_join(
                    "",
                    '<rect x="{}" y="{}" width="8" height="8" fill="{}"/>',
                    ((rx, ry, s["colour"]) for _x, _y, rx, ry in s["markers"]),
                )
            )
    for s in chart["series"]:
        dash = format_html(' stroke-dasharray="{}"', s["dash"]) if s["dash"] else ""
        marker = (
            format_html('<circle cx="14" cy="8" r="4.5" fill="{}"/>', s["colour"])
            if s["shape"] == "circle"
            else format_html('<rect x="10" y="4" width="8" height="8" fill="{}"/>', s["colour"])
        )
        parts.append(
            format_html(
                '<g transform="translate({} 14)"><line x1="0" x2="28" y1="8" y2="8" '
                'stroke="{}" stroke-width="3"{}/>{}'
                '<text x="36" y="13" font-size="14" fill="{}">{}</text></g>',
                s["legend_x"],
                s["colour"],
                dash,
                marker,
                INK,
                s["label"],
            )
        )
    return format_html_join("", "{}", ((part,) for part in parts))  # each part is escaped HTML
