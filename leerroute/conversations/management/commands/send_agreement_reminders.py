"""Remind owners of agreements due tomorrow or past their date. Run once a day (cron)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from leerroute.conversations.services import remind_agreements


class Command(BaseCommand):
    help = (
        "Stuurt de eigenaar van elke open afspraak uit een gesprek een melding wanneer de "
        "afspraak morgen klaar moet zijn of over de datum is. Dagelijks draaien; twee keer "
        "draaien stuurt niets dubbel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--datum", help="de dag van vandaag (JJJJ-MM-DD); standaard vandaag")

    def handle(self, *args, datum=None, **options):
        if datum:
            try:
                day = datetime.date.fromisoformat(datum)
            except ValueError as exc:
                raise CommandError("Ongeldige datum: gebruik JJJJ-MM-DD.") from exc
        else:
            day = timezone.localdate()
        count = remind_agreements(day)
        self.stdout.write(f"{count} melding(en) over afspraken verstuurd ({day.isoformat()}).")
