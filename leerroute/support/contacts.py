"""Whom to ask, for what, and how: the one source of "Bij wie kan ik terecht?".

``contacts_for(user)`` derives a person's contacts from what is recorded
already (placements, role assignments, cohorts, intervision groups); nothing
is typed twice. The support page, the 403 page and empty states all use it
(``ask(user, kinds)`` picks the first people to ask).

Per role held now:

- student: the mentor(s) and assessor of the current placement, the
  teachers of their cohort(s), the practice educators of the placement's
  organisation;
- mentor (werkbegeleider): the practice educators of their organisation, the
  assessor(s) of their department and of their students' placements, their
  intervision group(s) (facilitator and the other members), the teachers of
  their students;
- assessor (studentbegeleider): the practice educators of their
  organisation, the mentors and teachers of the students they cover;
- practice educator: the trainers, the teachers of the students placed in
  their organisation, the members of the groups they facilitate;
- teacher: the mentors, assessors and practice educators of their students;
- trainer and functional administrator: the practice educators of the care
  organisations (and the trainers, for the administrator);
- employee (medewerker): the practice educators of their organisation;
- everyone: the functional administrator(s), for account questions.

Only people reached through these relations appear, never oneself. Contact
details are only those the person shared (``ContactCard``); the rest is the
name and role. The number of queries does not depend on how many contacts
there are. The result is cached on the user object for one request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerroute.people import queries as people
from leerroute.people.models import (
    Cohort,
    Enrollment,
    Organisation,
    Placement,
    Role,
    RoleAssignment,
    User,
)

from .models import ContactCard

# kind -> (order, heading on the page, role label after a name)
KINDS = {
    "mentor": (10, gettext_lazy("Werkbegeleiders"), gettext_lazy("werkbegeleider")),
    "assessor": (20, gettext_lazy("Studentbegeleiders"), gettext_lazy("studentbegeleider")),
    "teacher": (30, gettext_lazy("Docenten"), gettext_lazy("docent")),
    "practice_educator": (
        40,
        gettext_lazy("Praktijkopleiders"),
        gettext_lazy("praktijkopleider"),
    ),
    "facilitator": (
        50,
        gettext_lazy("Begeleider van je intervisiegroep"),
        gettext_lazy("begeleider intervisie"),
    ),
    "peer": (
        60,
        gettext_lazy("Je intervisiegroep"),
        gettext_lazy("deelnemer intervisie"),
    ),
    "trainer": (70, gettext_lazy("Trainers"), gettext_lazy("trainer")),
    "admin": (
        90,
        gettext_lazy("Functioneel beheer"),
        gettext_lazy("functioneel beheerder"),
    ),
}


@dataclass
class Contact:
    person: User
    kind: str
    purpose: str  # waarvoor: one line, Dutch
    about: list[str] = field(default_factory=list)  # through whom or what: a student, a team
    card: ContactCard | None = None

    @property
    def order(self) -> int:
        return KINDS[self.kind][0]

    @property
    def heading(self) -> str:
        return str(KINDS[self.kind][1])

    @property
    def role(self) -> str:
        return str(KINDS[self.kind][2])

    @property
    def email(self) -> str:
        return self.card.work_email if self.card else ""

    @property
    def phone(self) -> str:
        return self.card.work_phone if self.card else ""

    @property
    def phone_href(self) -> str:
        return self.card.phone_href if self.card else ""

    @property
    def availability(self) -> str:
        return self.card.availability if self.card else ""


@dataclass
class Section:
    kind: str
    heading: str
    contacts: list[Contact]


class _Found:
    """Contacts by (kind, person): the first purpose wins, ``about`` is merged."""

    def __init__(self, user):
        self.user = user
        self.rows: dict[tuple[str, int], Contact] = {}

    def add(self, person, kind: str, purpose: str, about: str = "") -> None:
        if person is None or person.pk == self.user.pk or not person.is_active:
            return
        contact = self.rows.get((kind, person.pk))
        if contact is None:
            contact = self.rows[kind, person.pk] = Contact(person, kind, purpose)
        if about and about not in contact.about:
            contact.about.append(about)


def _active_placements():
    return (
        Placement.objects.active()
        .select_related("student", "assessor", "team__department__organisation")
        .prefetch_related("mentors")
    )


def _cohort_teachers(student_ids) -> list[Enrollment]:
    return list(
        Enrollment.objects.active()
        .filter(student_id__in=student_ids)
        .select_related("cohort", "student")
        .prefetch_related("cohort__teachers")
    )


def contacts_for(user) -> list[Contact]:
    """Everyone ``user`` can turn to, ordered by kind and name (cached per request)."""
    cached = getattr(user, "_leerroute_contacts", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    found = _Found(user)
    scopes = people.scopes(user)
    held = {s.role for s in scopes}
    # Role holders to look up, in one query at the end: (condition, handler).
    wanted: list[tuple[Q, callable]] = []

    def pe_of(org_ids, purpose):
        org_ids = set(org_ids)
        if org_ids:
            wanted.append(
                (
                    Q(role=Role.PRACTICE_EDUCATOR, organisation_id__in=org_ids),
                    lambda a: (
                        a.role == Role.PRACTICE_EDUCATOR
                        and a.organisation_id in org_ids
                        and found.add(a.user, "practice_educator", purpose, a.organisation.name)
                    ),
                )
            )

    if Role.STUDENT in held:
        placement = _active_placements().filter(student=user).first()
        if placement is not None:
            team = placement.team
            for mentor in placement.mentors.all():
                found.add(
                    mentor,
                    "mentor",
                    _(
                        "Je dagelijkse begeleiding: je leervragen, feedback en vragen "
                        "op de werkvloer."
                    ),
                    team.name,
                )
            found.add(
                placement.assessor,
                "assessor",
                _("Je voortgang per werkproces en de beoordeling daarvan."),
                team.department.name,
            )
            pe_of(
                [team.department.organisation_id],
                _("Vragen over je BPV-plaats en de leerroute in de organisatie."),
            )
        for enrollment in _cohort_teachers([user.pk]):
            for teacher in enrollment.cohort.teachers.all():
                found.add(
                    teacher,
                    "teacher",
                    _("School en je studieloopbaan: lessen, planning en de driegesprekken."),
                    _("klas %(cohort)s") % {"cohort": enrollment.cohort.name},
                )

    staff_students: dict[int, str] = {}  # students of a mentor or assessor: whose teachers
    if Role.MENTOR in held:
        pe_of(
            [s.organisation_id for s in scopes if s.role == Role.MENTOR],
            _("Je rol als werkbegeleider, de training in je team en intervisie."),
        )
        departments = {s.department_id for s in scopes if s.role == Role.MENTOR} - {None}
        mentor_orgs = {s.organisation_id for s in scopes if s.role == Role.MENTOR}
        assessor_purpose = _("De voortgang en beoordeling van je studenten.")
        wanted.append(
            (
                Q(role=Role.ASSESSOR, department_id__in=departments)
                | Q(role=Role.ASSESSOR, organisation_id__in=mentor_orgs, department=None),
                lambda a: (
                    a.role == Role.ASSESSOR
                    and (
                        a.department_id in departments
                        or (a.department_id is None and a.organisation_id in mentor_orgs)
                    )
                    and found.add(
                        a.user, "assessor", assessor_purpose, (a.department or a.organisation).name
                    )
                ),
            )
        )
        for placement in _active_placements().filter(mentors=user):
            staff_students[placement.student_id] = str(placement.student)
            found.add(
                placement.assessor,
                "assessor",
                assessor_purpose,
                str(placement.student),
            )

    if Role.ASSESSOR in held:
        pe_of(
            [s.organisation_id for s in scopes if s.role == Role.ASSESSOR],
            _("Coaching als studentbegeleider en vragen over het beoordelen."),
        )
        q = people.assessor_placements_q(user)
        for placement in _active_placements().filter(q).order_by("student__last_name"):
            staff_students[placement.student_id] = str(placement.student)
            for mentor in placement.mentors.all():
                found.add(
                    mentor,
                    "mentor",
                    _("Input voor de voortgang: hoe het op de werkvloer gaat."),
                    str(placement.student),
                )

    if staff_students:
        for enrollment in _cohort_teachers(staff_students):
            for teacher in enrollment.cohort.teachers.all():
                found.add(
                    teacher,
                    "teacher",
                    _("Wat er op school speelt en afspraken over je student."),
                    str(enrollment.student),
                )

    if Role.PRACTICE_EDUCATOR in held:
        org_ids = {s.organisation_id for s in scopes if s.role == Role.PRACTICE_EDUCATOR}
        placed = Placement.objects.active().filter(team__department__organisation_id__in=org_ids)
        cohorts = Cohort.objects.filter(
            pk__in=Enrollment.objects.active()
            .filter(student_id__in=placed.values("student_id"))
            .values("cohort_id")
        ).prefetch_related("teachers")
        for cohort in cohorts:
            for teacher in cohort.teachers.all():
                found.add(
                    teacher,
                    "teacher",
                    _("Afspraken over de BPV van studenten uit deze klas en de driegesprekken."),
                    _("klas %(cohort)s") % {"cohort": cohort.name},
                )
        wanted.append(
            (
                Q(role=Role.TRAINER),
                lambda a: (
                    a.role == Role.TRAINER
                    and found.add(
                        a.user,
                        "trainer",
                        _("Het train-de-trainerprogramma en materialen voor de cascade."),
                    )
                ),
            )
        )

    if Role.TEACHER in held:
        student_ids = Enrollment.objects.active().filter(cohort__teachers=user).values("student_id")
        placements = list(
            _active_placements().filter(student_id__in=student_ids).order_by("student__last_name")
        )
        for placement in placements:
            student = placement.student
            for mentor in placement.mentors.all():
                found.add(
                    mentor,
                    "mentor",
                    _("Hoe het met je student gaat op de werkvloer."),
                    str(student),
                )
            found.add(
                placement.assessor,
                "assessor",
                _("De voortgang en beoordeling van je student."),
                str(student),
            )
        pe_of(
            [p.team.department.organisation_id for p in placements],
            _("De BPV-plaatsen in de organisatie en de driegesprekken."),
        )

    if held & {Role.TRAINER, Role.ADMIN}:
        care = set(
            Organisation.objects.filter(kind=Organisation.Kind.CARE).values_list("pk", flat=True)
        )
        pe_of(care, _("Aanspreekpunt van de organisatie voor de leerroute en de cascade."))
    if Role.ADMIN in held:
        wanted.append(
            (
                Q(role=Role.TRAINER),
                lambda a: (
                    a.role == Role.TRAINER
                    and found.add(a.user, "trainer", _("De trainingen en het materiaal."))
                ),
            )
        )

    if Role.EMPLOYEE in held:
        pe_of(
            [s.organisation_id for s in scopes if s.role == Role.EMPLOYEE],
            _("Werkbegeleider worden: de training in je team (de cascade)."),
        )

    if held & {Role.MENTOR, Role.ASSESSOR, Role.PRACTICE_EDUCATOR}:
        _intervision(user, found)

    # Everyone: the functional administrator, for account questions.
    wanted.append(
        (
            Q(role=Role.ADMIN),
            lambda a: (
                a.role == Role.ADMIN
                and found.add(
                    a.user,
                    "admin",
                    _("Je account, inloggen, je rollen en je gegevens in Leerroute."),
                )
            ),
        )
    )
    condition = people.any_of(*(q for q, _handler in wanted))
    assignments = (
        RoleAssignment.objects.active()
        .filter(condition)
        .select_related("user", "organisation", "department")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    for assignment in assignments:
        for _q, handler in wanted:
            handler(assignment)

    contacts = sorted(
        found.rows.values(),
        key=lambda c: (c.order, c.person.last_name, c.person.first_name, c.person.pk),
    )
    cards = {
        card.user_id: card
        for card in ContactCard.objects.filter(user_id__in={c.person.pk for c in contacts})
    }
    for contact in contacts:
        contact.card = cards.get(contact.person.pk)
    user._leerroute_contacts = contacts
    return contacts


def _intervision(user, found: _Found) -> None:
    from leerroute.intervision import queries as intervision

    groups = (
        intervision.own_groups(user)
        .active()
        .select_related("facilitator")
        .prefetch_related("members")
        .order_by("name", "pk")
    )
    for group in groups:
        found.add(
            group.facilitator,
            "facilitator",
            _("Je intervisiegroep en de volgende bijeenkomst."),
            group.name,
        )
        for member in group.members.all():
            found.add(
                member,
                "peer",
                _("Een collega om ervaringen met begeleiden mee te delen."),
                group.name,
            )


def sections(contacts: list[Contact]) -> list[Section]:
    """The contacts grouped by kind, in the page's order."""
    grouped: dict[str, Section] = {}
    for contact in contacts:
        section = grouped.get(contact.kind)
        if section is None:
            section = grouped[contact.kind] = Section(contact.kind, contact.heading, [])
        section.contacts.append(contact)
    return list(grouped.values())


def ask(user, kinds, limit: int = 2) -> list[Contact]:
    """The first people to ask: those of the first of ``kinds`` the user has
    (at most ``limit``), and the functional administrator when asked for."""
    contacts = contacts_for(user)
    chosen: list[Contact] = []
    for kind in kinds:
        if kind == "admin":
            continue
        of_kind = [c for c in contacts if c.kind == kind]
        if of_kind:
            chosen = of_kind[:limit]
            break
    if "admin" in kinds:
        chosen += [c for c in contacts if c.kind == "admin"][:1]
    return chosen
