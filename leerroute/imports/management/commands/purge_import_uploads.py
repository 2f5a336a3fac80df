"""Remove import uploads past their hour (run from cron, e.g. every hour).

An uploaded file waits as a ``PendingUpload`` between its dry run and the
confirmed import, at most an hour (``PENDING_LIFETIME``). The import pages
remove expired ones when someone next uses them; this removes them without a
visitor, so no uploaded personal data stays in the database for long. Prints a
count only.
"""

from django.core.management.base import BaseCommand

from leerroute.imports.models import PendingUpload


class Command(BaseCommand):
    help = "Verwijdert geüploade importbestanden die langer dan een uur wachten op bevestiging."

    def handle(self, *args, **options):
        removed = PendingUpload.purge_expired()
        self.stdout.write(f"{removed} verlopen importbestanden verwijderd.")
