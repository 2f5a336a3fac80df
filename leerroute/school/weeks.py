"""ISO weeks (Monday to Sunday, Europe/Amsterdam): the unit of the weekly update."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from leerroute.core import inputs

# How far ahead a teacher may write an update (weeks after the current one).
AHEAD_WEEKS = 8
# The weeks that matter on the home pages: this week and the last few.
RECENT_WEEKS = 4


@dataclass(frozen=True, order=True)
class Week:
    year: int
    week: int

    @classmethod
    def of(cls, day: datetime.date) -> Week:
        iso = day.isocalendar()
        return cls(iso.year, iso.week)

    @classmethod
    def current(cls) -> Week:
        return cls.of(timezone.localdate())

    @classmethod
    def parse(cls, year, week) -> Week | None:
        """From request values (ASCII digits); None when it is no ISO week."""
        y = inputs.parse_int(year, minimum=2000, maximum=2100)
        w = inputs.parse_int(week, minimum=1, maximum=53)
        if y is None or w is None:
            return None
        try:
            datetime.date.fromisocalendar(y, w, 1)
        except ValueError:
            return None
        return cls(y, w)

    @property
    def monday(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.year, self.week, 7)

    def plus(self, weeks: int) -> Week:
        return Week.of(self.monday + datetime.timedelta(weeks=weeks))

    def previous(self) -> Week:
        return self.plus(-1)

    def has_ended(self, today: datetime.date | None = None) -> bool:
        return self.sunday < (today or timezone.localdate())

    @property
    def label(self) -> str:
        return _("week %(week)d (%(start)s – %(end)s)") % {
            "week": self.week,
            "start": formats.date_format(self.monday, "j b"),
            "end": formats.date_format(self.sunday, "j b Y"),
        }

    @property
    def short(self) -> str:
        return _("week %(week)d") % {"week": self.week}

    @property
    def iso(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    def __str__(self) -> str:
        return self.iso


def recent(today: datetime.date | None = None) -> list[Week]:
    """This week and the RECENT_WEEKS - 1 before it, newest first."""
    now = Week.of(today or timezone.localdate())
    return [now.plus(-n) for n in range(RECENT_WEEKS)]
