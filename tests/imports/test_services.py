"""Importing people through the service: plan, dry run, all or nothing, idempotent."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from leerroute.imports import files, services
from leerroute.imports.models import PersonKey
from leerroute.people.models import (
    Enrollment,
    Organisation,
    Placement,
    Role,
    RoleAssignment,
    User,
)

from .helpers import DSV, HR_HEADER, RIJNHOF, hr_rows, table

pytestmark = pytest.mark.django_db


def dsv():
    return Organisation.objects.get(name=DSV)


def test_dry_run_writes_nothing_and_reports_every_row():
    users = User.objects.count()
    report = services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(3)), dry_run=True)
    assert [r.action for r in report.rows] == [services.CREATED] * 3
    assert report.rows[0].row == 2  # the header is row 1
    assert User.objects.count() == users
    assert not PersonKey.objects.exists()


def test_real_run_creates_employees_with_team_role_and_reimport_changes_nothing():
    report = services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(3)), dry_run=False)
    assert report.applied and report.counts()[services.CREATED] == 3
    person = User.objects.get(username="hr.persoon1")
    assert not person.has_usable_password()
    assignment = RoleAssignment.objects.get(user=person)
    assert assignment.role == Role.EMPLOYEE and assignment.team.name == "Team Tulp"
    assert PersonKey.objects.get(user=person).number == "P00001"

    again = services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(3)), dry_run=False)
    assert [r.action for r in again.rows] == [services.UNCHANGED] * 3
    assert RoleAssignment.objects.filter(user__username__startswith="hr.").count() == 3


def test_xlsx_gives_the_same_result_as_csv():
    services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(2)), dry_run=False)
    report = services.run(
        services.EMPLOYEES, table(HR_HEADER, hr_rows(2), name="hr.xlsx"), dry_run=True
    )
    assert [r.action for r in report.rows] == [services.UNCHANGED] * 2


def test_role_change_ends_the_old_role_and_starts_the_new():
    services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(1)), dry_run=False)
    # Imported last month; a role that started today would end at the end of today.
    RoleAssignment.objects.filter(user__username="hr.persoon1").update(
        start_date=timezone.localdate() - datetime.timedelta(days=30)
    )
    report = services.run(
        services.EMPLOYEES,
        table(HR_HEADER, hr_rows(1, roles="werkbegeleider")),
        dry_run=False,
    )
    assert report.rows[0].action == services.CHANGED
    person = User.objects.get(username="hr.persoon1")
    active = RoleAssignment.objects.active().filter(user=person)
    assert [a.role for a in active] == [Role.MENTOR]
    assert RoleAssignment.objects.filter(user=person, role=Role.EMPLOYEE).exists()  # kept


def test_existing_account_is_linked_by_username_and_names_updated():
    row = [
        "D-1",
        "werkbegeleider1",
        "Ingrid",
        "Bakelaar",
        "",
        DSV,
        RIJNHOF,
        "Team Tulp",
        "werkbegeleider",
    ]
    report = services.run(services.EMPLOYEES, table(HR_HEADER, [row]), dry_run=False)
    assert report.rows[0].action == services.CHANGED  # the number is linked
    assert PersonKey.objects.get(number="D-1").user.username == "werkbegeleider1"
    again = services.run(services.EMPLOYEES, table(HR_HEADER, [row]), dry_run=True)
    assert again.rows[0].action == services.UNCHANGED


def test_errors_name_row_column_and_reason_and_nothing_is_written():
    rows = hr_rows(3)
    rows[0][8] = "directeur"  # unknown role
    rows[1][7] = "Team Bestaat Niet"
    rows[2][4] = "geen-email"
    users = User.objects.count()
    with pytest.raises(services.ImportRefused) as caught:
        services.run(services.EMPLOYEES, table(HR_HEADER, rows), dry_run=False)
    errors = caught.value.report.errors()
    assert errors[0][:2] == (2, "rollen") and "Onbekende rol 'directeur'" in errors[0][2]
    assert errors[1][:2] == (3, "team") and "bestaat niet" in errors[1][2]
    assert errors[2][:2] == (4, "email")
    assert User.objects.count() == users


def test_duplicate_numbers_in_one_file_are_refused():
    rows = hr_rows(2)
    rows[1][0] = rows[0][0]
    report = services.run(services.EMPLOYEES, table(HR_HEADER, rows), dry_run=True)
    assert report.rows[1].errors == [("personeelsnummer", "Komt al voor in rij 2.")]


def test_missing_columns_refuse_the_whole_file():
    with pytest.raises(services.ImportRefused, match="Kolommen ontbreken: gebruikersnaam"):
        services.run(services.EMPLOYEES, table(["personeelsnummer", "organisatie"], [["1", DSV]]))


def test_end_missing_ends_roles_of_people_not_in_a_full_hr_file():
    services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(3)), dry_run=False)
    RoleAssignment.objects.filter(user__username__startswith="hr.").update(
        start_date=timezone.localdate() - datetime.timedelta(days=30)
    )
    report = services.run(
        services.EMPLOYEES,
        table(HR_HEADER, hr_rows(2)),
        organisation=dsv(),
        dry_run=False,
        end_missing=True,
    )
    ended = [r for r in report.rows if r.action == services.ENDED]
    assert "Voornaam Achternaam 3" in {r.name for r in ended}
    assert "werkbegeleider1" not in {r.key for r in ended}
    gone = User.objects.get(username="hr.persoon3")
    assert gone.is_active  # never deleted
    assert not RoleAssignment.objects.active().filter(user=gone).exists()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert RoleAssignment.objects.get(user=gone).end_date >= yesterday
    # Demo staff of DSV missing from this file are ended too (a full file is the truth).
    assert any(r.name == "Ingrid Bakelaar" for r in ended)


def test_a_role_change_of_today_imported_again_changes_nothing():
    """The old role ends today; importing the same row again the same day does not end
    it again, and a row naming it again starts it anew."""
    services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(1)), dry_run=False)
    mentor = table(HR_HEADER, hr_rows(1, roles="werkbegeleider"))
    assert services.run(services.EMPLOYEES, mentor, dry_run=False).rows[0].action == (
        services.CHANGED
    )
    again = services.run(services.EMPLOYEES, mentor, dry_run=False)
    assert again.rows[0].action == services.UNCHANGED
    person = User.objects.get(username="hr.persoon1")
    today = timezone.localdate()
    assert RoleAssignment.objects.get(user=person, role=Role.EMPLOYEE).end_date == today
    # Back to medewerker the same day: a new period, the mentor role ends today.
    back = services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(1)), dry_run=False)
    assert back.rows[0].action == services.CHANGED
    active = RoleAssignment.objects.filter(user=person, end_date__isnull=True)
    assert [a.role for a in active] == [Role.EMPLOYEE]


def test_a_full_file_of_today_imported_again_ends_nobody_again():
    services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(2)), dry_run=False)

    def ended():
        report = services.run(
            services.EMPLOYEES,
            table(HR_HEADER, hr_rows(1)),
            organisation=dsv(),
            dry_run=False,
            end_missing=True,
        )
        return {r.key for r in report.rows if r.action == services.ENDED}

    assert "P00002" in ended()  # started today, so it ends today
    assert "P00002" not in ended()


def test_end_missing_needs_one_organisation():
    with pytest.raises(services.ImportRefused, match="volledig medewerkersbestand"):
        services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(1)), end_missing=True)


def test_practice_educator_rows_of_another_organisation_are_refused(demo):
    rows = hr_rows(2)
    rows[1][5] = "Topaz"
    rows[1][6] = "Revalidatie en herstel"
    rows[1][7] = "Team Overrijn"
    report = services.run(services.EMPLOYEES, table(HR_HEADER, rows), by=demo["praktijkopleider1"])
    assert report.rows[0].action == services.CREATED
    assert report.rows[1].action == services.REFUSED
    assert report.rows[1].errors[0][0] == "organisatie"


def test_a_mentor_may_not_import(demo):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(1)), by=demo["werkbegeleider1"])


def test_failure_while_writing_leaves_the_database_unchanged(monkeypatch):
    from leerroute.imports.services import _Employees

    original = _Employees.apply

    def broken(self):
        original(self)
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(_Employees, "apply", broken)
    users = User.objects.count()
    with pytest.raises(RuntimeError):
        services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(3)), dry_run=False)
    assert User.objects.count() == users
    assert not PersonKey.objects.exists()


def test_plan_uses_a_constant_number_of_queries():
    def count(n):
        with CaptureQueriesContext(connection) as ctx:
            services.run(services.EMPLOYEES, table(HR_HEADER, hr_rows(n)), dry_run=True)
        return len(ctx.captured_queries)

    assert count(1) == count(40)


def test_real_run_uses_a_constant_number_of_queries():
    def count(n, start):
        with CaptureQueriesContext(connection) as ctx:
            services.run(
                services.EMPLOYEES, table(HR_HEADER, hr_rows(n, start=start)), dry_run=False
            )
        return len(ctx.captured_queries)

    assert count(1, 1) == count(40, 100)


STUDENT_HEADER = [
    "studentnummer",
    "gebruikersnaam",
    "voornaam",
    "achternaam",
    "organisatie",
    "klas",
    "crebo",
    "kwalificatie",
]


def student_rows():
    return [
        ["S100", "st.nieuw1", "Anna", "Visser", "mboRijnland", "VIG-3A", "", "Verzorgende IG"],
        ["S101", "st.nieuw2", "Bram", "Smit", "mboRijnland", "VP-4A", "25655", ""],
    ]


def test_students_are_enrolled_in_their_cohort_with_their_qualification():
    report = services.run(None, table(STUDENT_HEADER, student_rows()), dry_run=False)
    assert report.kind == services.STUDENTS
    assert report.counts()[services.CREATED] == 2
    anna = User.objects.get(username="st.nieuw1")
    enrollment = Enrollment.objects.get(student=anna)
    assert enrollment.cohort.name == "VIG-3A"
    assert enrollment.qualification.title == "Verzorgende IG"
    assert RoleAssignment.objects.active().filter(user=anna, role=Role.STUDENT).exists()
    again = services.run(None, table(STUDENT_HEADER, student_rows()), dry_run=True)
    assert [r.action for r in again.rows] == [services.UNCHANGED] * 2


def test_student_with_unknown_cohort_or_crebo_is_refused():
    rows = student_rows()
    rows[0][5] = "Klas-X"
    rows[1][6] = "99999"
    report = services.run(services.STUDENTS, table(STUDENT_HEADER, rows))
    assert report.rows[0].errors[0][0] == "klas"
    assert report.rows[1].errors[0] == ("crebo", "Geen kwalificatie met crebo 99999.")


PLACEMENT_HEADER = [
    "studentnummer",
    "organisatie",
    "afdeling",
    "team",
    "startdatum",
    "einddatum",
    "werkbegeleiders",
    "studentbegeleider",
]


def test_placements_with_mentors_and_assessor():
    services.run(None, table(STUDENT_HEADER, student_rows()), dry_run=False)
    start = timezone.localdate().isoformat()
    rows = [["S100", DSV, RIJNHOF, "Team Tulp", start, "", "werkbegeleider1", "studentbegeleider1"]]
    report = services.run(None, table(PLACEMENT_HEADER, rows), dry_run=False)
    assert report.kind == services.PLACEMENTS and report.rows[0].action == services.CREATED
    placement = Placement.objects.get(student__username="st.nieuw1")
    assert [m.username for m in placement.mentors.all()] == ["werkbegeleider1"]
    assert placement.assessor.username == "studentbegeleider1"
    again = services.run(None, table(PLACEMENT_HEADER, rows), dry_run=False)
    assert again.rows[0].action == services.UNCHANGED
    rows[0][6] = "wb.tulp2"
    changed = services.run(None, table(PLACEMENT_HEADER, rows), dry_run=False)
    assert changed.rows[0].action == services.CHANGED
    assert [m.username for m in placement.mentors.all()] == ["wb.tulp2"]


def test_placement_refused_for_unknown_student_foreign_mentor_or_overlap(demo):
    start = timezone.localdate().isoformat()
    rows = [
        ["onbekend", DSV, RIJNHOF, "Team Tulp", start, "", "", ""],
        ["student1", DSV, RIJNHOF, "Team Tulp", "2020-01-01", "", "werkbegeleider2", ""],
        ["student1", DSV, RIJNHOF, "Team Tulp", start, "", "", ""],
    ]
    report = services.run(None, table(PLACEMENT_HEADER, rows))
    assert report.rows[0].errors[0][0] == "studentnummer"
    assert ("werkbegeleiders", "'werkbegeleider2' is geen medewerker van DSV|verzorgd leven.") in (
        report.rows[1].errors
    )
    assert report.rows[2].errors[0][0] == "startdatum"
    assert "Overlapt" in report.rows[2].errors[0][1]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.xlsx", b"not a zip", "geen Excel-bestand"),
        ("a.csv", b"", "leeg"),
        ("a.csv", "naam\nJos\xe9".encode("latin-1"), "UTF-8"),
        ("a.pdf", b"%PDF", "CSV-bestand"),
        ("a.xlsx", b"PK\x03\x04kapot", "kan niet gelezen worden"),
        ("a.csv", b"a;a\n1;2\n", "twee keer"),
    ],
)
def test_bad_files_get_a_dutch_message(name, data, message):
    with pytest.raises(files.BadFile) as caught:
        files.read_table(name, data)
    assert message in caught.value.message


def test_too_big_files_are_refused(settings):
    settings.IMPORT_MAX_BYTES = 10
    with pytest.raises(files.BadFile, match="te groot"):
        files.read_table("a.csv", b"a;b\n1;2\n3;4\n")


def _students(n, start=0):
    return [
        [
            f"S{i:05d}",
            f"st.bulk{i}",
            "Stu",
            f"Dent {i}",
            "mboRijnland",
            "VIG-3A",
            "",
            "Verzorgende IG",
        ]
        for i in range(start, start + n)
    ]


def test_student_and_placement_imports_use_a_constant_number_of_queries():
    def count(kind, header, rows, dry_run=True):
        with CaptureQueriesContext(connection) as ctx:
            services.run(kind, table(header, rows), dry_run=dry_run)
        return len(ctx.captured_queries)

    assert count(services.STUDENTS, STUDENT_HEADER, _students(1)) == count(
        services.STUDENTS, STUDENT_HEADER, _students(30)
    )
    services.run(services.STUDENTS, table(STUDENT_HEADER, _students(31)), dry_run=False)
    start = timezone.localdate().isoformat()

    def placements(n, offset=0):
        return [
            [f"S{i:05d}", DSV, RIJNHOF, "Team Tulp", start, "", "werkbegeleider1", ""]
            for i in range(offset, offset + n)
        ]

    one = count(services.PLACEMENTS, PLACEMENT_HEADER, placements(1), dry_run=False)
    many = count(services.PLACEMENTS, PLACEMENT_HEADER, placements(30, 1), dry_run=False)
    assert one == many


def test_a_start_date_in_year_one_does_not_overflow():
    services.run(None, table(STUDENT_HEADER, student_rows()), dry_run=False)
    rows = student_rows()
    rows[0][5] = "VIG-3B"  # another cohort: the current enrolment ends the day before
    header = [*STUDENT_HEADER, "startdatum"]
    report = services.run(None, table(header, [[*rows[0], "0001-01-01"]]), dry_run=False)
    assert report.rows[0].action == services.CHANGED


def test_practice_educator_cannot_take_over_another_organisations_account(demo):
    """Linking by username: an account of another organisation (Topaz's mentor) is
    not renamed, numbered or given roles by DSV's practice educator; the beheerder may."""
    other = demo["werkbegeleider2"]
    assert not other.role_assignments.filter(organisation__name=DSV).exists()
    name = (other.first_name, other.last_name)
    row = ["D-77", other.username, "Over", "Genomen", "", DSV, RIJNHOF]
    row += ["Team Tulp", "werkbegeleider"]
    with pytest.raises(services.ImportRefused):
        services.run(
            services.EMPLOYEES,
            table(HR_HEADER, [row]),
            by=demo["praktijkopleider1"],
            dry_run=False,
        )
    report = services.run(services.EMPLOYEES, table(HR_HEADER, [row]), by=demo["praktijkopleider1"])
    assert report.rows[0].action == services.REFUSED
    assert report.rows[0].errors[0][0] == "gebruikersnaam"
    assert "andere organisatie" in report.rows[0].errors[0][1]
    other.refresh_from_db()
    assert (other.first_name, other.last_name) == name
    assert not PersonKey.objects.filter(user=other).exists()
    assert not other.role_assignments.filter(organisation__name=DSV).exists()

    # An account of their own organisation is linked as before.
    own = ["D-78", "werkbegeleider1", "Inge", "Bakelaar", "", DSV, RIJNHOF]
    own += ["Team Tulp", "werkbegeleider"]
    report = services.run(services.EMPLOYEES, table(HR_HEADER, [own]), by=demo["praktijkopleider1"])
    assert report.rows[0].action != services.REFUSED

    # The beheerder links across organisations.
    report = services.run(
        services.EMPLOYEES, table(HR_HEADER, [row]), by=demo["beheerder"], dry_run=False
    )
    assert report.rows[0].action != services.REFUSED
    assert PersonKey.objects.filter(user=other, number="D-77").exists()
