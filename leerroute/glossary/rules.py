"""Named permissions for the glossary; the predicate delegates to ``queries.py``."""

import rules

from . import queries


@rules.predicate
def edits_glossary(user):
    return queries.edits_glossary(user)


rules.add_perm("glossary.edit_terms", rules.is_authenticated & edits_glossary)
