"""Enqueue the weekly e-mail with the school updates. Run once a week (cron/systemd)."""

from django.core.management.base import BaseCommand, CommandError

from leerroute.school.services import schedule_digests
from leerroute.school.weeks import Week


class Command(BaseCommand):
    help = (
        "Zet voor elke praktijkopleider en werkbegeleider met nieuwe weekupdates van school "
        "de wekelijkse e-mail klaar voor de achtergrondverwerker (make worker). Wekelijks "
        "draaien, bijvoorbeeld op vrijdagmiddag; twee keer draaien verstuurt niets dubbel."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--week", help="de ISO-week (JJJJ-Www, bijv. 2026-W48); standaard deze week"
        )

    def handle(self, *args, week=None, **options):
        if week:
            year, _, number = week.upper().partition("-W")
            the_week = Week.parse(year, number)
            if the_week is None:
                raise CommandError("Ongeldige week: gebruik JJJJ-Www, bijvoorbeeld 2026-W48.")
        else:
            the_week = Week.current()
        count = schedule_digests(the_week)
        self.stdout.write(f"{count} weekmail(s) klaargezet voor {the_week.iso}.")
