"""Remove access-log rows past their retention (run nightly from cron).

The access log is append-only in the app; this is the one place rows leave
it. Prints counts only.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from leerroute.people.models import AccessLog


class Command(BaseCommand):
    help = "Verwijdert inzagelogregels die ouder zijn dan ACCESS_LOG_RETENTION_DAYS."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
        removed = AccessLog.objects.purge_expired(cutoff)
        self.stdout.write(f"{removed} inzagelogregels verwijderd (bewaartermijn verstreken).")
