"""The bell: a learning question submitted, the mentor's count goes down when read."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from leerroute.learning import services
from leerroute.people.models import User

pytestmark = pytest.mark.e2e


def test_bell_count_goes_down_when_read(page_as, assert_accessible, assert_no_console_errors):
    student = User.objects.get(username="student1")
    question = services.save_draft(
        student,
        services.Content(
            question="Ik wil leren een wond te verzorgen volgens protocol.",
            steps="Meekijken en oefenen.",
            support_requested="Voordoen.",
            target_date=datetime.date.today() + datetime.timedelta(days=14),
        ),
    )
    services.submit(question, student)

    page = page_as("werkbegeleider1")
    bell = page.locator("a.bell")
    label = bell.get_attribute("aria-label")
    before = int(re.search(r"(\d+) ongelezen", label).group(1))
    assert before >= 2
    bell.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    assert_accessible(page, "meldingen 1280 px")
    page.get_by_role("button", name="Sanne Verhoef heeft een leervraag ingediend").first.click()
    expect(page).to_have_url(re.compile(rf"/leervragen/{question.pk}/$"))
    expect(page.locator("a.bell")).to_have_attribute(
        "aria-label", f"Meldingen, {before - 1} ongelezen"
    )
    page.goto("/meldingen/")
    page.get_by_role("button", name="Alles gelezen").click()
    expect(page.locator("a.bell")).to_have_attribute("aria-label", "Meldingen, geen ongelezen")
    assert_no_console_errors(page)

    phone = page_as("student1", width=360, height=780)
    phone.goto("/meldingen/")
    expect(phone.locator("a.bell")).to_be_visible()
    assert_accessible(phone, "meldingen 360 px")
    phone.goto("/profiel/")
    assert_accessible(phone, "profiel met meldingen 360 px")
