from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from leerroute.imports import files, services
from leerroute.people.models import Organisation


class Command(BaseCommand):
    help = (
        "Importeer personen uit CSV of XLSX: studenten (school), medewerkers (HR) of "
        "BPV-plaatsen (formaten: docs/import-formats.md). Alles of niets; opnieuw "
        "importeren verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="pad naar het CSV- of XLSX-bestand")
        parser.add_argument(
            "--kind",
            choices=sorted(services.KINDS),
            help="soort bestand (zonder: bepaald uit de kolommen)",
        )
        parser.add_argument(
            "--organisation",
            help="naam van de organisatie, voor regels zonder kolom 'organisatie'",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="niets opslaan; toon per regel wat zou gebeuren"
        )
        parser.add_argument(
            "--end-missing",
            action="store_true",
            help="volledig medewerkersbestand: beëindig de rollen van wie er niet in staat",
        )
        parser.add_argument(
            "--all-rows", action="store_true", help="toon ook de ongewijzigde regels"
        )
        parser.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk")

    def handle(self, *args, file, kind, organisation, dry_run, end_missing, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise CommandError(f"Bestand niet gevonden: {path}") from exc
        try:
            table = files.read_table(path.name, data)
        except files.BadFile as exc:
            raise CommandError(f"{path}: {exc.message}") from exc
        org = None
        if organisation:
            org = Organisation.objects.filter(name__iexact=organisation).first()
            if org is None:
                raise CommandError(f"Organisatie '{organisation}' bestaat niet.")
        bar = tqdm(
            total=len(table.rows),
            unit="regel",
            desc="controleren",
            file=self.stderr._out,
            disable=options["no_progress"] or len(table.rows) < 200,
        )
        try:
            report = services.run(
                kind,
                table,
                organisation=org,
                dry_run=dry_run,
                end_missing=end_missing,
                progress=bar.update,
            )
        except services.ImportRefused as exc:
            bar.close()
            if exc.report is not None:
                self._write_rows(exc.report, options["all_rows"])
            raise CommandError(f"{path}: {exc.message}") from exc
        bar.close()
        self._write_rows(report, options["all_rows"])
        counts = ", ".join(f"{n} {action}" for action, n in report.counts().items())
        if dry_run:
            message = f"Proefimport ({report.kind}), niets opgeslagen: {counts}."
            if not report.ok:
                raise CommandError(message + " Verbeter de geweigerde regels.")
            self.stdout.write(self.style.WARNING(message))
        else:
            self.stdout.write(self.style.SUCCESS(f"Geïmporteerd ({report.kind}): {counts}."))

    def _write_rows(self, report, all_rows: bool) -> None:
        for r in report.rows:
            if r.action == services.UNCHANGED and not all_rows:
                continue
            where = f"rij {r.row}" if r.row else "niet in bestand"
            line = f"{where}: {r.action} {r.key} {r.name}".rstrip()
            details = [f"kolom '{c}': {reason}" for c, reason in r.errors] + r.changes
            if details:
                line += " – " + "; ".join(details)
            self.stdout.write(line)
