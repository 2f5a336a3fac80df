"""Writing, publishing and changing weekly updates; who is told; bad input."""

import pytest
from django.core.exceptions import PermissionDenied

from leerroute.core.versioning import Conflict
from leerroute.notifications.models import Notification
from leerroute.qualifications.models import Qualification
from leerroute.school import services
from leerroute.school.models import Status, WeeklyUpdate, WeeklyUpdateVersion
from leerroute.school.weeks import Week

pytestmark = pytest.mark.django_db


def _wp(code, title="Verzorgende IG"):
    return Qualification.objects.get(title=title).work_processes.get(code=code)


def test_the_suggestion_uses_the_learning_question_check(vig3a):
    ids = services.suggest_work_processes(vig3a, "Insuline toedienen met de insulinepen.")
    assert ids and ids[0] == _wp("B1-K1-W4").pk
    assert services.suggest_work_processes(vig3a, "") == []


def test_draft_then_publish_notifies_students_and_their_guides(vig3a, demo):
    week = Week.current().plus(2)
    update = services.save_update(
        by=demo["docent1"],
        cohort=vig3a,
        week=week,
        topics="Wondzorg",
        practice="Meekijken",
        work_process_ids=[_wp("B1-K1-W4").pk],
    )
    assert update.status == Status.DRAFT
    assert not Notification.objects.filter(key=f"weekly-update:{update.pk}:published").exists()
    services.publish(update, by=demo["docent1"], expected_version=update.version)
    told = set(
        Notification.objects.filter(key=f"weekly-update:{update.pk}:published").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"student1", "werkbegeleider1", "praktijkopleider1"} <= told
    assert not told & {"student2", "werkbegeleider2", "praktijkopleider2", "docent1", "docent2"}
    # Publishing twice tells nobody twice.
    update.refresh_from_db()
    services.publish(update, by=demo["docent1"], expected_version=update.version)
    assert Notification.objects.filter(key=f"weekly-update:{update.pk}:published").count() == len(
        told
    )


def test_a_change_after_publishing_keeps_the_earlier_version(this_week_3a, demo):
    before = this_week_3a.topics
    codes = sorted(this_week_3a.work_processes.values_list("code", flat=True))
    services.save_update(
        by=demo["docent1"],
        cohort=this_week_3a.cohort,
        week=this_week_3a.the_week,
        topics="Nieuwe tekst",
        work_process_ids=[],
        update=this_week_3a,
        expected_version=this_week_3a.version,
    )
    this_week_3a.refresh_from_db()
    assert this_week_3a.topics == "Nieuwe tekst" and this_week_3a.is_published
    (version,) = WeeklyUpdateVersion.objects.filter(update=this_week_3a)
    assert version.topics == before and version.work_process_codes == codes
    with pytest.raises(Conflict):
        services.save_update(
            by=demo["docent1"],
            cohort=this_week_3a.cohort,
            week=this_week_3a.the_week,
            topics="Oud formulier",
            update=this_week_3a,
            expected_version=this_week_3a.version - 1,
        )


def test_a_week_that_has_ended_is_refused_and_nothing_changes(vig3a, past_3a, demo):
    count = WeeklyUpdate.objects.count()
    with pytest.raises(services.UpdateError) as refused:
        services.save_update(
            by=demo["docent1"], cohort=vig3a, week=Week.current().plus(-3), topics="Te laat"
        )
    assert "is voorbij" in refused.value.errors["week"]
    with pytest.raises(services.UpdateError):
        services.save_update(
            by=demo["docent1"],
            cohort=vig3a,
            week=past_3a.the_week,
            topics="Te laat",
            update=past_3a,
            expected_version=past_3a.version,
        )
    assert WeeklyUpdate.objects.count() == count
    past_3a.refresh_from_db()
    assert past_3a.topics != "Te laat"


def test_a_work_process_of_another_qualification_is_refused(vig3a, demo):
    other = _wp("P2-K1-W1", "Mbo-Verpleegkundige")
    with pytest.raises(services.UpdateError) as refused:
        services.save_update(
            by=demo["docent1"],
            cohort=vig3a,
            week=Week.current().plus(3),
            topics="x",
            work_process_ids=[other.pk],
        )
    assert "kwalificatie van deze klas" in refused.value.errors["work_processes"]
    assert not WeeklyUpdate.objects.filter(topics="x").exists()


def test_one_update_per_cohort_and_week_and_topics_needed(vig3a, this_week_3a, demo):
    with pytest.raises(services.UpdateError) as refused:
        services.save_update(by=demo["docent1"], cohort=vig3a, week=Week.current(), topics="x")
    assert "al een weekupdate" in refused.value.errors["week"]
    with pytest.raises(services.UpdateError) as refused:
        services.save_update(
            by=demo["docent1"], cohort=vig3a, week=Week.current().plus(4), topics=" "
        )
    assert "topics" in refused.value.errors
    with pytest.raises(services.UpdateError) as refused:
        services.save_update(
            by=demo["docent1"], cohort=vig3a, week=Week.current().plus(20), topics="x"
        )
    assert "te ver vooruit" in refused.value.errors["week"]


@pytest.mark.parametrize(
    "account", ["docent2", "werkbegeleider1", "praktijkopleider1", "beheerder"]
)
def test_only_the_cohorts_teachers_write(account, vig3a, this_week_3a, demo):
    with pytest.raises(PermissionDenied):
        services.save_update(
            by=demo[account], cohort=vig3a, week=Week.current().plus(5), topics="x"
        )
    with pytest.raises(PermissionDenied):
        services.publish(this_week_3a, by=demo[account], expected_version=this_week_3a.version)


def test_previous_week(vig3a):
    before = services.previous_week(vig3a, Week.current())
    assert before.the_week == Week.current().previous()
