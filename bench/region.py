"""Seed a region into the benchmark database, fast (PostgreSQL COPY).

The region, at scale 1.0: 10 care organisations, 200 teams, 5,000 staff,
10,000 students, 200,000 feedback items, 40,000 learning questions and
170,000 progress-review entries, with team trainings for the cascade and a
year of access-log rows. Every count is multiplied by the scale
(``BENCH_SCALE``); the demo data (``seed_demo``) is loaded first, and the
demo accounts get a realistic load inside the region:

- ``werkbegeleider1`` and ``werkbegeleider2``: about 8 students in their team;
- ``studentbegeleider1``/``2``: a department of region teams (about 200 students);
- ``praktijkopleider1``: DSV|verzorgd leven is one of the ten organisations
  (about 1,000 students); ``praktijkopleider2`` the same for Topaz;
- ``docent1``: cohort VIG-3A filled to about 30 students;
- ``trainer`` and ``beheerder``: everything.

Rows are written with explicit ids (taken after the current maximum), then
the id sequences are moved past them.
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from collections import defaultdict

REGION_PREFIX = "r."


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total_steps: int):
        self.total = total_steps
        self.done = 0
        self.start = time.perf_counter()

    def step(self, label: str) -> None:
        self.done += 1
        width = 30
        filled = int(width * self.done / self.total)
        elapsed = time.perf_counter() - self.start
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} {elapsed:6.1f} s  {label:40}")
        sys.stderr.flush()
        if self.done == self.total:
            sys.stderr.write("\n")


class Writer:
    """COPY rows into a model's table with explicit ids."""

    def __init__(self, connection):
        self.connection = connection
        self.cursor = connection.cursor()
        self.next_ids: dict[str, int] = {}

    def ids(self, model, count: int) -> range:
        table = model._meta.db_table
        if table not in self.next_ids:
            self.cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"')
            self.next_ids[table] = self.cursor.fetchone()[0]
        first = self.next_ids[table]
        self.next_ids[table] = first + count
        return range(first, first + count)

    def copy(self, model, columns: list[str], rows) -> int:
        table = model._meta.db_table
        names = {f.column for f in model._meta.concrete_fields}
        if "updated_at" in names and "updated_at" not in columns:
            # Tables that gained ``updated_at`` (changed_since) get it as of now.
            now = datetime.datetime.now(datetime.UTC)
            columns = [*columns, "updated_at"]
            rows = ((*row, now) for row in rows)
        cols = ", ".join(f'"{c}"' for c in columns)
        n = 0
        with self.cursor.cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        return n

    def fix_sequences(self, models) -> None:
        for model in models:
            table = model._meta.db_table
            self.cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
            )


OBSERVE = [
    "Bij de ochtendzorg van mevrouw {n} zag ik dat je eerst uitlegde wat je ging doen.",
    "Tijdens de medicatieronde controleerde je de naam en de geboortedatum van de cliënt.",
    "Bij de overdracht gaf je de bijzonderheden van de nacht kort en volgens SBAR door.",
    "Je hielp meneer {n} bij het opstaan en liet hem zelf zoveel mogelijk doen.",
]
EFFECT = [
    "De cliënt bleef rustig en deed goed mee, zei je zelf.",
    "Je merkte dat de collega van de avonddienst meteen wist wat er speelde.",
    "De cliënt voelde zich serieus genomen.",
]
PAUSE = [
    "Je vertelde dat je je zekerder voelt als je het protocol vooraf leest.",
    "Je gaf aan dat het tempo nog lastig is als het druk is op de afdeling.",
]
SUGGESTIONS = [
    "Volgende week doe je de ronde zelfstandig; ik kijk op afstand mee.",
    "Vraag bij twijfel eerst de cliënt zelf wat die prettig vindt.",
    "Oefen de overdracht twee keer met de SBAR-kaart.",
]
QUESTIONS = [
    "Ik wil leren hoe ik bij een bewoner met diabetes de bloedsuiker prik en de insuline "
    "volgens protocol toedien, zodat ik dat binnen drie weken zelfstandig doe.",
    "Ik wil leren een duidelijke mondelinge overdracht te geven aan de avonddienst met SBAR.",
    "Ik wil leren hoe ik rustig en veilig reageer als een bewoner met dementie onrustig wordt.",
    "Ik wil leren een wond steriel te verbinden en de wond te observeren op infectie.",
]
STEPS = (
    "1. Ik lees het protocol.\n2. Ik kijk twee keer mee met mijn werkbegeleider.\n"
    "3. Ik doe het onder begeleiding en daarna zelfstandig."
)
FIRST = ["Anna", "Bram", "Chayenne", "Daan", "Emma", "Finn", "Hatice", "Ilse", "Jamal", "Kim"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peek"]


def _n(base: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(base * scale))


def seed_region(scale: float, progress: Progress | None = None) -> dict:
    """Write the region (one transaction); returns the counts written."""
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from leerroute.feedback.models import Feedback, ProgressReview, ReviewEntry
    from leerroute.learning.models import LearningQuestion
    from leerroute.people.demo import ACTIVITE, DSV, SCHOOL, TOPAZ, school_year
    from leerroute.people.models import (
        AccessLog,
        Cohort,
        Department,
        Enrollment,
        Organisation,
        Placement,
        Role,
        RoleAssignment,
        Team,
        User,
    )
    from leerroute.qualifications.models import Qualification
    from leerroute.training.models import Attendance, Enrolment, Programme, Session

    step = progress.step if progress else (lambda label: None)
    rng = random.Random(14)
    now = timezone.now()
    today = timezone.localdate()
    year_start = datetime.date(int(school_year(today)[:4]), 8, 1)
    placement_start = today - datetime.timedelta(days=60)
    placement_end = today + datetime.timedelta(days=120)
    password = make_password(settings.DEMO_PASSWORD)

    n_orgs = _n(10, scale, 3)
    n_teams = _n(200, scale, n_orgs)
    n_staff = _n(5000, scale, 10 * n_teams)
    n_students = _n(10000, scale, 10)
    n_feedback = _n(200000, scale)
    n_questions = _n(40000, scale)
    n_entries = _n(170000, scale)
    n_access = _n(100000, scale)
    counts: dict[str, int] = defaultdict(int)

    with transaction.atomic():
        w = Writer(connection)
        school = Organisation.objects.get(name=SCHOOL)
        demo_users = {u.username: u for u in User.objects.exclude(username__startswith="r.")}
        orgs = [Organisation.objects.get(name=name) for name in (DSV, TOPAZ, ACTIVITE)]
        for i in range(len(orgs), n_orgs):
            orgs.append(
                Organisation.objects.create(
                    name=f"Zorggroep Regio {i + 1}", kind=Organisation.Kind.CARE
                )
            )
        # The assessor departments of the demo accounts take the first region teams.
        demo_depts = {
            org.pk: Department.objects.get(organisation=org, name=name)
            for org, name in zip(
                orgs[:2], ["Wonen met zorg De Rijnhof", "Revalidatie en herstel"], strict=True
            )
        }
        step("organisaties")

        # --- departments and teams (4 teams per department) ---
        teams_by_org: dict[int, list[int]] = defaultdict(list)
        for t in range(n_teams):
            teams_by_org[orgs[t % n_orgs].pk].append(t)
        dept_rows, team_rows = [], []
        team_ids = list(w.ids(Team, n_teams))
        team_org: dict[int, int] = {}
        team_dept: dict[int, int] = {}
        dept_of_team_index: dict[int, int] = {}
        for org in orgs:
            indexes = teams_by_org[org.pk]
            for chunk_no, start in enumerate(range(0, len(indexes), 4)):
                chunk = indexes[start : start + 4]
                if chunk_no == 0 and org.pk in demo_depts:
                    dept_id = demo_depts[org.pk].pk
                else:
                    dept_id = w.ids(Department, 1)[0]
                    dept_rows.append(
                        (dept_id, org.pk, f"Locatie {chunk_no + 1} ({org.name})", chunk_no % 3 == 0)
                    )
                for t in chunk:
                    dept_of_team_index[t] = dept_id
        for t in range(n_teams):
            team_id = team_ids[t]
            team_org[team_id] = orgs[t % n_orgs].pk
            team_dept[team_id] = dept_of_team_index[t]
            team_rows.append((team_id, dept_of_team_index[t], f"Regioteam {t + 1}"))
        counts["departments"] = w.copy(
            Department, ["id", "organisation_id", "name", "is_pilot"], dept_rows
        )
        counts["teams"] = w.copy(Team, ["id", "department_id", "name"], team_rows)
        step("afdelingen en teams")

        # --- users ---
        students_per_team = max(1, n_students // n_teams)
        n_cohorts = max(1, -(-n_students // 30))
        n_teachers = max(1, n_cohorts // 3)
        user_ids = list(w.ids(User, n_staff + n_students))
        staff_ids = user_ids[:n_staff]
        student_ids = user_ids[n_staff:]

        def user_row(uid, kind):
            first = FIRST[uid % len(FIRST)]
            last = LAST[(uid // len(FIRST)) % len(LAST)]
            name = f"{REGION_PREFIX}{kind}{uid}"
            return (
                uid, password, None, False, name, first, f"{last} {uid}",
                f"{name}@regio.leerroute.invalid", False, True, now,
            )  # fmt: skip

        columns = [
            "id", "password", "last_login", "is_superuser", "username", "first_name",
            "last_name", "email", "is_staff", "is_active", "date_joined",
        ]  # fmt: skip
        counts["users"] = w.copy(
            User,
            columns,
            [user_row(u, "mw") for u in staff_ids] + [user_row(u, "st") for u in student_ids],
        )
        step("personen")

        # --- staff roles: teachers, practice educators, assessors, mentors, employees ---
        roles = []
        staff_iter = iter(staff_ids)
        teachers = [next(staff_iter) for _ in range(n_teachers)]
        for uid in teachers:
            roles.append((uid, Role.TEACHER, school.pk, None, None))
        for org in orgs:
            for _ in range(2):
                roles.append((next(staff_iter), Role.PRACTICE_EDUCATOR, org.pk, None, None))
        dept_assessor: dict[int, int] = {}
        for dept_id in sorted(set(team_dept.values())):
            uid = next(staff_iter)
            dept_assessor[dept_id] = uid
            org_id = next(team_org[t] for t in team_ids if team_dept[t] == dept_id)
            roles.append((uid, Role.ASSESSOR, org_id, dept_id, None))
        rest = list(staff_iter)
        mentors_by_team: dict[int, list[int]] = defaultdict(list)
        staff_by_team: dict[int, list[int]] = defaultdict(list)
        for k, uid in enumerate(rest):
            team_id = team_ids[k % n_teams]
            # A third of the people in each team are mentors, the rest employees.
            role = Role.MENTOR if (k // n_teams) % 3 == 0 else Role.EMPLOYEE
            if role == Role.MENTOR:
                mentors_by_team[team_id].append(uid)
            staff_by_team[team_id].append(uid)
            roles.append((uid, role, team_org[team_id], team_dept[team_id], team_id))
        for uid in student_ids:
            roles.append((uid, Role.STUDENT, school.pk, None, None))
        role_ids = w.ids(RoleAssignment, len(roles))
        counts["role_assignments"] = w.copy(
            RoleAssignment,
            ["id", "user_id", "role", "organisation_id", "department_id", "team_id",
             "start_date", "end_date"],
            ((rid, *r, year_start, None) for rid, r in zip(role_ids, roles, strict=True)),
        )  # fmt: skip
        step("rollen")

        # --- cohorts and enrolments ---
        qualifications = list(
            Qualification.objects.filter(
                title__in=["Verzorgende IG", "Mbo-Verpleegkundige", "Helpende Zorg en Welzijn"]
            ).prefetch_related("work_processes")
        )
        wps = {q.pk: [wp.pk for wp in q.work_processes.all()] for q in qualifications}
        cohort_ids = list(w.ids(Cohort, n_cohorts))
        year = school_year(today)
        counts["cohorts"] = w.copy(
            Cohort,
            ["id", "organisation_id", "name", "school_year"],
            ((cid, school.pk, f"R-{k + 1:04d}", year) for k, cid in enumerate(cohort_ids)),
        )
        w.copy(
            Cohort.teachers.through,
            ["cohort_id", "user_id"],
            ((cid, teachers[k % n_teachers]) for k, cid in enumerate(cohort_ids)),
        )
        vig3a = Cohort.objects.get(name="VIG-3A", school_year=year)
        vig = next(q for q in qualifications if q.title == "Verzorgende IG")
        vig3a_free = max(0, 30 - vig3a.enrollments.count())
        student_cohort: dict[int, tuple[int, int]] = {}
        for k, uid in enumerate(student_ids):
            if k < vig3a_free:
                student_cohort[uid] = (vig3a.pk, vig.pk)
            else:
                student_cohort[uid] = (cohort_ids[k // 30], qualifications[(k // 30) % 3].pk)
        counts["enrollments"] = w.copy(
            Enrollment,
            ["id", "student_id", "cohort_id", "qualification_id", "start_date", "end_date"],
            (
                (eid, uid, *student_cohort[uid], year_start, None)
                for eid, uid in zip(w.ids(Enrollment, n_students), student_ids, strict=True)
            ),
        )
        step("klassen en inschrijvingen")

        # --- placements: the demo mentors' teams get about 8 students each ---
        demo_teams = []
        for username in ("werkbegeleider1", "werkbegeleider2"):
            ra = RoleAssignment.objects.filter(
                user=demo_users[username], role=Role.MENTOR, team__isnull=False
            ).first()
            if ra:
                placed = Placement.objects.active().filter(team_id=ra.team_id).count()
                demo_teams.append((ra.team_id, demo_users[username].pk, max(0, 8 - placed)))
        for team_id, _mentor, _extra in demo_teams:
            team = Team.objects.select_related("department").get(pk=team_id)
            team_org[team_id] = team.department.organisation_id
            team_dept[team_id] = team.department_id
            assessors = Placement.objects.filter(team_id=team_id).values_list("assessor_id")
            dept_assessor.setdefault(team.department_id, assessors.first()[0])
        student_team: dict[int, int] = {}
        student_mentor: dict[int, int] = {}
        cursor = 0
        for team_id, mentor_id, extra in demo_teams:
            for uid in student_ids[cursor : cursor + extra]:
                student_team[uid] = team_id
                student_mentor[uid] = mentor_id
            cursor += extra
        for k, uid in enumerate(student_ids[cursor:]):
            team_id = team_ids[(k // students_per_team) % n_teams]
            student_team[uid] = team_id
            mentors = mentors_by_team[team_id] or staff_by_team[team_id]
            student_mentor[uid] = mentors[k % len(mentors)]
        placements = []
        current_placement: dict[int, int] = {}
        pids = iter(w.ids(Placement, n_students + (n_students + 2) // 3))
        for k, uid in enumerate(student_ids):
            team_id = student_team[uid]
            pid = next(pids)
            current_placement[uid] = pid
            placements.append(
                (pid, uid, team_id, dept_assessor.get(team_dept[team_id]), placement_start,
                 placement_end)
            )  # fmt: skip
            if k % 3 == 0:  # an earlier placement elsewhere: history nobody there sees now
                other = team_ids[(k * 7 + 3) % n_teams]
                placements.append(
                    (next(pids), uid, other, dept_assessor.get(team_dept[other]),
                     placement_start - datetime.timedelta(days=200),
                     placement_start - datetime.timedelta(days=1))
                )  # fmt: skip
        counts["placements"] = w.copy(
            Placement,
            ["id", "student_id", "team_id", "assessor_id", "start_date", "end_date"],
            placements,
        )
        w.copy(
            Placement.mentors.through,
            ["placement_id", "user_id"],
            ((current_placement[uid], student_mentor[uid]) for uid in student_ids),
        )
        step("BPV-plaatsen")

        # --- feedback ---
        per_student = max(1, n_feedback // n_students)

        feedback_ids = w.ids(Feedback, per_student * n_students)

        def feedback_rows():
            ids = iter(feedback_ids)
            for k, uid in enumerate(student_ids):
                qual = student_cohort[uid][1]
                # A quarter of the students have had no feedback for three weeks.
                newest = 21 if k % 4 == 0 else 0
                for j in range(per_student):
                    at = now - datetime.timedelta(
                        days=newest + rng.random() * (58 - newest), minutes=j
                    )
                    read = at + datetime.timedelta(hours=5) if j % 5 else None
                    yield (
                        next(ids), 1, uid, student_mentor[uid], current_placement[uid],
                        wps[qual][(k + j) % len(wps[qual])], None,
                        OBSERVE[j % 4].format(n=LAST[k % 10]), EFFECT[j % 3], PAUSE[j % 2],
                        SUGGESTIONS[j % 3], j % 17 == 0,
                        "Dank je, ik ga ermee aan de slag." if j % 3 == 0 else "",
                        read if j % 3 == 0 else None, read, at, at,
                    )  # fmt: skip

        counts["feedback"] = w.copy(
            Feedback,
            ["id", "version", "student_id", "author_id", "placement_id", "work_process_id",
             "learning_question_id", "observe", "effect", "pause", "suggestions",
             "client_wellbeing", "student_response", "responded_at", "read_at", "created_at",
             "updated_at"],
            feedback_rows(),
        )  # fmt: skip
        step("feedback")

        # --- learning questions ---
        per_student_q = max(1, n_questions // n_students)
        statuses = ["completed", "approved", "submitted", "draft", "clarification", "resubmitted"]
        lq_ids = list(w.ids(LearningQuestion, per_student_q * n_students))
        lq_wp = []

        def question_rows():
            ids = iter(lq_ids)
            for k, uid in enumerate(student_ids):
                qual = student_cohort[uid][1]
                for j in range(per_student_q):
                    qid = next(ids)
                    status = statuses[(k + j) % len(statuses)] if j else statuses[k % 3]
                    at = now - datetime.timedelta(days=rng.random() * 55, minutes=j)
                    lq_wp.append((qid, wps[qual][(k + j) % len(wps[qual])]))
                    yield (
                        qid, 1, uid, current_placement[uid], qual, QUESTIONS[(k + j) % 4], STEPS,
                        "Voordoen en meekijken.", "", None, "", status, at, at,
                    )  # fmt: skip

        counts["learning_questions"] = w.copy(
            LearningQuestion,
            ["id", "version", "student_id", "placement_id", "qualification_id", "question",
             "steps", "support_requested", "mentor_support", "target_date", "reflection",
             "status", "created_at", "updated_at"],
            question_rows(),
        )  # fmt: skip
        w.copy(LearningQuestion.work_processes.through, ["learningquestion_id", "workprocess_id"],
               lq_wp)  # fmt: skip
        step("leervragen")

        # --- progress reviews: entries for every work process of the qualification ---
        reviews, entries = [], []
        written = 0
        review_ids = iter(w.ids(ProgressReview, n_students * 4))
        levels = ["not_yet_seen", "developing", "at_level", "above_level"]
        for k, uid in enumerate(student_ids):
            if written >= n_entries:
                break
            qual = student_cohort[uid][1]
            target = max(1, round((n_entries - written) / (n_students - k)))
            for r in range(4):
                if written >= n_entries or r * len(wps[qual]) >= target:
                    break
                rid = next(review_ids)
                draft = r == 0 and k % 5 == 0
                on = today - datetime.timedelta(days=7 + 45 * r)
                at = now - datetime.timedelta(days=7 + 45 * r)
                reviews.append(
                    (rid, 1, uid, qual, current_placement[uid],
                     dept_assessor.get(team_dept[student_team[uid]]), on,
                     "Onderbouwing op basis van de feedback van de werkbegeleiders.",
                     "draft" if draft else "published", None if draft else at, at, at)
                )  # fmt: skip
                for n_wp, wp in enumerate(wps[qual]):
                    entries.append((rid, wp, levels[(k + n_wp + r) % 4], ""))
                    written += 1
        counts["reviews"] = w.copy(
            ProgressReview,
            ["id", "version", "student_id", "qualification_id", "placement_id", "author_id",
             "review_date", "summary", "status", "published_at", "created_at", "updated_at"],
            reviews,
        )  # fmt: skip
        counts["review_entries"] = w.copy(
            ReviewEntry,
            ["id", "review_id", "work_process_id", "level", "note"],
            ((eid, *e) for eid, e in zip(w.ids(ReviewEntry, len(entries)), entries, strict=True)),
        )
        step("voortgangsbeoordelingen")

        # --- team trainings: a third completed, a third running, a third none ---
        programmes, sessions, enrolments, attendances = [], [], [], []
        for k, team_id in enumerate(team_ids):
            phase = k % 3
            if phase == 2:
                continue
            pid = w.ids(Programme, 1)[0]
            programmes.append(
                (pid, 1, "team", f"Teamtraining werkbegeleiden {k + 1}", "Elke medewerker kan "
                 "werkbegeleider zijn.", "het team", team_org[team_id], team_id, None, None,
                 now - datetime.timedelta(days=200))
            )  # fmt: skip
            first = now - datetime.timedelta(days=150 if phase == 0 else 20)
            session_ids = list(w.ids(Session, 4))
            registered = []
            for s, sid in enumerate(session_ids):
                starts = first + datetime.timedelta(days=14 * s)
                done = starts < now
                sessions.append(
                    (sid, 1, pid, f"Bijeenkomst {s + 1}", starts,
                     starts + datetime.timedelta(hours=2), "Leslokaal", "",
                     starts + datetime.timedelta(hours=3) if done else None, None)
                )  # fmt: skip
                if done:
                    registered.append(sid)
            for m, uid in enumerate(staff_by_team[team_id]):
                if m % 5 == 4:
                    continue  # not everyone is in the training (yet)
                enrolments.append(
                    (pid, uid, "enrolled", first - datetime.timedelta(days=30),
                     first - datetime.timedelta(days=20), "EMPLOYEE")
                )  # fmt: skip
                for sid in registered:
                    status = "absent" if (m + sid) % 23 == 0 else "present"
                    attendances.append((sid, uid, status))
        counts["programmes"] = w.copy(
            Programme,
            ["id", "version", "kind", "title", "goal", "audience", "organisation_id", "team_id",
             "based_on_id", "created_by_id", "created_at"],
            programmes,
        )  # fmt: skip
        counts["sessions"] = w.copy(
            Session,
            ["id", "version", "programme_id", "topic", "starts_at", "ends_at", "place",
             "online_url", "attendance_registered_at", "attendance_registered_by_id"],
            sessions,
        )  # fmt: skip
        counts["enrolments"] = w.copy(
            Enrolment,
            ["id", "programme_id", "user_id", "status", "invited_at", "enrolled_at", "invited_as"],
            ((i, *e) for i, e in zip(w.ids(Enrolment, len(enrolments)), enrolments, strict=True)),
        )
        counts["attendances"] = w.copy(
            Attendance,
            ["id", "session_id", "user_id", "status"],
            ((i, *a) for i, a in zip(w.ids(Attendance, len(attendances)), attendances,
                                     strict=True)),
        )  # fmt: skip
        step("teamtrainingen")

        # --- a year of access-log rows ---
        access_ids = w.ids(AccessLog, n_access)

        def access_rows():
            for i in access_ids:
                uid = student_ids[i % n_students]
                yield (
                    i,
                    student_mentor[uid],
                    uid,
                    "people:student",
                    "read",
                    "MENTOR",
                    "",
                    "",
                    None,
                    now - datetime.timedelta(minutes=(i * 7) % 525600),
                )

        counts["access_log"] = w.copy(
            AccessLog,
            [
                "id",
                "user_id",
                "student_id",
                "view_name",
                "outcome",
                "roles",
                "organisations",
                "object_type",
                "object_id",
                "at",
            ],
            access_rows(),
        )
        w.fix_sequences(
            [Department, Team, User, RoleAssignment, Cohort, Enrollment, Placement, Feedback,
             LearningQuestion, ProgressReview, ReviewEntry, Programme, Session, Enrolment,
             Attendance, AccessLog]
        )  # fmt: skip
        step("inzagelog")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    step("ANALYZE")
    return dict(counts)


STEPS_TOTAL = 12
