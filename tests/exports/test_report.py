"""The progress report PDF: produced, readable, the student's data only, in scope only."""

import io

import pytest
from pypdf import PdfReader

from leerroute.people.models import AccessLog

pytestmark = pytest.mark.django_db


def pdf_text(response) -> tuple[str, list[str]]:
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content))
        if response.streaming
        else io.BytesIO(response.content)
    )
    text = "\n".join(page.extract_text() for page in reader.pages)
    outline = [item.title for item in _flatten(reader.outline)]
    return text, outline


def _flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def url(student):
    return f"/export/studenten/{student.pk}/voortgangsverslag.pdf"


@pytest.mark.parametrize("account", ["praktijkopleider1", "docent1", "studentbegeleider1"])
def test_report_holds_the_students_headings_and_data(account, demo, client_for):
    student = demo["student1"]
    response = client_for(account).get(url(student))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text, outline = pdf_text(response)
    assert outline[0] == "Voortgangsverslag van Sanne Verhoef"
    for heading in (
        "BPV-plaats en opleiding",
        "Leervragen",
        "Feedback per werkproces",
        "Voortgangsbeoordelingen",
    ):
        assert heading in outline
    assert "Sanne Verhoef" in text
    assert "Team Tulp" in text
    assert "Milan Koster" not in text  # nothing of student2
    assert AccessLog.objects.filter(
        user=demo[account], student=student, outcome=AccessLog.Outcome.READ
    ).exists()


def test_student_gets_their_own_report(demo, client_for):
    response = client_for("student1").get(url(demo["student1"]))
    text, _outline = pdf_text(response)
    assert "Sanne Verhoef" in text


@pytest.mark.parametrize(
    "account", ["student2", "werkbegeleider2", "praktijkopleider2", "docent2", "trainer"]
)
def test_report_outside_scope_is_404(account, demo, client_for):
    assert client_for(account).get(url(demo["student1"])).status_code == 404


def test_anonymous_is_sent_to_login(demo, client_for):
    response = client_for(None).get(url(demo["student1"]))
    assert response.status_code == 302


def test_a_registered_section_is_added(demo, client_for):
    from leerroute.exports import report

    def agreements(student, viewer):
        return ("Afspraken", ["Sanne oefent de overdracht met SBAR."])

    report.register_section(agreements)
    try:
        text, outline = pdf_text(client_for("docent1").get(url(demo["student1"])))
    finally:
        report._SECTIONS.remove(agreements)
    assert "Afspraken" in outline
    assert "SBAR" in text


def test_agreements_of_held_conversations_are_in_the_report(demo, client_for):
    from leerroute.conversations.models import Agreement
    from leerroute.conversations.queries import agreements_visible_to

    held = Agreement.objects.filter(
        conversation__student=demo["student1"], conversation__status="held"
    )
    assert held.exists()
    text, outline = pdf_text(client_for("docent1").get(url(demo["student1"])))
    assert "Afspraken uit gesprekken" in outline
    for agreement in agreements_visible_to(demo["docent1"]).filter(pk__in=held):
        assert agreement.text in " ".join(text.split())


def test_agreements_the_viewer_may_not_see_are_left_out(demo, client_for):
    from leerroute.conversations.queries import agreements_visible_to

    viewer = demo["studentbegeleider1"]
    visible = agreements_visible_to(viewer).filter(conversation__student=demo["student1"])
    text, outline = pdf_text(client_for("studentbegeleider1").get(url(demo["student1"])))
    assert ("Afspraken uit gesprekken" in outline) == visible.filter(
        conversation__status="held"
    ).exists()


def test_pdf_has_language_title_and_structure(demo, client_for):
    response = client_for("docent1").get(url(demo["student1"]))
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Voortgangsverslag Sanne Verhoef"


def test_without_unicode_fonts_the_core_font_is_used(demo, client_for, settings, tmp_path):
    settings.REPORT_FONT_DIR = str(tmp_path)
    text, outline = pdf_text(client_for("docent1").get(url(demo["student1"])))
    assert "Sanne Verhoef" in text
    assert "Leervragen" in outline
