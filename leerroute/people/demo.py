"""Demo data: the organisations of the route, their structure and people.

All names are invented. Accounts ending in 1 belong to DSV|verzorgd leven,
those ending in 2 to Topaz; see DESIGN.md "Fixed points".
"""

from __future__ import annotations

import datetime

from django.conf import settings

from leerroute.qualifications.models import Qualification

from .models import (
    Cohort,
    Department,
    Enrollment,
    Organisation,
    Placement,
    Role,
    RoleAssignment,
    Team,
    User,
    today,
)

ORDER = 20

SCHOOL = "mboRijnland"
ACTIVITE = "ActiVite"
DSV = "DSV|verzorgd leven"
TOPAZ = "Topaz"

# organisation -> department -> (is_pilot, [teams])
STRUCTURE = {
    DSV: {
        "Wonen met zorg De Rijnhof": (True, ["Team Tulp", "Team Iris"]),
        "Revalidatie Leythenrode": (True, ["Team Revalidatie"]),
        "Thuiszorg Leiden": (False, ["Wijkteam Leiden-Noord"]),
    },
    TOPAZ: {
        "Revalidatie en herstel": (True, ["Team Overrijn"]),
        "Hospice Agnes": (False, ["Team Hospice"]),
    },
    ACTIVITE: {
        "Wonen en zorg Zonnehof": (True, ["Team Zonnehof"]),
        "Thuiszorg Rijnsburg": (False, ["Wijkteam Rijnsburg"]),
    },
}

# username, first name, last name
DEMO_ACCOUNTS = {
    "student1": ("Sanne", "Verhoef"),
    "student2": ("Milan", "Koster"),
    "werkbegeleider1": ("Ingrid", "Bakelaar"),
    "werkbegeleider2": ("Joost", "Hendrikse"),
    "studentbegeleider1": ("Marloes", "Pieterse"),
    "studentbegeleider2": ("Ruben", "Achterberg"),
    "praktijkopleider1": ("Esther", "Valkenier"),
    "praktijkopleider2": ("Karim", "Benali-Smit"),
    "docent1": ("Petra", "Zonneveld"),
    "docent2": ("Hans", "Wildschut"),
    "trainer": ("Yvonne", "Brandhorst"),
    "beheerder": ("Bram", "Kooijman"),
}

# Further mentors: username -> (first, last, organisation, team)
OTHER_MENTORS = {
    "wb.tulp2": ("Noor", "Dekkers", DSV, "Team Tulp"),
    "wb.iris": ("Fatima", "El Amrani", DSV, "Team Iris"),
    "wb.revalidatie": ("Gerrit", "Molenkamp", DSV, "Team Revalidatie"),
    "wb.leidennoord": ("Linda", "Sprenkels", DSV, "Wijkteam Leiden-Noord"),
    "wb.hospice": ("Anouk", "Riethoven", TOPAZ, "Team Hospice"),
    "wb.zonnehof": ("Daan", "Oosterbeek", ACTIVITE, "Team Zonnehof"),
    "wb.rijnsburg": ("Mirjam", "Kwakernaak", ACTIVITE, "Wijkteam Rijnsburg"),
}

# Employees with no route role yet: username -> (first, last, organisation, team)
EMPLOYEES = {
    "mw.tulp1": ("Ingrid", "Hoogland", DSV, "Team Tulp"),
    "mw.tulp2": ("Ricardo", "Pinas", DSV, "Team Tulp"),
    "mw.iris": ("Sophie", "Lammers", DSV, "Team Iris"),
    "mw.overrijn": ("Joyce", "Verkerk", TOPAZ, "Team Overrijn"),
    "mw.hospice": ("Kees", "Boogaard", TOPAZ, "Team Hospice"),
    "mw.zonnehof": ("Ayşe", "Yilmaz", ACTIVITE, "Team Zonnehof"),
}

# Assessors of the other departments: username -> (first, last, organisation, department)
OTHER_ASSESSORS = {
    "sb.revalidatie": ("Wilma", "Teeuwen", DSV, "Revalidatie Leythenrode"),
    "sb.thuiszorg": ("Omar", "Haddou", DSV, "Thuiszorg Leiden"),
    "sb.hospice": ("Carola", "Duivenvoorden", TOPAZ, "Hospice Agnes"),
    "sb.zonnehof": ("Henk", "Brouwershaven", ACTIVITE, "Wonen en zorg Zonnehof"),
    "sb.rijnsburg": ("Sabine", "Lageveen", ACTIVITE, "Thuiszorg Rijnsburg"),
}

# Further students: username -> (first, last, cohort, organisation, team)
OTHER_STUDENTS = {
    "s.bloemendaal": ("Lotte", "Bloemendaal", "VIG-3A", DSV, "Team Tulp"),
    "s.ouali": ("Yasmina", "Ouali", "VIG-3A", DSV, "Team Iris"),
    "s.vanderkraan": ("Tim", "van der Kraan", "VIG-3A", DSV, "Team Iris"),
    "s.groenewegen": ("Eva", "Groenewegen", "VIG-3A", DSV, "Team Revalidatie"),
    "s.kaptein": ("Jesse", "Kaptein", "VIG-3A", ACTIVITE, "Team Zonnehof"),
    "s.demir": ("Elif", "Demir", "VIG-3A", ACTIVITE, "Wijkteam Rijnsburg"),
    "s.haasnoot": ("Femke", "Haasnoot", "VIG-3B", DSV, "Wijkteam Leiden-Noord"),
    "s.verbeek": ("Sem", "Verbeek", "VIG-3B", DSV, "Team Revalidatie"),
    "s.tromp": ("Iris", "Tromp", "VIG-3B", ACTIVITE, "Team Zonnehof"),
    "s.nijenhuis": ("Luuk", "Nijenhuis", "VIG-3B", ACTIVITE, "Wijkteam Rijnsburg"),
    "s.amrani": ("Nadia", "Amrani", "VP-4A", TOPAZ, "Team Overrijn"),
    "s.scheltema": ("Bas", "Scheltema", "VP-4A", TOPAZ, "Team Hospice"),
    "s.vlielander": ("Roos", "Vlielander", "VP-4A", TOPAZ, "Team Hospice"),
    "s.doorn": ("Thijs", "Doorn", "VP-4A", ACTIVITE, "Team Zonnehof"),
    "s.kramer": ("Julia", "Kramer", "VP-4A", TOPAZ, "Team Overrijn"),
    "s.boukhari": ("Samir", "Boukhari", "HZW-2A", DSV, "Team Tulp"),
    "s.wijnands": ("Maud", "Wijnands", "HZW-2A", ACTIVITE, "Wijkteam Rijnsburg"),
    "s.lekkerkerker": ("Noah", "Lekkerkerker", "HZW-2A", TOPAZ, "Team Hospice"),
    "s.vandam": ("Zoë", "van Dam", "HZW-2A", DSV, "Wijkteam Leiden-Noord"),
    "s.hoogeveen": ("Mees", "Hoogeveen", "VIG-3B", DSV, "Team Tulp"),
}

# cohort -> (qualification title, teachers)
COHORTS = {
    "VIG-3A": ("Verzorgende IG", ["docent1"]),
    "VIG-3B": ("Verzorgende IG", ["docent1"]),
    "VP-4A": ("Mbo-Verpleegkundige", ["docent2"]),
    "HZW-2A": ("Helpende Zorg en Welzijn", ["docent2"]),
}


def school_year(on: datetime.date) -> str:
    first = on.year if on.month >= 8 else on.year - 1
    return f"{first}-{first + 1}"


def seed(ctx: dict) -> None:
    now = today()
    year_start = datetime.date(int(school_year(now)[:4]), 8, 1)
    placement_start = now - datetime.timedelta(days=60)
    placement_end = now + datetime.timedelta(days=120)

    orgs = {SCHOOL: _org(SCHOOL, Organisation.Kind.SCHOOL)}
    teams: dict[tuple[str, str], Team] = {}
    for org_name, departments in STRUCTURE.items():
        org = orgs[org_name] = _org(org_name, Organisation.Kind.CARE)
        for dept_name, (is_pilot, team_names) in departments.items():
            dept, _ = Department.objects.update_or_create(
                organisation=org, name=dept_name, defaults={"is_pilot": is_pilot}
            )
            for team_name in team_names:
                teams[org_name, team_name] = Team.objects.get_or_create(
                    department=dept, name=team_name
                )[0]

    users = {name: _user(name, *names) for name, names in DEMO_ACCOUNTS.items()}
    admin = users["beheerder"]
    if not (admin.is_staff and admin.is_superuser):
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])

    school = orgs[SCHOOL]
    dsv_tulp = teams[DSV, "Team Tulp"]
    topaz_overrijn = teams[TOPAZ, "Team Overrijn"]
    _role(users["student1"], Role.STUDENT, school, year_start)
    _role(users["student2"], Role.STUDENT, school, year_start)
    _role(users["werkbegeleider1"], Role.MENTOR, orgs[DSV], year_start, team=dsv_tulp)
    _role(users["werkbegeleider2"], Role.MENTOR, orgs[TOPAZ], year_start, team=topaz_overrijn)
    _role(
        users["studentbegeleider1"],
        Role.ASSESSOR,
        orgs[DSV],
        year_start,
        department=dsv_tulp.department,
    )
    _role(
        users["studentbegeleider2"],
        Role.ASSESSOR,
        orgs[TOPAZ],
        year_start,
        department=topaz_overrijn.department,
    )
    _role(users["praktijkopleider1"], Role.PRACTICE_EDUCATOR, orgs[DSV], year_start)
    _role(users["praktijkopleider2"], Role.PRACTICE_EDUCATOR, orgs[TOPAZ], year_start)
    _role(users["docent1"], Role.TEACHER, school, year_start)
    _role(users["docent2"], Role.TEACHER, school, year_start)
    _role(users["trainer"], Role.TRAINER, school, year_start)
    _role(admin, Role.ADMIN, school, year_start)

    mentors_by_team: dict[Team, list[User]] = {dsv_tulp: [users["werkbegeleider1"]]}
    mentors_by_team[topaz_overrijn] = [users["werkbegeleider2"]]
    for username, (first, last, org_name, team_name) in OTHER_MENTORS.items():
        mentor = _user(username, first, last)
        team = teams[org_name, team_name]
        _role(mentor, Role.MENTOR, orgs[org_name], year_start, team=team)
        mentors_by_team.setdefault(team, []).append(mentor)

    for username, (first, last, org_name, team_name) in EMPLOYEES.items():
        _role(
            _user(username, first, last),
            Role.EMPLOYEE,
            orgs[org_name],
            year_start,
            team=teams[org_name, team_name],
        )

    # One assessor for every other department.
    assessors = {
        dsv_tulp.department: users["studentbegeleider1"],
        topaz_overrijn.department: users["studentbegeleider2"],
    }
    for username, (first, last, org_name, dept_name) in OTHER_ASSESSORS.items():
        dept = Department.objects.get(organisation=orgs[org_name], name=dept_name)
        assessors[dept] = _user(username, first, last)
        _role(assessors[dept], Role.ASSESSOR, orgs[org_name], year_start, department=dept)

    cohorts = {}
    for name, (qual_title, teacher_names) in COHORTS.items():
        cohort, _ = Cohort.objects.get_or_create(
            organisation=school, name=name, school_year=school_year(now)
        )
        cohort.teachers.set([users[t] for t in teacher_names])
        cohorts[name] = (cohort, Qualification.objects.get(title=qual_title))

    students = [
        ("student1", "VIG-3A", DSV, "Team Tulp"),
        ("student2", "VP-4A", TOPAZ, "Team Overrijn"),
    ]
    for username, (first, last, cohort_name, org_name, team_name) in OTHER_STUDENTS.items():
        users[username] = _user(username, first, last)
        students.append((username, cohort_name, org_name, team_name))

    for username, cohort_name, org_name, team_name in students:
        student = users[username]
        _role(student, Role.STUDENT, school, year_start)
        cohort, qualification = cohorts[cohort_name]
        Enrollment.objects.get_or_create(
            student=student,
            cohort=cohort,
            start_date=year_start,
            defaults={"qualification": qualification},
        )
        team = teams[org_name, team_name]
        placement = Placement.objects.active(now).filter(student=student).first()
        if placement is None:
            placement = Placement.objects.create(
                student=student, team=team, start_date=placement_start, end_date=placement_end
            )
        placement.team = team
        placement.assessor = assessors[team.department]
        placement.save(update_fields=["team", "assessor"])
        placement.mentors.set(mentors_by_team[team][:1])

    # An earlier, ended placement: history that no one at ActiVite sees now.
    student1_now = Placement.objects.active(now).get(student=users["student1"])
    if not Placement.objects.filter(
        student=users["student1"], end_date__lt=student1_now.start_date
    ).exists():
        Placement.objects.create(
            student=users["student1"],
            team=teams[ACTIVITE, "Team Zonnehof"],
            start_date=student1_now.start_date - datetime.timedelta(days=150),
            end_date=student1_now.start_date - datetime.timedelta(days=1),
        )

    ctx["users"] = users
    ctx["teams"] = teams
    ctx["organisations"] = orgs
    ctx.setdefault("summary", []).extend(
        [
            f"Demo-accounts (wachtwoord: {settings.DEMO_PASSWORD}):",
            *(f"  {name:20} {first} {last}" for name, (first, last) in DEMO_ACCOUNTS.items()),
        ]
    )


def _org(name: str, kind: str) -> Organisation:
    return Organisation.objects.update_or_create(name=name, defaults={"kind": kind})[0]


def _user(username: str, first: str, last: str) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@demo.leerroute.invalid",
        },
    )
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _role(user, role, organisation, start, *, department=None, team=None) -> RoleAssignment:
    if team is not None:
        department = team.department
    return RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        organisation=organisation,
        department=department,
        team=team,
        defaults={"start_date": start},
    )[0]
