"""The privacy notice, written per role (TRUST.md PRIV-17).

The notice is shown once at first sign-in (until the person marks it read) and
linked in every page footer. Raise ``VERSION`` when a notice changes in a way
people must read again.
"""

from django.utils.translation import gettext_lazy as _

from leerroute.people.models import Role

VERSION = 1
SESSION_KEY = "privacy_notice_due"

# Role -> (heading, template). Every role has its own notice; the order is the
# order on the privacy page.
NOTICES = {
    Role.STUDENT: (_("Voor studenten"), "privacy/notices/student.html"),
    Role.MENTOR: (_("Voor werkbegeleiders"), "privacy/notices/mentor.html"),
    Role.ASSESSOR: (_("Voor studentbegeleiders"), "privacy/notices/assessor.html"),
    Role.PRACTICE_EDUCATOR: (_("Voor praktijkopleiders"), "privacy/notices/practice_educator.html"),
    Role.TEACHER: (_("Voor docenten"), "privacy/notices/teacher.html"),
    Role.TRAINER: (_("Voor trainers"), "privacy/notices/trainer.html"),
    Role.EMPLOYEE: (_("Voor medewerkers"), "privacy/notices/employee.html"),
    Role.ADMIN: (_("Voor functioneel beheerders"), "privacy/notices/admin.html"),
}


def notices_for(roles: set[str]) -> tuple[list[tuple], list[tuple]]:
    """(the notices for these roles, the other notices), each as (role, heading, template)."""
    mine, others = [], []
    for role, (heading, template) in NOTICES.items():
        (mine if role in roles else others).append((role, heading, template))
    return mine, others
