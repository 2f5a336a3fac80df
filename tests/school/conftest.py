import pytest

from leerroute.people.models import Cohort
from leerroute.school.models import Status, WeeklyUpdate
from leerroute.school.weeks import Week


@pytest.fixture
def vig3a(db):
    return Cohort.objects.get(name="VIG-3A")


@pytest.fixture
def this_week_3a(vig3a):
    return WeeklyUpdate.objects.get(
        cohort=vig3a, year=Week.current().year, week=Week.current().week
    )


@pytest.fixture
def draft_3a(vig3a):
    return WeeklyUpdate.objects.get(cohort=vig3a, status=Status.DRAFT)


@pytest.fixture
def past_3a(vig3a):
    week = Week.current().plus(-2)
    return WeeklyUpdate.objects.get(cohort=vig3a, year=week.year, week=week.week)
