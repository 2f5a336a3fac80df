"""The student's own profile, roles, placements and enrolments in "Mijn gegevens"."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from leerroute.privacy.export import (
    DATE,
    DATETIME,
    OPT_DATE,
    OPT_DATETIME,
    OPT_STRING,
    STRING,
    STRINGS,
    Section,
    name,
    obj,
)

from .models import Enrollment, Placement, User

SCHEMAS = {
    "profiel": obj(
        {
            "gebruikersnaam": STRING,
            "voornaam": STRING,
            "achternaam": STRING,
            "e_mailadres": STRING,
            "account_sinds": DATETIME,
            "laatst_ingelogd": OPT_DATETIME,
        }
    ),
    "rollen": obj({"rol": STRING, "organisatie": STRING, "van": DATE, "tot_en_met": OPT_DATE}),
    "bpv_plaatsen": obj(
        {
            "organisatie": STRING,
            "afdeling": STRING,
            "team": STRING,
            "van": DATE,
            "tot_en_met": OPT_DATE,
            "werkbegeleiders": STRINGS,
            "studentbegeleider": OPT_STRING,
        }
    ),
    "inschrijvingen": obj(
        {
            "klas": STRING,
            "schooljaar": STRING,
            "kwalificatie": STRING,
            "crebo": STRING,
            "niveau": STRING,
            "van": DATE,
            "tot_en_met": OPT_DATE,
        }
    ),
}


def sections(student: User) -> list[Section]:
    roles = student.role_assignments.select_related("organisation").order_by("start_date", "pk")
    placements = (
        Placement.objects.filter(student=student)
        .select_related("team__department__organisation", "assessor")
        .prefetch_related(Prefetch("mentors", queryset=User.objects.order_by("last_name")))
        .order_by("start_date", "pk")
    )
    enrollments = (
        Enrollment.objects.filter(student=student)
        .select_related("cohort", "qualification__level")
        .order_by("start_date", "pk")
    )
    return [
        Section(
            "profiel",
            _("Profiel"),
            {
                "gebruikersnaam": _("Gebruikersnaam"),
                "voornaam": _("Voornaam"),
                "achternaam": _("Achternaam"),
                "e_mailadres": _("E-mailadres"),
                "account_sinds": _("Account sinds"),
                "laatst_ingelogd": _("Laatst ingelogd"),
            },
            [
                {
                    "gebruikersnaam": student.username,
                    "voornaam": student.first_name,
                    "achternaam": student.last_name,
                    "e_mailadres": student.email,
                    "account_sinds": student.date_joined,
                    "laatst_ingelogd": student.last_login,
                }
            ],
            order=10,
        ),
        Section(
            "rollen",
            _("Rollen"),
            {
                "rol": _("Rol"),
                "organisatie": _("Organisatie"),
                "van": _("Van"),
                "tot_en_met": _("Tot en met"),
            },
            [
                {
                    "rol": str(r.get_role_display()),
                    "organisatie": r.organisation.name,
                    "van": r.start_date,
                    "tot_en_met": r.end_date,
                }
                for r in roles
            ],
            order=11,
        ),
        Section(
            "bpv_plaatsen",
            _("BPV-plaatsen"),
            {
                "organisatie": _("Organisatie"),
                "afdeling": _("Afdeling"),
                "team": _("Team"),
                "van": _("Van"),
                "tot_en_met": _("Tot en met"),
                "werkbegeleiders": _("Werkbegeleiders"),
                "studentbegeleider": _("Studentbegeleider"),
            },
            [
                {
                    "organisatie": p.team.department.organisation.name,
                    "afdeling": p.team.department.name,
                    "team": p.team.name,
                    "van": p.start_date,
                    "tot_en_met": p.end_date,
                    "werkbegeleiders": [name(m) for m in p.mentors.all()],
                    "studentbegeleider": name(p.assessor),
                }
                for p in placements
            ],
            order=12,
        ),
        Section(
            "inschrijvingen",
            _("Inschrijvingen"),
            {
                "klas": _("Klas"),
                "schooljaar": _("Schooljaar"),
                "kwalificatie": _("Kwalificatie"),
                "crebo": _("Crebo"),
                "niveau": _("Niveau"),
                "van": _("Van"),
                "tot_en_met": _("Tot en met"),
            },
            [
                {
                    "klas": e.cohort.name,
                    "schooljaar": e.cohort.school_year,
                    "kwalificatie": e.qualification.title,
                    "crebo": e.qualification.crebo,
                    "niveau": str(e.qualification.level),
                    "van": e.start_date,
                    "tot_en_met": e.end_date,
                }
                for e in enrollments
            ],
            order=13,
        ),
    ]
