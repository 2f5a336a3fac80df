"""Import people from a table (CSV or XLSX): students, employees, placements.

Column formats: ``docs/import-formats.md``. Every import is planned first:
all rows are validated against the database with a few bulk look-ups (a
constant number of queries whatever the number of rows), and each row gets a
result: new, changed, unchanged, ended or refused (with column and reason in
Dutch). A dry run stops there. A real run writes the plan in one transaction
with bulk inserts and updates, and only when no row is refused: all or
nothing. Importing the same file again plans nothing but "ongewijzigd".

People are matched on their number in the organisation's own system
(``PersonKey``: student number at the school, personnel number at a care
organisation); a number not known yet is linked to the existing account with
the same username, otherwise a new account is made (without a usable
password: the person sets one with "wachtwoord vergeten"). Nobody is ever
deleted: people missing from a full HR file get an end date on their roles.
"""

from __future__ import annotations

import datetime
import secrets
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from leerroute.core import access
from leerroute.core.changes import touch
from leerroute.people import queries as people_queries
from leerroute.people.models import (
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

from . import queries
from .files import Table
from .models import PersonKey

STUDENTS, EMPLOYEES, PLACEMENTS = "studenten", "medewerkers", "bpv"
KINDS = {
    STUDENTS: "studenten (school)",
    EMPLOYEES: "medewerkers (HR)",
    PLACEMENTS: "BPV-plaatsen",
}
REQUIRED = {
    STUDENTS: ["studentnummer", "gebruikersnaam", "voornaam", "achternaam", "klas"],
    EMPLOYEES: ["personeelsnummer", "gebruikersnaam", "voornaam", "achternaam"],
    PLACEMENTS: ["studentnummer", "afdeling", "team", "startdatum"],
}
OPTIONAL = {
    STUDENTS: ["organisatie", "email", "schooljaar", "crebo", "kwalificatie", "startdatum"],
    EMPLOYEES: ["organisatie", "email", "afdeling", "team", "rollen", "startdatum"],
    PLACEMENTS: ["organisatie", "einddatum", "werkbegeleiders", "studentbegeleider"],
}
ROLE_NAMES = {
    "medewerker": Role.EMPLOYEE,
    "werkbegeleider": Role.MENTOR,
    "studentbegeleider": Role.ASSESSOR,
    "praktijkopleider": Role.PRACTICE_EDUCATOR,
}
HR_ROLES = tuple(ROLE_NAMES.values())

CREATED, CHANGED, UNCHANGED, ENDED, REFUSED = (
    "nieuw",
    "gewijzigd",
    "ongewijzigd",
    "beëindigd",
    "geweigerd",
)


@dataclass
class RowResult:
    row: int | None  # the row in the file; None for people ended because missing
    key: str
    name: str
    action: str = UNCHANGED
    changes: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, reason)
    # The person or placement the row is about (unsaved when new; saved once applied).
    subject: object | None = field(default=None, repr=False, compare=False)

    def refuse(self, column: str, reason: str) -> None:
        self.errors.append((column, reason))
        self.action = REFUSED

    def change(self, text: str, created: bool = False) -> None:
        self.changes.append(text)
        if self.action == UNCHANGED:
            self.action = CREATED if created else CHANGED


@dataclass
class Report:
    kind: str
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not any(r.action == REFUSED for r in self.rows)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((CREATED, CHANGED, UNCHANGED, ENDED, REFUSED), 0)
        for r in self.rows:
            counts[r.action] += 1
        return counts

    def errors(self) -> list[tuple[int | None, str, str]]:
        return [(r.row, col, reason) for r in self.rows for col, reason in r.errors]


class ImportRefused(Exception):
    """The whole import is refused (wrong columns, options or rows): nothing written."""

    def __init__(self, message: str, report: Report | None = None):
        self.message = message
        self.report = report
        super().__init__(message)


def detect_kind(header: list[str]) -> str | None:
    """The kind of file its columns say (None: cannot tell)."""
    columns = set(header)
    if "personeelsnummer" in columns:
        return EMPLOYEES
    if "studentnummer" in columns and "klas" in columns:
        return STUDENTS
    if "studentnummer" in columns and "team" in columns:
        return PLACEMENTS
    return None


def run(
    kind: str | None,
    table: Table,
    *,
    by: User | None = None,
    organisation: Organisation | None = None,
    dry_run: bool = True,
    end_missing: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Plan (and unless ``dry_run`` write) the import of ``table``.

    ``by`` is the person importing (pages): they need ``imports.import_people``
    and rows of organisations they may not import for are refused. ``by=None``
    is the management command (an operator: every organisation).
    ``organisation`` is the default for rows without an ``organisatie`` column
    and is required for ``end_missing`` (a full HR file of that organisation).
    Raises ``ImportRefused`` when nothing can be imported; the report then says
    per row why.
    """
    if by is not None:
        access.require(by, "imports.import_people")
        allowed = set(queries.importable_organisations(by).values_list("pk", flat=True))
    else:
        allowed = None
    kind = kind or detect_kind(table.header)
    if kind not in KINDS:
        raise ImportRefused(
            _("Soort bestand onbekend: kies studenten, medewerkers of bpv.")
            if kind
            else _("Uit de kolommen blijkt niet wat voor bestand dit is; kies de soort.")
        )
    missing = [c for c in REQUIRED[kind] if c not in table.header]
    if "organisatie" not in table.header and organisation is None:
        missing.append("organisatie")
    if missing:
        raise ImportRefused(
            _("Kolommen ontbreken: %(columns)s (zie de importformaten).")
            % {"columns": ", ".join(missing)}
        )
    if end_missing and (kind != EMPLOYEES or organisation is None):
        raise ImportRefused(
            _(
                "Beëindigen wie ontbreekt kan alleen bij een volledig medewerkersbestand "
                "van één gekozen organisatie."
            )
        )
    if organisation is not None and allowed is not None and organisation.pk not in allowed:
        raise ImportRefused(_("Je mag niet importeren voor deze organisatie."))
    planner = {STUDENTS: _Students, EMPLOYEES: _Employees, PLACEMENTS: _Placements}[kind](
        table, allowed, organisation, by, progress
    )
    planner.plan()
    if end_missing:
        planner.plan_end_missing()
    report = Report(kind=kind, dry_run=dry_run, rows=planner.results)
    if dry_run:
        return report
    if not report.ok:
        raise ImportRefused(
            _("Niets geïmporteerd: %(n)s regel(s) geweigerd.") % {"n": report.counts()[REFUSED]},
            report,
        )
    with transaction.atomic():
        planner.apply()
    report.applied = True
    return report


# --- parsing helpers ------------------------------------------------------------------


def parse_date(value: str) -> datetime.date | None:
    """JJJJ-MM-DD or DD-MM-JJJJ (also with /); None when empty; ValueError otherwise."""
    value = value.strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return datetime.datetime.strptime(value, fmt).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(value)


def _split(value: str) -> list[str]:
    for sep in (";", "/", "|"):
        value = value.replace(sep, ",")
    return [part.strip() for part in value.split(",") if part.strip()]


def today() -> datetime.date:
    return timezone.localdate()


def current_school_year() -> str:
    """The school year of today, e.g. 2026-2027 (a school year starts on 1 August)."""
    now = today()
    first = now.year if now.month >= 8 else now.year - 1
    return f"{first}-{first + 1}"


def not_ended() -> Q:
    """Periods in force today or starting later (an import compares against these)."""
    return Q(end_date__isnull=True) | Q(end_date__gte=today())


def _end_date_for(start: datetime.date, new_start: datetime.date) -> datetime.date:
    """End a period the day before ``new_start`` (never before its own start)."""
    if new_start <= start:  # also keeps 0001-01-01 from going out of range
        return start
    return new_start - datetime.timedelta(days=1)


# --- planners -------------------------------------------------------------------------


class _Planner:
    """Shared: organisations, people and their keys, the pending writes."""

    person_number_column = "personeelsnummer"

    def __init__(self, table: Table, allowed, organisation, by, progress):
        self.table = table
        self.allowed = allowed
        self.default_org = organisation
        self.by = by
        self.progress = progress or (lambda n: None)
        self.results: list[RowResult] = []
        self.orgs = {o.name.lower(): o for o in Organisation.objects.all()}
        # Pending writes (unsaved instances reference unsaved users where new).
        self.new_users: list[User] = []
        self.changed_users: dict[int, User] = {}
        self.new_keys: list[PersonKey] = []
        self.new_assignments: list[RoleAssignment] = []
        self.ended_assignments: list[RoleAssignment] = []
        self.seen_numbers: dict[tuple[int, str], int] = {}
        # Translated once per import, not once per row (thousands of rows).
        self.msg_new_account = _("nieuw account %(username)s")
        self.msg_role = _("rol %(role)s (%(where)s)")
        self.role_labels = {value: str(label) for value, label in Role.choices}
        self.seen_usernames: dict[str, int] = {}

    def label(self, role: str) -> str:
        return self.role_labels.get(role, role)

    # organisation of a row, checked against what the importer may do
    def organisation(self, result: RowResult, values: dict, kind: str) -> Organisation | None:
        name = values.get("organisatie", "")
        org = self.orgs.get(name.lower()) if name else self.default_org
        if org is None:
            result.refuse(
                "organisatie",
                _("Organisatie '%(name)s' bestaat niet.") % {"name": name}
                if name
                else _("Verplicht."),
            )
            return None
        if self.allowed is not None and org.pk not in self.allowed:
            result.refuse(
                "organisatie",
                _("Je mag alleen voor je eigen organisatie importeren (niet voor %(org)s).")
                % {"org": org.name},
            )
            return None
        if self.default_org is not None and org.pk != self.default_org.pk:
            result.refuse(
                "organisatie",
                _("Hoort niet bij de gekozen organisatie %(org)s.")
                % {"org": self.default_org.name},
            )
            return None
        if org.kind != kind:
            result.refuse(
                "organisatie",
                _("%(org)s is geen school.") % {"org": org.name}
                if kind == Organisation.Kind.SCHOOL
                else _("%(org)s is geen zorgorganisatie.") % {"org": org.name},
            )
            return None
        return org

    def required(self, result: RowResult, values: dict, columns: list[str]) -> None:
        for column in columns:
            if not values.get(column):
                result.refuse(column, _("Verplicht."))

    def date(self, result: RowResult, values: dict, column: str) -> datetime.date | None:
        try:
            return parse_date(values.get(column, ""))
        except ValueError:
            result.refuse(column, _("Geen datum; schrijf JJJJ-MM-DD (of DD-MM-JJJJ)."))
            return None

    # --- people -------------------------------------------------------------------

    def load_people(self, pairs: list[tuple[int, str, str]]) -> None:
        """Bulk look-up of (organisation id, number, username) for all rows."""
        org_ids = {o for o, _n, _u in pairs}
        numbers = {n for _o, n, _u in pairs if n}
        usernames = {u.lower() for _o, _n, u in pairs if u}
        self.keys = {
            (k.organisation_id, k.number): k
            for k in PersonKey.objects.filter(
                organisation_id__in=org_ids, number__in=numbers
            ).select_related("user")
        }
        self.users_by_name = {
            u.username.lower(): u
            for u in User.objects.annotate(lower=Lower("username")).filter(lower__in=usernames)
        }
        self.user_keys = {
            (k.organisation_id, k.user_id): k.number
            for k in PersonKey.objects.filter(
                organisation_id__in=org_ids,
                user_id__in=[u.pk for u in self.users_by_name.values()],
            )
        }
        self.elsewhere = self._tied_elsewhere([u.pk for u in self.users_by_name.values()])

    def _tied_elsewhere(self, user_ids: list[int]) -> set[int]:
        """Accounts an importer limited to some organisations may not link by username:
        beheer accounts and people with a number, role, placement or enrollment
        (also an ended one) at an organisation outside those (their name, e-mail
        and roles are another organisation's business)."""
        if self.allowed is None or not user_ids or people_queries.is_admin(self.by):
            return set()
        allowed = list(self.allowed)
        tied = set(
            User.objects.filter(pk__in=user_ids)
            .filter(Q(is_staff=True) | Q(is_superuser=True))
            .values_list("pk", flat=True)
        )
        for model, user_field, org_field in (
            (PersonKey, "user_id", "organisation_id"),
            (RoleAssignment, "user_id", "organisation_id"),
            (Placement, "student_id", "team__department__organisation_id"),
            (Enrollment, "student_id", "cohort__organisation_id"),
        ):
            tied.update(
                model.objects.filter(**{f"{user_field}__in": user_ids})
                .exclude(**{f"{org_field}__in": allowed})
                .values_list(user_field, flat=True)
            )
        return tied

    def person(self, result: RowResult, org: Organisation, values: dict) -> User | None:
        """The account for this row: known by number, linked by username, or new."""
        number = values.get(self.person_number_column, "")
        username = values.get("gebruikersnaam", "")
        if not number or not username:
            return None
        first = values.get("voornaam", "")
        last = values.get("achternaam", "")
        email = values.get("email", "")
        problems = False
        for column, value in (("voornaam", first), ("achternaam", last)):
            if len(value) > 150:
                result.refuse(column, _("Te lang (meer dan 150 tekens)."))
                problems = True
        if len(number) > 50:
            result.refuse(self.person_number_column, _("Te lang (meer dan 50 tekens)."))
            problems = True
        if email:
            try:
                validate_email(email)
            except ValidationError:
                result.refuse("email", _("Geen geldig e-mailadres."))
                problems = True
        earlier = self.seen_numbers.get((org.pk, number))
        if earlier:
            result.refuse(
                self.person_number_column, _("Komt al voor in rij %(row)s.") % {"row": earlier}
            )
            problems = True
        earlier = self.seen_usernames.get(username.lower())
        if earlier:
            result.refuse("gebruikersnaam", _("Komt al voor in rij %(row)s.") % {"row": earlier})
            problems = True
        self.seen_numbers[(org.pk, number)] = result.row
        self.seen_usernames[username.lower()] = result.row
        if problems:
            return None

        key = self.keys.get((org.pk, number))
        if key is not None:
            user = key.user
            if user.username.lower() != username.lower():
                result.refuse(
                    "gebruikersnaam",
                    _(
                        "Nummer %(number)s hoort bij gebruikersnaam %(username)s; "
                        "een gebruikersnaam wijzig je in het beheer."
                    )
                    % {"number": number, "username": user.username},
                )
                return None
        else:
            user = self.users_by_name.get(username.lower())
            if user is not None and user.pk in self.elsewhere:
                result.refuse(
                    "gebruikersnaam",
                    _(
                        "Gebruikersnaam %(username)s hoort bij iemand van een andere "
                        "organisatie; alleen de beheerder kan dit account koppelen."
                    )
                    % {"username": user.username},
                )
                return None
            if user is not None:
                known = self.user_keys.get((org.pk, user.pk))
                if known:
                    result.refuse(
                        self.person_number_column,
                        _("Gebruikersnaam %(username)s heeft bij %(org)s al nummer %(number)s.")
                        % {"username": user.username, "org": org.name, "number": known},
                    )
                    return None
                self.new_keys.append(PersonKey(organisation=org, number=number, user=user))
                result.change(_("nummer %(number)s gekoppeld") % {"number": number})
            else:
                try:
                    User.username_validator(username)
                    if len(username) > 150:
                        raise ValidationError("")
                except ValidationError:
                    result.refuse(
                        "gebruikersnaam",
                        _("Alleen letters, cijfers en @ . + - _ (hoogstens 150 tekens)."),
                    )
                    return None
                user = User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=email,
                    # Unusable (as make_password(None), without its slow random string).
                    password=UNUSABLE_PASSWORD_PREFIX + secrets.token_hex(20),
                )
                self.new_users.append(user)
                self.new_keys.append(PersonKey(organisation=org, number=number, user=user))
                result.change(self.msg_new_account % {"username": username}, True)
                return user
        changed = []
        if user.first_name != first or user.last_name != last:
            changed.append(_("naam"))
        if email and user.email != email:
            changed.append(_("e-mailadres"))
        if changed:
            user.first_name, user.last_name = first, last
            if email:
                user.email = email
            self.changed_users[user.pk] = user
            result.change(_("gewijzigd: %(what)s") % {"what": ", ".join(changed)})
        return user

    # --- structure ----------------------------------------------------------------

    def load_structure(self, org_ids) -> None:
        departments = Department.objects.filter(organisation_id__in=org_ids)
        self.departments = {(d.organisation_id, d.name.lower()): d for d in departments}
        teams = Team.objects.filter(department__organisation_id__in=org_ids).select_related(
            "department"
        )
        self.teams = {
            (t.department.organisation_id, t.department.name.lower(), t.name.lower()): t
            for t in teams
        }

    def department(self, result, org, values) -> Department | None:
        name = values.get("afdeling", "")
        if not name:
            return None
        department = self.departments.get((org.pk, name.lower()))
        if department is None:
            result.refuse(
                "afdeling",
                _("Afdeling '%(name)s' bestaat niet bij %(org)s; maak die eerst aan in het beheer.")
                % {"name": name, "org": org.name},
            )
        return department

    def team(self, result, org, values) -> Team | None:
        name = values.get("team", "")
        if not name:
            return None
        department = values.get("afdeling", "")
        if not department:
            result.refuse("afdeling", _("Verplicht bij een team."))
            return None
        team = self.teams.get((org.pk, department.lower(), name.lower()))
        if team is None and (org.pk, department.lower()) in self.departments:
            result.refuse(
                "team",
                _("Team '%(team)s' bestaat niet in afdeling %(dept)s; maak het eerst aan.")
                % {"team": name, "dept": department},
            )
        return team

    def _org_of(self, values):
        name = values.get("organisatie", "")
        return self.orgs.get(name.lower()) if name else self.default_org

    def orgs_in_file(self) -> set[int]:
        ids = set()
        for row in self.table.rows:
            name = row.values.get("organisatie", "")
            org = self.orgs.get(name.lower()) if name else self.default_org
            if org is not None:
                ids.add(org.pk)
        return ids

    def plan_end_missing(self) -> None:  # pragma: no cover - only employees support it
        raise NotImplementedError

    def apply(self) -> None:
        # Bulk writes skip auto_now and signals: updated_at is set here (core/changes.py).
        now = timezone.now()
        User.objects.bulk_create(self.new_users, batch_size=1000)
        if self.changed_users:
            for user in self.changed_users.values():
                user.updated_at = now
            User.objects.bulk_update(
                list(self.changed_users.values()),
                ["first_name", "last_name", "email", "updated_at"],
                batch_size=1000,
            )
        PersonKey.objects.bulk_create(self.new_keys, batch_size=1000)
        RoleAssignment.objects.bulk_create(self.new_assignments, batch_size=1000)
        RoleAssignment.objects.bulk_update(self.ended_assignments, ["end_date"], batch_size=1000)
        # A person changes with their roles.
        _touch(User, {a.user_id for a in [*self.new_assignments, *self.ended_assignments]}, now)


def _touch(model, pks: set, now) -> None:
    """Mark these rows as changed (``updated_at``), a batch at a time."""
    pks = sorted(pk for pk in pks if pk is not None)
    for start in range(0, len(pks), 500):
        touch(model.objects.filter(pk__in=pks[start : start + 500]), now)


def _ends_by_today(assignment: RoleAssignment) -> bool:
    """Ended already (an end date today at the latest): nothing for an import to end."""
    return assignment.end_date is not None and assignment.end_date <= today()


def _scope_key(role: str, department_id, team_id) -> tuple:
    """What makes two assignments of a role the same, for the import."""
    if role in (Role.EMPLOYEE, Role.MENTOR):
        return (role, team_id)
    if role == Role.ASSESSOR:
        return (role, department_id)
    return (role,)


class _Employees(_Planner):
    """HR file: every employee with team and roles (none: "medewerker")."""

    def plan(self) -> None:
        rows = self.table.rows
        parsed = []
        org_ids = self.orgs_in_file()
        self.load_structure(org_ids)
        self.load_people(
            [
                (o.pk, r.values.get("personeelsnummer", ""), r.values.get("gebruikersnaam", ""))
                for r in rows
                for o in [self._org_of(r.values)]
                if o is not None
            ]
        )
        known_ids = {k.user_id for k in self.keys.values()} | {
            u.pk for u in self.users_by_name.values()
        }
        self.current = defaultdict(list)
        for a in RoleAssignment.objects.filter(
            not_ended(), user_id__in=known_ids, organisation_id__in=org_ids, role__in=HR_ROLES
        ):
            self.current[(a.user_id, a.organisation_id)].append(a)
        self.in_file: set[tuple[int, int]] = set()
        for row in rows:
            values = row.values
            result = RowResult(
                row.number,
                values.get("personeelsnummer", ""),
                f"{values.get('voornaam', '')} {values.get('achternaam', '')}".strip(),
            )
            self.results.append(result)
            self.required(result, values, REQUIRED[EMPLOYEES])
            org = self.organisation(result, values, Organisation.Kind.CARE)
            if org is None:
                self.progress(1)
                continue
            roles = []
            for name in _split(values.get("rollen", "")) or ["medewerker"]:
                role = ROLE_NAMES.get(name.lower())
                if role is None:
                    result.refuse(
                        "rollen",
                        _("Onbekende rol '%(name)s'; kies uit: %(known)s.")
                        % {"name": name, "known": ", ".join(ROLE_NAMES)},
                    )
                elif role not in roles:
                    roles.append(role)
            department = self.department(result, org, values)
            team = self.team(result, org, values)
            start = self.date(result, values, "startdatum")
            wanted = {}
            for role in roles:
                if role in (Role.EMPLOYEE, Role.MENTOR) and team is None:
                    if not values.get("team"):
                        result.refuse(
                            "team",
                            _("Verplicht voor de rol %(role)s.") % {"role": self.label(role)},
                        )
                    continue
                if role == Role.ASSESSOR and department is None:
                    if not values.get("afdeling"):
                        result.refuse("afdeling", _("Verplicht voor de rol studentbegeleider."))
                    continue
                dept_id = department.pk if role == Role.ASSESSOR else None
                team_id = team.pk if role in (Role.EMPLOYEE, Role.MENTOR) else None
                wanted[_scope_key(role, dept_id, team_id)] = (role, dept_id, team_id)
            user = self.person(result, org, values)
            if result.action == REFUSED or user is None:
                self.progress(1)
                continue
            parsed.append(row)
            result.subject = user
            existing = self.current.get((user.pk, org.pk), []) if user.pk else []
            if user.pk:
                self.in_file.add((user.pk, org.pk))
            # A role that ends today (ended by an earlier import of today) is not
            # ended again, and a row naming it again starts it anew.
            have = {
                _scope_key(a.role, a.department_id, a.team_id): a
                for a in existing
                if not _ends_by_today(a)
            }
            for key, (role, dept_id, team_id) in wanted.items():
                if key in have:
                    continue
                self.new_assignments.append(
                    RoleAssignment(
                        user=user,
                        role=role,
                        organisation=org,
                        department_id=dept_id,
                        team_id=team_id,
                        start_date=start or today(),
                    )
                )
                where = team.name if team_id else department.name if dept_id else org.name
                result.change(
                    self.msg_role % {"role": self.label(role), "where": where},
                    created=not user.pk,
                )
            for key, assignment in have.items():
                if key not in wanted:
                    self._end(assignment, result)
            self.progress(1)

    def _end(self, assignment: RoleAssignment, result: RowResult) -> None:
        assignment.end_date = _end_date_for(assignment.start_date, today())
        self.ended_assignments.append(assignment)
        result.change(
            _("rol %(role)s beëindigd per %(date)s")
            % {"role": self.label(assignment.role), "date": assignment.end_date.isoformat()}
        )

    def plan_end_missing(self) -> None:
        org = self.default_org
        missing = (
            RoleAssignment.objects.filter(not_ended(), organisation=org, role__in=HR_ROLES)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "pk")
        )
        keys = dict(PersonKey.objects.filter(organisation=org).values_list("user_id", "number"))
        by_user: dict[int, RowResult] = {}
        for assignment in missing:
            if (assignment.user_id, org.pk) in self.in_file or _ends_by_today(assignment):
                continue
            if self.by is not None and assignment.user_id == self.by.pk:
                continue  # never end the importing person's own roles
            result = by_user.get(assignment.user_id)
            if result is None:
                user = assignment.user
                result = RowResult(None, keys.get(user.pk, ""), user.get_full_name())
                result.action = ENDED
                by_user[assignment.user_id] = result
                self.results.append(result)
            assignment.end_date = _end_date_for(assignment.start_date, today())
            self.ended_assignments.append(assignment)
            result.changes.append(
                _("rol %(role)s beëindigd per %(date)s")
                % {"role": self.label(assignment.role), "date": assignment.end_date.isoformat()}
            )


class _Students(_Planner):
    """School file: students with cohort (klas) and qualification."""

    person_number_column = "studentnummer"

    def plan(self) -> None:
        rows = self.table.rows
        org_ids = self.orgs_in_file()
        cohorts = Cohort.objects.filter(organisation_id__in=org_ids)
        self.cohorts = {(c.organisation_id, c.name.lower(), c.school_year): c for c in cohorts}
        by_crebo: dict[str, list[Qualification]] = defaultdict(list)
        by_title: dict[str, list[Qualification]] = defaultdict(list)
        for q in Qualification.objects.all():
            if q.crebo:
                by_crebo[q.crebo].append(q)
            by_title[q.title.lower()].append(q)
        self.load_people(
            [
                (o.pk, r.values.get("studentnummer", ""), r.values.get("gebruikersnaam", ""))
                for r in rows
                for o in [self._org_of(r.values)]
                if o is not None
            ]
        )
        known_ids = {k.user_id for k in self.keys.values()} | {
            u.pk for u in self.users_by_name.values()
        }
        student_roles = {
            (a.user_id, a.organisation_id)
            for a in RoleAssignment.objects.filter(
                not_ended(), user_id__in=known_ids, role=Role.STUDENT
            )
        }
        enrollments = defaultdict(list)
        for e in Enrollment.objects.filter(
            not_ended(), student_id__in=known_ids, cohort__organisation_id__in=org_ids
        ):
            enrollments[e.student_id].append(e)
        self.new_enrollments: list[Enrollment] = []
        self.changed_enrollments: list[Enrollment] = []
        for row in rows:
            values = row.values
            result = RowResult(
                row.number,
                values.get("studentnummer", ""),
                f"{values.get('voornaam', '')} {values.get('achternaam', '')}".strip(),
            )
            self.results.append(result)
            self.required(result, values, REQUIRED[STUDENTS])
            org = self.organisation(result, values, Organisation.Kind.SCHOOL)
            if org is None:
                self.progress(1)
                continue
            cohort = None
            year = values.get("schooljaar") or current_school_year()
            if values.get("klas"):
                cohort = self.cohorts.get((org.pk, values["klas"].lower(), year))
                if cohort is None:
                    result.refuse(
                        "klas",
                        _(
                            "Klas '%(name)s' (%(year)s) bestaat niet bij %(org)s; "
                            "maak die eerst aan in het beheer."
                        )
                        % {"name": values["klas"], "year": year, "org": org.name},
                    )
            qualification = None
            crebo, title = values.get("crebo", ""), values.get("kwalificatie", "")
            if crebo:
                found = by_crebo.get(crebo, [])
                if len(found) != 1:
                    result.refuse(
                        "crebo",
                        _("Geen kwalificatie met crebo %(crebo)s.") % {"crebo": crebo}
                        if not found
                        else _("Crebo %(crebo)s hoort bij meer kwalificaties; gebruik de titel.")
                        % {"crebo": crebo},
                    )
                else:
                    qualification = found[0]
            elif title:
                found = by_title.get(title.lower(), [])
                if len(found) != 1:
                    result.refuse(
                        "kwalificatie",
                        _("Geen (of meer dan één) kwalificatie met de titel '%(title)s'.")
                        % {"title": title},
                    )
                else:
                    qualification = found[0]
            else:
                result.refuse("crebo", _("Vul crebo of kwalificatie in."))
            start = self.date(result, values, "startdatum") or today()
            user = self.person(result, org, values)
            if result.action == REFUSED or user is None or cohort is None:
                self.progress(1)
                continue
            is_new = not user.pk
            result.subject = user
            if is_new or (user.pk, org.pk) not in student_roles:
                self.new_assignments.append(
                    RoleAssignment(user=user, role=Role.STUDENT, organisation=org, start_date=start)
                )
                result.change(_("rol student"), created=is_new)
            current = enrollments.get(user.pk, []) if user.pk else []
            same = next((e for e in current if e.cohort_id == cohort.pk), None)
            if same is not None:
                if same.qualification_id != qualification.pk:
                    same.qualification = qualification
                    self.changed_enrollments.append(same)
                    result.change(_("kwalificatie %(q)s") % {"q": qualification.title})
            else:
                for e in current:
                    e.end_date = _end_date_for(e.start_date, start)
                    self.changed_enrollments.append(e)
                    result.change(_("inschrijving in een andere klas beëindigd"))
                self.new_enrollments.append(
                    Enrollment(
                        student=user, cohort=cohort, qualification=qualification, start_date=start
                    )
                )
                result.change(
                    _("ingeschreven in %(cohort)s") % {"cohort": cohort.name}, created=is_new
                )
            self.progress(1)

    def apply(self) -> None:
        super().apply()
        Enrollment.objects.bulk_create(self.new_enrollments, batch_size=1000)
        Enrollment.objects.bulk_update(
            self.changed_enrollments, ["end_date", "qualification"], batch_size=1000
        )


class _Placements(_Planner):
    """Placements (BPV-plaatsen) with their mentors and assessor."""

    def plan(self) -> None:
        rows = self.table.rows
        org_ids = self.orgs_in_file()
        self.load_structure(org_ids)
        student_refs = {r.values.get("studentnummer", "") for r in rows} - {""}
        staff_refs = set()
        for r in rows:
            staff_refs.update(_split(r.values.get("werkbegeleiders", "")))
            if r.values.get("studentbegeleider"):
                staff_refs.add(r.values["studentbegeleider"])
        schools = [o.pk for o in self.orgs.values() if o.is_school]
        student_keys = defaultdict(list)
        for k in PersonKey.objects.filter(
            organisation_id__in=schools, number__in=student_refs
        ).select_related("user"):
            student_keys[k.number].append(k.user)
        lowered = {s.lower() for s in student_refs | staff_refs}
        by_username = {
            u.username.lower(): u
            for u in User.objects.annotate(lower=Lower("username")).filter(lower__in=lowered)
        }
        staff_keys = {
            (k.organisation_id, k.number): k.user
            for k in PersonKey.objects.filter(
                organisation_id__in=org_ids, number__in=staff_refs
            ).select_related("user")
        }
        candidates = {u.pk for users in student_keys.values() for u in users} | {
            u.pk for u in by_username.values()
        }
        students = set(
            RoleAssignment.objects.active()
            .filter(role=Role.STUDENT, user_id__in=candidates)
            .values_list("user_id", flat=True)
        )
        employees = {
            (a.user_id, a.organisation_id)
            for a in RoleAssignment.objects.active().filter(
                role__in=HR_ROLES,
                organisation_id__in=org_ids,
                user_id__in=candidates | {u.pk for u in staff_keys.values()},
            )
        }
        placements = defaultdict(list)
        for p in Placement.objects.filter(student_id__in=students).prefetch_related("mentors"):
            placements[p.student_id].append(p)
        self.new_placements: list[Placement] = []
        self.changed_placements: list[Placement] = []
        self.mentor_links: list[tuple[Placement, User]] = []
        self.mentor_unlinks: list[tuple[int, int]] = []
        seen: dict[tuple[int, datetime.date], int] = {}
        for row in rows:
            values = row.values
            result = RowResult(row.number, values.get("studentnummer", ""), "")
            self.results.append(result)
            self.required(result, values, REQUIRED[PLACEMENTS])
            org = self.organisation(result, values, Organisation.Kind.CARE)
            if org is None:
                self.progress(1)
                continue
            self.department(result, org, values)
            team = self.team(result, org, values)
            start = self.date(result, values, "startdatum")
            end = self.date(result, values, "einddatum")
            if start and end and end < start:
                result.refuse("einddatum", _("Ligt vóór de startdatum."))
            student = None
            ref = values.get("studentnummer", "")
            if ref:
                found = student_keys.get(ref) or (
                    [by_username[ref.lower()]] if ref.lower() in by_username else []
                )
                if len(found) > 1:
                    result.refuse("studentnummer", _("Dit nummer bestaat bij meer scholen."))
                elif not found or found[0].pk not in students:
                    result.refuse(
                        "studentnummer",
                        _("Geen student met nummer of gebruikersnaam '%(ref)s'.") % {"ref": ref},
                    )
                else:
                    student = found[0]
                    result.name = student.get_full_name()

            def staff(column, ref, org=org, result=result):
                user = staff_keys.get((org.pk, ref)) or by_username.get(ref.lower())
                if user is None or (user.pk, org.pk) not in employees:
                    result.refuse(
                        column,
                        _("'%(ref)s' is geen medewerker van %(org)s.")
                        % {"ref": ref, "org": org.name},
                    )
                    return None
                return user

            refs = _split(values.get("werkbegeleiders", ""))
            mentors = [staff("werkbegeleiders", r) for r in refs]
            assessor = (
                staff("studentbegeleider", values["studentbegeleider"])
                if values.get("studentbegeleider")
                else None
            )
            if result.action == REFUSED or student is None or team is None or start is None:
                self.progress(1)
                continue
            earlier = seen.get((student.pk, start))
            if earlier:
                result.refuse("startdatum", _("Komt al voor in rij %(row)s.") % {"row": earlier})
                self.progress(1)
                continue
            seen[(student.pk, start)] = row.number
            existing = next((p for p in placements[student.pk] if p.start_date == start), None)
            overlap = [
                p
                for p in placements[student.pk]
                if p is not existing
                and (p.end_date is None or p.end_date >= start)
                and (end is None or p.start_date <= end)
            ]
            if overlap:
                result.refuse(
                    "startdatum",
                    _("Overlapt met een andere BPV-plaats van deze student (vanaf %(date)s).")
                    % {"date": overlap[0].start_date.isoformat()},
                )
                self.progress(1)
                continue
            wanted_mentors = {m.pk: m for m in mentors}
            if existing is None:
                placement = Placement(
                    student=student, team=team, start_date=start, end_date=end, assessor=assessor
                )
                placements[student.pk].append(placement)
                self.new_placements.append(placement)
                result.subject = placement
                self.mentor_links += [(placement, m) for m in wanted_mentors.values()]
                result.change(_("nieuwe BPV-plaats bij %(team)s") % {"team": team.name}, True)
            else:
                result.subject = existing
                changed = False
                if existing.team_id != team.pk:
                    existing.team = team
                    result.change(_("team %(team)s") % {"team": team.name})
                    changed = True
                if existing.end_date != end:
                    existing.end_date = end
                    result.change(_("einddatum %(date)s") % {"date": end or "-"})
                    changed = True
                if existing.assessor_id != (assessor.pk if assessor else None):
                    existing.assessor = assessor
                    result.change(_("studentbegeleider"))
                    changed = True
                if changed:
                    self.changed_placements.append(existing)
                have = {m.pk for m in existing.mentors.all()}
                if have != set(wanted_mentors):
                    self.mentor_links += [
                        (existing, m) for pk, m in wanted_mentors.items() if pk not in have
                    ]
                    self.mentor_unlinks += [
                        (existing.pk, pk) for pk in have if pk not in wanted_mentors
                    ]
                    result.change(_("werkbegeleiders"))
            self.progress(1)

    def apply(self) -> None:
        super().apply()
        Placement.objects.bulk_create(self.new_placements, batch_size=1000)
        now = timezone.now()
        for placement in self.changed_placements:
            placement.updated_at = now
        Placement.objects.bulk_update(
            self.changed_placements, ["team", "end_date", "assessor", "updated_at"], batch_size=1000
        )
        through = Placement.mentors.through
        if self.mentor_unlinks:
            q = Q()
            for placement_id, user_id in self.mentor_unlinks:
                q |= Q(placement_id=placement_id, user_id=user_id)
            through.objects.filter(q).delete()
        through.objects.bulk_create(
            [through(placement_id=p.pk, user_id=u.pk) for p, u in self.mentor_links],
            batch_size=1000,
        )
        # A placement changes with its mentors.
        _touch(
            Placement,
            {p.pk for p, _u in self.mentor_links} | {pk for pk, _u in self.mentor_unlinks},
            now,
        )
