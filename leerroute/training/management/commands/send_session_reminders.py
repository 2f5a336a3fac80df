"""Enqueue the reminder e-mails for tomorrow's sessions. Run once a day (cron/systemd)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from leerroute.training.services import schedule_reminders


class Command(BaseCommand):
    help = (
        "Zet voor elke deelnemer van de bijeenkomsten van morgen een herinneringsmail klaar "
        "voor de achtergrondverwerker (make worker). Dagelijks draaien; twee keer draaien "
        "verstuurt niets dubbel."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--datum",
            help="de dag van de bijeenkomsten (JJJJ-MM-DD); standaard morgen",
        )

    def handle(self, *args, datum=None, **options):
        if datum:
            try:
                day = datetime.date.fromisoformat(datum)
            except ValueError as exc:
                raise CommandError("Ongeldige datum: gebruik JJJJ-MM-DD.") from exc
        else:
            day = timezone.localdate() + datetime.timedelta(days=1)
        count = schedule_reminders(day)
        self.stdout.write(f"{count} herinnering(en) klaargezet voor {day.isoformat()}.")
