import datetime

import pytest
from django.utils import timezone

from leerroute.training.models import Material, Programme, Session

TTT = "Waarde-vol Werkbegeleiden"
TULP = "Waarde-vol Werkbegeleiden – Team Tulp"


@pytest.fixture
def ttt(db):
    return Programme.objects.get(title=TTT)


@pytest.fixture
def tulp_training(db):
    return Programme.objects.get(title=TULP)


@pytest.fixture
def held_session(ttt):
    return ttt.sessions.order_by("starts_at").first()


@pytest.fixture
def media(settings, tmp_path):
    """Uploads go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_session(programme, *, days=1, hour=10, topic="Extra bijeenkomst", place="Leiden"):
    start = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=days), datetime.time(hour)
        )
    )
    return Session.objects.create(
        programme=programme,
        topic=topic,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place=place,
    )


def material(title):
    return Material.objects.get(title=title)
