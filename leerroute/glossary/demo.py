"""Demo data: the glossary's starting set (the same as ``manage.py load_glossary``),
and one term edited by praktijkopleider1, so its page shows a history."""

from __future__ import annotations

from .models import Term
from .seed_terms import TERMS
from .services import load_terms, update_term

ORDER = 60


def seed(ctx: dict) -> None:
    load_terms(TERMS)
    users = ctx.get("users", {})
    editor = users.get("praktijkopleider1")
    term = Term.objects.filter(slug="intervisie").first()
    if editor is None or term is None or term.versions.filter(saved_by=editor).exists():
        return
    data = {
        "name": term.name,
        "definition": term.definition
        + " Bij DSV|verzorgd leven komen de intervisiegroepen elke zes weken bij elkaar.",
        "synonyms": term.synonyms,
        "forms": term.forms,
        "example": term.example,
        "roles": term.roles,
        "related": list(term.related.all()),
    }
    update_term(term, data, term.version, by=editor)
