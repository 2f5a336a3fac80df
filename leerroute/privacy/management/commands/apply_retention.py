"""Archive expired data and purge what was archived long enough (run nightly from cron).

Prints and logs counts only, never who or what.
"""

import logging

from django.core.management.base import BaseCommand

from leerroute.privacy import retention

log = logging.getLogger("leerroute.privacy")


class Command(BaseCommand):
    help = "Archiveert verlopen gegevens en verwijdert ze na de wachttijd (bewaartermijnen)."

    def handle(self, *args, **options):
        report = retention.apply()
        for line in report.lines():
            self.stdout.write(line)
            log.info("retention %s", line)
