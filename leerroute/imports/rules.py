"""Named permissions for imports; each predicate delegates to ``queries.py``."""

import rules

from leerroute.core import access
from leerroute.people import queries as people

from . import queries


@rules.predicate
def imports_people(user):
    return access.has_any(user, queries.importable_organisations)


@rules.predicate
def is_admin(user):
    return people.is_admin(user)


rules.add_perm("imports.import_people", imports_people)
rules.add_perm("imports.import_qualifications", is_admin)
