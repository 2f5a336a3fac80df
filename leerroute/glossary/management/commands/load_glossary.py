from django.core.management.base import BaseCommand

from leerroute.glossary.seed_terms import TERMS
from leerroute.glossary.services import load_terms


class Command(BaseCommand):
    help = (
        "Laad de begrippen van de leerroute (de startset) in het begrippenkader. Voegt alleen "
        "begrippen toe die er nog niet zijn; bestaande begrippen blijven zoals ze zijn."
    )

    def handle(self, *args, **options):
        added = load_terms(TERMS)
        message = f"{added} begrip(pen) toegevoegd, {len(TERMS)} in de startset."
        self.stdout.write(self.style.SUCCESS(message))
