"""The coverage chart: kept per figures, name and language; never mixed up."""

from __future__ import annotations

import datetime

from django.utils import translation

from leerroute.training.cascade import ChartPoint
from leerroute.training.charts import line_chart


def _history(trained: int) -> list[ChartPoint]:
    first = datetime.date(2027, 1, 31)
    return [
        ChartPoint(first + datetime.timedelta(days=30 * i), trained + i, 2, 40) for i in range(12)
    ]


def test_the_same_figures_give_the_same_chart_and_other_figures_another():
    with translation.override("nl"):
        first = line_chart(_history(3), "Zorg Noord")
        again = line_chart(_history(3), "Zorg Noord")
        other = line_chart(_history(10), "Zorg Noord")
        renamed = line_chart(_history(3), "Zorg Zuid")
    assert again == first
    assert other["desc"] != first["desc"] and other["drawing"] != first["drawing"]
    assert "14 getraind" in first["desc"] and "21 getraind" in other["desc"]
    assert "Zorg Zuid" in renamed["title"] and "Zorg Noord" not in renamed["title"]


def test_each_language_gets_its_own_labels():
    with translation.override("nl"):
        dutch = line_chart(_history(3), "Zorg Noord")
    with translation.override("en"):
        english = line_chart(_history(3), "Zorg Noord")
    with translation.override("nl"):
        dutch_again = line_chart(_history(3), "Zorg Noord")
    assert dutch["title"].startswith("Voortgang van de cascade")
    assert english["title"] != dutch["title"]
    assert dutch_again["title"] == dutch["title"]
    assert [label for _x, label in dutch["xlabels"]][-1] == "nu"
    assert [label for _x, label in english["xlabels"]][-1] != "nu"
