"""The weekly school update: the teacher writes and publishes it with a suggested work
process; the mentor sees it beside the student with a practice suggestion."""

import re

import pytest
from playwright.sync_api import expect

from leerroute.people.models import Cohort
from leerroute.school.digest import make_token
from leerroute.school.models import Status, WeeklyUpdate
from leerroute.school.weeks import Week

pytestmark = pytest.mark.e2e


def test_teacher_publishes_and_mentor_sees_it_beside_the_student(
    page_as, assert_accessible, assert_no_console_errors
):
    vig3a = Cohort.objects.get(name="VIG-3A")
    now = Week.current()
    WeeklyUpdate.objects.filter(cohort=vig3a).in_week(now).delete()

    page = page_as("docent1")
    page.goto("/weekupdates/")
    assert_accessible(page, "weekupdates 1280 px")
    page.get_by_role("link", name="Schrijven VIG-3A").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Weekupdate schrijven: VIG-3A")
    page.get_by_label("Wat we deze week op school behandelden").fill(
        "Insuline toedienen bij diabetes met de insulinepen, volgens protocol."
    )
    page.get_by_label("Wat kunnen studenten deze week in de praktijk oefenen?").fill(
        "Kijk mee bij het toedienen van insuline."
    )
    page.get_by_role("button", name="Werkprocessen voorstellen uit de tekst").click()
    suggested = page.locator("li", has=page.locator(".badge", has_text="voorgesteld"))
    expect(suggested.first).to_contain_text("B1-K1-W4")
    expect(suggested.first.locator("input[type=checkbox]")).to_be_checked()
    assert_accessible(page, "weekupdate-formulier met voorstel 1280 px")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(rf"Weekupdate VIG-3A, week {now.week}")
    )
    expect(page.locator(".messages")).to_contain_text("gepubliceerd")
    update = WeeklyUpdate.objects.get(cohort=vig3a, year=now.year, week=now.week)
    assert update.status == Status.PUBLISHED
    assert list(update.work_processes.values_list("code", flat=True)) == ["B1-K1-W4"]
    assert_accessible(page, "weekupdate 1280 px")
    assert_no_console_errors(page)

    mentor = page_as("werkbegeleider1")
    mentor.goto("/")
    panel = mentor.locator("section", has=mentor.get_by_role("heading", name="Deze week op school"))
    row = panel.locator("li", has=mentor.get_by_role("link", name="Sanne Verhoef"))
    expect(row).to_contain_text("Insuline toedienen")
    expect(row.locator(".suggestion")).to_contain_text("Sanne's leervraag over")
    assert_accessible(mentor, "mijn overzicht werkbegeleider 1280 px")

    phone = page_as("werkbegeleider1", width=360, height=780)
    phone.goto("/")
    assert_accessible(phone, "mijn overzicht werkbegeleider 360 px")
    phone.goto(f"/weekupdates/{update.pk}/")
    assert_accessible(phone, "weekupdate 360 px")
    phone.goto("/weekupdates/")
    assert_accessible(phone, "weekupdates 360 px")

    teacher_phone = page_as("docent1", width=360, height=780)
    teacher_phone.goto(f"/weekupdates/klassen/{vig3a.pk}/nieuw/?week={now.plus(2).iso}")
    assert_accessible(teacher_phone, "weekupdate-formulier 360 px")
    teacher_phone.get_by_role("button", name="Opslaan als concept").click()
    expect(teacher_phone.locator(".error-summary")).to_be_visible()
    assert_accessible(teacher_phone, "weekupdate-formulier met fout 360 px")

    anonymous = page_as(None, width=360, height=780)
    from leerroute.people.models import User

    token = make_token(User.objects.get(username="werkbegeleider1"))
    anonymous.goto(f"/weekupdates/e-mail/{token}/")
    assert_accessible(anonymous, "weekmail uitzetten 360 px")
    anonymous.get_by_role("button", name="Wekelijkse e-mail uitzetten").click()
    expect(anonymous.locator(".messages")).to_contain_text("niet meer")
