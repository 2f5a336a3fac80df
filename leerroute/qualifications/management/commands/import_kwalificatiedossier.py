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
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="niets opslaan; toon wat nieuw, gewijzigd en verwijderd zou zijn",
        )

    def handle(self, *args, file, dry_run=False, **options):
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
            result = import_document(document, dry_run=dry_run)
        except ImportFailed as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            raise CommandError(
                f"{path}: niets geïmporteerd, {len(exc.problems)} fout(en):\n{lines}"
            ) from exc
        for dossier in result.dossiers:
            crebo = dossier.crebo or "geen crebo in het bestand"
            version = dossier.version_label or "geen versie"
            self.stdout.write(f"{dossier.title}: crebo {crebo}, versie {version}")
            for title, qcrebo, note in dossier.qualifications:
                line = f"  {title}: crebo {qcrebo or 'onbekend (niet in het bestand)'}"
                self.stdout.write(f"{line} ({note})" if note else line)
        for change in result.changes:
            self.stdout.write(f"  {change.action}: {change.what} {change.code} {change.title}")
        prefix = "Proefimport, niets opgeslagen" if dry_run else "Geïmporteerd"
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}: {result.files} dossier(s), "
                f"{result.qualifications} kwalificatie(s), "
                f"{result.core_tasks} kerntaken, {result.work_processes} werkprocessen "
                f"({result.created} nieuw, {result.updated} gewijzigd, "
                f"{result.removed} verwijderd)."
            )
        )
