import json

from django.core.management.base import BaseCommand

from leerroute.privacy.export import schema


class Command(BaseCommand):
    help = "Print het JSON-schema van de export 'Mijn gegevens' (docs/schemas/...schema.json)."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(schema(), ensure_ascii=False, indent=2))
