"""Training and the cascade in a real browser: trainer, practice educator, mentor."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leerroute.training.models import Attendance, Programme, Session

pytestmark = pytest.mark.e2e


def _figure(page, org, name):
    section = page.locator("section.panel", has=page.get_by_role("heading", name=org, level=2))
    return int(section.locator(f'[data-figure="{name}"]').inner_text())


def test_trainer_creates_a_session_and_registers_attendance(
    page_as, assert_accessible, assert_no_console_errors
):
    page = page_as("trainer")
    page.goto("/training/")
    assert_accessible(page, "training-overzicht trainer")
    page.get_by_role("link", name="Waarde-vol Werkbegeleiden").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waarde-vol Werkbegeleiden")
    assert_accessible(page, "programma")
    page.get_by_role("link", name="Bijeenkomst toevoegen").click()
    # The form's page first: axe on a document still being replaced finds none.
    expect(page.get_by_label("Onderwerp")).to_be_visible()
    assert_accessible(page, "nieuwe bijeenkomst")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.get_by_label("Onderwerp").fill("Terugkomochtend")
    page.get_by_label("Begint om").fill(f"{yesterday.isoformat()}T09:00")
    page.get_by_label("Eindigt om").fill(f"{yesterday.isoformat()}T12:00")
    page.get_by_label("Plaats").fill("mboRijnland Leiden, lokaal 1.02")
    page.get_by_label("OEPS-zakkaart").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terugkomochtend")
    expect(page.get_by_role("status")).to_contain_text("De bijeenkomst is toegevoegd.")
    session = Session.objects.get(topic="Terugkomochtend")

    page.get_by_role("link", name="Aanwezigheid registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanwezigheid registreren")
    assert_accessible(page, "aanwezigheid")
    petra = page.get_by_role("group", name="Petra Zonneveld")
    petra.get_by_label("afgemeld").check()
    karim = page.get_by_role("group", name="Karim Benali-Smit")
    karim.get_by_label("afwezig").check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De aanwezigheid is opgeslagen.")
    statuses = dict(
        Attendance.objects.filter(session=session).values_list("user__username", "status")
    )
    assert statuses["docent1"] == "excused"
    assert statuses["praktijkopleider2"] == "absent"
    assert statuses["praktijkopleider1"] == "present"
    assert_no_console_errors(page)


@pytest.mark.parametrize("width", [1280, 360])
def test_practice_educator_plans_a_team_training_and_the_dashboard_moves(
    page_as, assert_accessible, assert_no_console_errors, width
):
    org = "DSV|verzorgd leven"
    page = page_as("praktijkopleider1", width=width)
    page.goto("/training/dekking/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dekking van de cascade")
    assert_accessible(page, f"dekking {width}px")
    in_training = _figure(page, org, "in_training")
    not_started = _figure(page, org, "not_started")

    page.goto("/training/cascade/plannen/")
    assert_accessible(page, f"teamtraining plannen {width}px")
    page.locator("#id_team").select_option(label="Wijkteam Leiden-Zuid – Thuiszorg Leiden")
    page.get_by_label("Programma").select_option(label="Waarde-vol Werkbegeleiden")
    start = timezone.localdate() + datetime.timedelta(days=14)
    page.get_by_label("Eerste bijeenkomst begint om").fill(f"{start.isoformat()}T14:00")
    page.get_by_label("Plaats").fill("Thuiszorg Leiden, vergaderruimte")
    page.get_by_role("button", name="Teamtraining plannen").click()
    expect(page.get_by_role("status")).to_contain_text("Wijkteam Leiden-Zuid is gepland")
    training = Programme.objects.get(team__name="Wijkteam Leiden-Zuid")
    assert training.sessions.count() == 4
    assert_accessible(page, f"geplande teamtraining {width}px")

    page.goto("/training/dekking/")
    assert _figure(page, org, "in_training") == in_training + 2
    assert _figure(page, org, "not_started") == not_started - 2
    page.get_by_text("Tabel bij de grafiek").first.click()
    assert_accessible(page, f"dekking na planning {width}px")
    assert_no_console_errors(page)


@pytest.mark.parametrize("width", [1280, 360])
def test_mentor_sees_their_sessions(
    page_as, assert_accessible, assert_no_console_errors, nav_link, width
):
    page = page_as("werkbegeleider1", width=width)
    panel = page.locator("section", has=page.get_by_role("heading", name="Mijn trainingen"))
    expect(panel).to_contain_text("Waarde-vol Werkbegeleiden – Team Tulp")
    expect(panel).to_contain_text("1 van 4 bijeenkomsten bijgewoond")
    assert_accessible(page, f"home werkbegeleider {width}px")
    nav_link(page, "Training").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training")
    assert_accessible(page, f"training werkbegeleider {width}px")
    page.get_by_role("link", name="Leervragen en hybride leren").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leervragen en hybride leren")
    assert_accessible(page, f"bijeenkomst werkbegeleider {width}px")
    page.goto("/training/werkvormen/oeps/")
    expect(page.get_by_role("heading", level=1)).to_have_text("OEPS-feedback")
    assert_accessible(page, f"werkvorm OEPS {width}px")
    assert_no_console_errors(page)


def test_trainer_pages_are_accessible_at_360(page_as, assert_accessible, assert_no_console_errors):
    page = page_as("trainer", width=360, height=780)
    for url in (
        "/",
        "/training/materialen/",
        "/training/materialen/nieuw/",
        "/training/werkvormen/",
        "/training/dekking/",
        "/training/cascade/",
    ):
        page.goto(url)
        assert_accessible(page, f"trainer {url} 360px")
    # A refused upload shows the error summary, still accessible.
    page.goto("/training/materialen/nieuw/")
    page.get_by_role("textbox", name="Titel").fill("Leeg bestand")
    page.get_by_label("Soort").select_option("slides")
    page.get_by_label("Bestand").set_input_files(
        files=[{"name": "leeg.pdf", "mimeType": "application/pdf", "buffer": b""}]
    )
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator(".error-summary")).to_contain_text("Het bestand is leeg")
    assert_accessible(page, "upload geweigerd 360px")
    assert_no_console_errors(page)
