"""``manage.py leervraag_check --kwalificatie "Verzorgende IG" "Ik wil leren ..."``

Prints the checker's result as JSON: the ranked work processes (code, score,
matched words) and every finding with its code.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from leerroute.learning import checker
from leerroute.qualifications.models import Qualification


class Command(BaseCommand):
    help = "Controleer een leervraag tegen een kwalificatie en toon het resultaat als JSON."

    def add_arguments(self, parser):
        parser.add_argument("leervraag", help="de tekst van de leervraag")
        parser.add_argument(
            "--kwalificatie",
            required=True,
            help="titel (bijv. 'Verzorgende IG') of crebo (bijv. 25655) van de kwalificatie",
        )
        parser.add_argument("--stappen", default="", help="de stappen die de student zet")
        parser.add_argument("--ondersteuning", default="", help="de gevraagde ondersteuning")
        parser.add_argument("--streefdatum", default=None, help="streefdatum als JJJJ-MM-DD")

    def handle(self, *args, **options):
        qualification = find_qualification(options["kwalificatie"])
        target = None
        if options["streefdatum"]:
            try:
                target = datetime.date.fromisoformat(options["streefdatum"])
            except ValueError as exc:
                raise CommandError(
                    f"Ongeldige streefdatum '{options['streefdatum']}': gebruik JJJJ-MM-DD."
                ) from exc
        result = checker.check(
            options["leervraag"],
            qualification,
            steps=options["stappen"],
            support=options["ondersteuning"],
            target_date=target,
        )
        data = {"kwalificatie": qualification.title, "crebo": qualification.crebo or None}
        data.update(result.as_dict())
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))


def find_qualification(term: str) -> Qualification:
    term = (term or "").strip()
    matches = list(
        Qualification.objects.select_related("level").filter(
            Q(title__iexact=term) | (Q(crebo=term) if term else Q(pk__in=[]))
        )
    )
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(
        f"{q.title}{f' ({q.crebo})' if q.crebo else ''}"
        for q in Qualification.objects.order_by("title")
    )
    if not matches:
        raise CommandError(
            f"Kwalificatie '{term}' niet gevonden. Gebruik een titel of crebo: {known}."
        )
    raise CommandError(f"'{term}' past bij meer dan één kwalificatie; gebruik de crebo.")
