"""Named permissions for training; each predicate delegates to ``queries.py``."""

import rules

from leerroute.core import access
from leerroute.people import queries as people

from . import queries
from .models import Enrolment


@rules.predicate
def manages_programme(user, programme):
    return access.includes(user, queries.programmes_managed_by, programme.pk)


@rules.predicate
def is_invited_to(user, programme):
    return Enrolment.objects.filter(
        programme=programme, user=user, status=Enrolment.Status.INVITED
    ).exists()


@rules.predicate
def can_create_programme(user):
    return access.has_any(user, queries.programme_organisations_for)


@rules.predicate
def uses_library(user):
    return queries.can_use_library(user)


@rules.predicate
def plans_cascade(user):
    return bool(queries.educator_organisation_ids(user))


@rules.predicate
def sees_coverage(user):
    return access.has_any(user, queries.coverage_organisations_for)


@rules.predicate
def sees_team_members(user, team):
    return queries.can_see_team_members(user, team)


@rules.predicate
def edits_work_form(user, work_form):
    if people.is_admin(user):
        return True
    return work_form.created_by_id == user.pk and people.has_role(user, *queries.LIBRARY_ROLES)


rules.add_perm("training.add_programme", rules.is_authenticated & can_create_programme)
rules.add_perm("training.manage_programme", rules.is_authenticated & manages_programme)
rules.add_perm("training.sign_up", rules.is_authenticated & is_invited_to)
rules.add_perm("training.add_material", rules.is_authenticated & uses_library)
rules.add_perm("training.add_work_form", rules.is_authenticated & uses_library)
rules.add_perm("training.change_work_form", rules.is_authenticated & edits_work_form)
rules.add_perm("training.plan_team_training", rules.is_authenticated & plans_cascade)
rules.add_perm("training.view_coverage", rules.is_authenticated & sees_coverage)
rules.add_perm("training.view_team_readiness", rules.is_authenticated & sees_team_members)
