from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def demo_modules():
    """Every Leerroute app's ``demo`` module, in their ORDER."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("leerroute."):
            continue
        try:
            found.append(import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
    return sorted(found, key=lambda module: module.ORDER)


class Command(BaseCommand):
    help = (
        "Laad de demogegevens van de leerroute (idempotent). Weigert zonder DEBUG, tenzij --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="ook laden als DEBUG uit staat (nooit op een productiedatabase)",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG staat uit: demogegevens worden niet geladen. Gebruik --force als dit "
                "echt een test- of demo-omgeving is."
            )
        ctx: dict = {}
        with transaction.atomic():
            for module in demo_modules():
                module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        for line in ctx.get("summary", []):
            self.stdout.write(line)
