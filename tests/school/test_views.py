"""The pages per role: writing, reading, the home panels and the student page."""

from html import unescape

import pytest
from django.urls import reverse

from leerroute.qualifications.models import Qualification
from leerroute.school.models import Status, WeeklyUpdate
from leerroute.school.weeks import Week
from tests.costs import first_and_repeated

pytestmark = pytest.mark.django_db


def test_teacher_writes_with_suggested_work_processes_and_publishes(client_for, vig3a):
    client = client_for("docent1")
    WeeklyUpdate.objects.filter(cohort=vig3a).in_week(Week.current()).delete()
    url = reverse("school:create", args=[vig3a.pk])
    page = client.get(url).content.decode()
    assert "Weekupdate schrijven: VIG-3A" in page
    data = {"week": Week.current().iso, "topics": "Insuline toedienen met de insulinepen."}
    suggested = client.post(url, {**data, "voorstellen": "1"}).content.decode()
    assert "voorgesteld</span>" in suggested
    assert not WeeklyUpdate.objects.filter(cohort=vig3a).in_week(Week.current()).exists()
    wp = Qualification.objects.get(title="Verzorgende IG").work_processes.get(code="B1-K1-W4")
    assert f'value="{wp.pk}" id="wp-{wp.pk}" checked' in suggested
    response = client.post(url, {**data, "work_processes": [wp.pk], "publiceren": "1"})
    update = WeeklyUpdate.objects.get(
        cohort=vig3a, year=Week.current().year, week=Week.current().week
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "school:detail", args=[update.pk]
    )
    assert update.status == Status.PUBLISHED
    assert list(update.work_processes.values_list("code", flat=True)) == ["B1-K1-W4"]


def test_bad_input_gets_a_dutch_message_and_changes_nothing(client_for, vig3a):
    client = client_for("docent1")
    url = reverse("school:create", args=[vig3a.pk])
    count = WeeklyUpdate.objects.count()
    response = client.post(url, {"week": "2020-W10", "topics": "x"})
    assert response.status_code == 400
    assert "Week 10 van 2020 is voorbij" in response.content.decode()
    response = client.post(
        url, {"week": Week.current().plus(3).iso, "topics": "x", "work_processes": ["abc"]}
    )
    assert response.status_code == 400
    assert "ongeldig werkproces" in response.content.decode()
    assert WeeklyUpdate.objects.count() == count


def test_start_from_last_week(client_for, vig3a):
    client = client_for("docent1")
    before = WeeklyUpdate.objects.get(
        cohort=vig3a, year=Week.current().year, week=Week.current().week
    )
    page = client.get(
        reverse("school:create", args=[vig3a.pk]),
        {"week": Week.current().plus(1).iso, "vorige": "1"},
    ).content.decode()
    assert before.topics.split(":")[0] in page
    assert "staat klaar" in page


def test_editing_an_ended_week_is_refused(client_for, past_3a):
    client = client_for("docent1")
    response = client.post(
        reverse("school:edit", args=[past_3a.pk]),
        {"topics": "Anders", "version": past_3a.version},
        follow=True,
    )
    assert "is voorbij" in response.content.decode()
    past_3a.refresh_from_db()
    assert past_3a.topics != "Anders"


def test_edit_keeps_the_earlier_version_visible_to_teachers(client_for, this_week_3a):
    client = client_for("docent1")
    client.post(
        reverse("school:edit", args=[this_week_3a.pk]),
        {"topics": "Nieuwe onderwerpen", "version": this_week_3a.version, "opslaan": "1"},
    )
    page = client.get(reverse("school:detail", args=[this_week_3a.pk])).content.decode()
    assert "Nieuwe onderwerpen" in page and "Eerdere versies" in page
    mentor_page = (
        client_for("werkbegeleider1")
        .get(reverse("school:detail", args=[this_week_3a.pk]))
        .content.decode()
    )
    assert "Eerdere versies" not in mentor_page


def test_mentor_home_shows_the_week_beside_the_student_with_one_suggestion(client_for):
    page = unescape(client_for("werkbegeleider1").get(reverse("core:home")).content.decode())
    assert "Deze week op school" in page
    assert "Sanne's leervraag over" in page
    assert page.count("Sanne's leervraag") == 1


def test_the_student_page_shows_the_week(client_for, demo):
    url = reverse("people:student", args=[demo["student1"].pk])
    page = unescape(client_for("praktijkopleider1").get(url).content.decode())
    assert "Deze week op school" in page and "Sanne's leervraag over" in page
    own = client_for("student1").get(reverse("core:home")).content.decode()
    assert "Op school" in own and "VIG-3A, week" in own


@pytest.mark.parametrize(
    ("account", "sees_vig", "sees_vp", "sees_draft"),
    [
        ("student1", True, False, False),
        ("student2", False, True, False),
        ("werkbegeleider1", True, False, False),
        ("praktijkopleider2", False, True, False),
        ("docent1", True, False, True),
        ("docent2", False, True, False),
        ("trainer", False, False, False),
        ("beheerder", True, True, False),
    ],
)
def test_index_per_role(account, sees_vig, sees_vp, sees_draft, client_for):
    page = client_for(account).get(reverse("school:index")).content.decode()
    assert ("VIG-3A, week" in page) == sees_vig
    assert ("VP-4A, week" in page) == sees_vp
    assert (">concept</span>" in page) == sees_draft


def _more_updates(cohorts, weeks=8):
    from django.utils import timezone

    from leerroute.people.models import User

    teacher = User.objects.get(username="docent1")
    now = timezone.now()
    for cohort in cohorts:
        for n in range(6, 6 + weeks):
            week = Week.current().plus(-n)
            WeeklyUpdate.objects.get_or_create(
                cohort=cohort,
                year=week.year,
                week=week.week,
                defaults={
                    "topics": "Extra",
                    "status": Status.PUBLISHED,
                    "author": teacher,
                    "created_at": now,
                    "updated_at": now,
                    "published_at": now,
                },
            )


@pytest.mark.parametrize(
    ("account", "url"),
    [
        ("werkbegeleider1", "core:home"),
        ("praktijkopleider1", "core:home"),
        ("docent1", "core:home"),
        ("student1", "core:home"),
        ("docent1", "school:index"),
    ],
)
def test_query_count_is_constant(account, url, client_for):
    from leerroute.people.models import Cohort

    client = client_for(account)
    client.get(reverse(url))
    # The first request after a change (kept home panels rendered again,
    # core/panels.py) and its repeat, before and after more updates.
    first_before, before, _ = first_and_repeated(client, reverse(url))
    assert len(first_before) <= 120
    _more_updates(list(Cohort.objects.all()))
    first_after, after, response = first_and_repeated(client, reverse(url))
    assert response.status_code == 200
    assert len(after) <= len(before), [q["sql"] for q in after.captured_queries]
    assert len(first_after) <= len(first_before), [q["sql"] for q in first_after.captured_queries]


def test_student_page_query_count_is_constant(client_for, demo, django_assert_max_num_queries):
    from leerroute.people.models import Cohort

    client = client_for("werkbegeleider1")
    url = reverse("people:student", args=[demo["student1"].pk])
    client.get(url)
    with django_assert_max_num_queries(120) as few:
        client.get(url)
    _more_updates(list(Cohort.objects.all()))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
