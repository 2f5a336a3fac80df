import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from leerroute.qualifications.importer import ImportFailed, import_document


class Command(BaseCommand):
    help = (
        "Importeer kwalificatiedossiers uit een JSON-bestand "
        "(formaat: docs/kwalificatiedossier-format.md). Alles of niets; opnieuw importeren "
        "maakt geen dubbelen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="pad naar het JSON-bestand")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise CommandError(f"Bestand niet gevonden: {path}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path}: geen UTF-8-tekst") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{path}: geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}: {exc.msg})"
            ) from exc
        try:
            result = import_document(document)
        except ImportFailed as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            raise CommandError(
                f"{path}: niets geïmporteerd, {len(exc.problems)} fout(en):\n{lines}"
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Geïmporteerd: {result.files} dossier(s), "
                f"{result.qualifications} kwalificatie(s), "
                f"{result.core_tasks} kerntaken, {result.work_processes} werkprocessen "
                f"({result.created} nieuw, {result.updated} gewijzigd)."
            )
        )
