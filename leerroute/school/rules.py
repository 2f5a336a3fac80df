"""Named permissions for the weekly updates: written by the cohort's teachers only."""

import rules

from leerroute.core import access

from . import queries


@rules.predicate
def teaches_cohort(user, cohort):
    return cohort is not None and access.includes(user, queries.writable_cohorts, cohort.pk)


@rules.predicate
def teaches_cohort_of(user, update):
    return update is not None and teaches_cohort(user, update.cohort)


@rules.predicate
def teaches_any_cohort(user):
    return access.has_any(user, queries.writable_cohorts)


rules.add_perm("school.write_update", rules.is_authenticated & teaches_cohort)
rules.add_perm("school.change_update", rules.is_authenticated & teaches_cohort_of)
rules.add_perm("school.write_any_update", rules.is_authenticated & teaches_any_cohort)
