"""CSV and XLSX exports: the page's rows, Dutch columns, ISO dates, safe cells."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from leerroute.exports.tabular import csv_safe
from leerroute.feedback.models import Feedback
from leerroute.people import queries as people
from leerroute.people.models import AccessLog

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def read_xlsx(response):
    data = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    "account", ["praktijkopleider1", "docent1", "werkbegeleider2", "beheerder", "student1"]
)
def test_students_export_has_exactly_the_visible_students(account, demo, client_for):
    rows = read_csv(client_for(account).get("/export/studenten.csv"))
    assert rows[0][:3] == ["Achternaam", "Voornaam", "Gebruikersnaam"]
    expected = set(people.students_visible_to(demo[account]).values_list("username", flat=True))
    assert {r[2] for r in rows[1:]} == expected
    assert len(rows) - 1 == len(expected)


def test_students_export_follows_the_search(client_for):
    rows = read_csv(client_for("beheerder").get("/export/studenten.csv?q=Verhoef"))
    assert [r[2] for r in rows[1:]] == ["student1"]


def test_xlsx_has_the_same_rows_as_csv(client_for):
    client = client_for("praktijkopleider1")
    as_csv = read_csv(client.get("/export/studenten.csv"))
    response = client.get("/export/studenten.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="studenten-')
    as_xlsx = read_xlsx(response)
    assert [[str(c) for c in row] for row in as_xlsx] == as_csv


def test_dates_are_iso(client_for):
    rows = read_csv(client_for("praktijkopleider1").get("/export/studenten.csv"))
    start = rows[0].index("BPV begindatum")
    dated = [r[start] for r in rows[1:] if r[start]]
    assert dated and all(len(d) == 10 and d[4] == "-" and d[7] == "-" for d in dated)


def test_export_logs_the_reads_of_student_data(demo, client_for):
    client_for("docent1").get("/export/studenten.csv")
    assert AccessLog.objects.filter(user=demo["docent1"], student=demo["student1"]).exists()


@pytest.mark.parametrize("value", ["=1+1", "+31", "-2", "@SUM(A1)", "\tx"])
def test_formula_cells_get_an_apostrophe(value):
    assert csv_safe(value) == "'" + value


def test_feedback_text_with_a_formula_is_escaped_in_csv_and_text_in_xlsx(demo, client_for):
    item = Feedback.objects.filter(student=demo["student1"]).first()
    Feedback.objects.filter(pk=item.pk).update(observe='=HYPERLINK("http://x")')
    client = client_for("praktijkopleider1")
    rows = read_csv(client.get(f"/export/feedback.csv?student={demo['student1'].pk}"))
    column = rows[0].index("Observeren")
    assert '\'=HYPERLINK("http://x")' in [r[column] for r in rows[1:]]
    data = b"".join(client.get("/export/feedback.xlsx").streaming_content)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")']
    assert cells and all(c.data_type == "s" for c in cells)


def test_feedback_of_a_student_outside_scope_is_404(demo, client_for):
    response = client_for("praktijkopleider2").get(
        f"/export/feedback.csv?student={demo['student1'].pk}"
    )
    assert response.status_code == 404


def test_feedback_export_never_holds_other_students(demo, client_for):
    rows = read_csv(client_for("werkbegeleider1").get("/export/feedback.csv"))
    names = {r[0] for r in rows[1:]}
    assert "Sanne Verhoef" in names and "Milan Koster" not in names


def test_bad_student_id_is_400(client_for):
    assert client_for("beheerder").get("/export/feedback.csv?student=abc").status_code == 400


def test_learning_questions_export_for_staff_and_student(demo, client_for):
    staff = read_csv(client_for("werkbegeleider1").get("/export/leervragen.csv"))
    assert staff[0][:3] == ["Student", "Status", "Leervraag"]
    assert {r[0] for r in staff[1:]} <= {"Sanne Verhoef"} | {
        u.get_full_name() for u in people.students_visible_to(demo["werkbegeleider1"])
    }
    assert "concept" not in {r[1] for r in staff[1:]}  # drafts are the student's own
    own = read_csv(client_for("student1").get("/export/leervragen.csv"))
    assert {r[0] for r in own[1:]} == {"Sanne Verhoef"}


def test_learning_questions_status_filter(client_for):
    rows = read_csv(client_for("praktijkopleider1").get("/export/leervragen.csv?status=approved"))
    assert {r[1] for r in rows[1:]} <= {"goedgekeurd"}


def test_reviews_export(demo, client_for):
    rows = read_csv(client_for("student1").get("/export/beoordelingen.csv"))
    assert rows[0][:4] == ["Student", "Datum beoordeling", "Studentbegeleider", "Status"]
    assert {r[3] for r in rows[1:]} == {"gepubliceerd"}  # no drafts for the student
    assert {r[0] for r in rows[1:]} == {"Sanne Verhoef"}


def test_trainer_sees_no_learning_questions_so_exports_none(client_for):
    rows = read_csv(client_for("trainer").get("/export/leervragen.csv"))
    assert len(rows) == 1  # the header only, like the empty page


def test_coverage_export(client_for):
    rows = read_csv(client_for("praktijkopleider1").get("/export/dekking.csv"))
    assert rows[0][:4] == ["Organisatie", "Afdeling", "Pilotafdeling", "Team"]
    assert {r[0] for r in rows[1:]} == {"DSV|verzorgd leven"}
    assert client_for("werkbegeleider1").get("/export/dekking.csv").status_code == 403


def test_attendance_export(client_for):
    from leerroute.training.models import Programme

    programme = Programme.objects.get(title="Waarde-vol Werkbegeleiden")
    rows = read_csv(
        client_for("trainer").get(f"/export/programmas/{programme.pk}/aanwezigheid.csv")
    )
    assert rows[0] == ["Bijeenkomst", "Begint om", "Deelnemer", "Aanwezigheid"]
    assert len(rows) > 1
    assert (
        client_for("docent1").get(f"/export/programmas/{programme.pk}/aanwezigheid.csv").status_code
        == 403
    )


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(ctx.captured_queries)


def _more_data(demo):
    """Twenty more students (enrolled, placed in Team Tulp) with feedback each."""
    import datetime

    from django.utils import timezone

    from leerroute.people.models import Cohort, Enrollment, Placement, Role, RoleAssignment, Team
    from leerroute.qualifications.models import Qualification

    school = demo["student1"].role_assignments.get(role=Role.STUDENT).organisation
    team = Team.objects.get(name="Team Tulp")
    cohort = Cohort.objects.filter(name="VIG-3A").first()
    qualification = Qualification.objects.get(title="Verzorgende IG")
    start = timezone.localdate() - datetime.timedelta(days=10)
    for i in range(20):
        user = type(demo["student1"]).objects.create(
            username=f"extra{i}", first_name="Extra", last_name=f"Student {i}"
        )
        RoleAssignment.objects.create(
            user=user, role=Role.STUDENT, organisation=school, start_date=start
        )
        Enrollment.objects.create(
            student=user, cohort=cohort, qualification=qualification, start_date=start
        )
        placement = Placement.objects.create(student=user, team=team, start_date=start)
        placement.mentors.add(demo["werkbegeleider1"])
        Feedback.objects.create(
            student=user,
            author=demo["werkbegeleider1"],
            placement=placement,
            observe="o",
            effect="e",
            pause="p",
            suggestions="s",
        )


@pytest.mark.parametrize(
    "url",
    [
        "/export/studenten.csv",
        "/export/studenten.xlsx",
        "/export/feedback.csv",
        "/export/leervragen.csv",
        "/export/beoordelingen.xlsx",
        "/export/dekking.csv",
    ],
)
def test_constant_queries_whatever_the_number_of_rows(url, client_for, demo):
    client = client_for("praktijkopleider1")
    before = _count(client, url)
    _more_data(demo)
    client = client_for("praktijkopleider1")
    assert _count(client, url) == before


def test_list_pages_link_their_downloads_with_the_same_filter(demo, client_for):
    page = client_for("beheerder").get("/studenten/?q=Ver hoef&x").content.decode()
    assert 'href="/export/studenten.csv?q=Ver%20hoef"' in page
    assert 'href="/export/studenten.xlsx?q=Ver%20hoef"' in page
    page = client_for("praktijkopleider1").get("/leervragen/?status=approved").content.decode()
    assert 'href="/export/leervragen.csv?status=approved"' in page
    student = demo["student1"]
    page = client_for("docent1").get(f"/feedback/studenten/{student.pk}/").content.decode()
    assert f'href="/export/feedback.csv?student={student.pk}"' in page
    assert f'href="/export/studenten/{student.pk}/voortgangsverslag.pdf"' in page
    page = client_for("praktijkopleider1").get("/training/dekking/").content.decode()
    assert 'href="/export/dekking.xlsx"' in page
