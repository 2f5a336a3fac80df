"""``python manage.py create_api_token USERNAME --name NAME``: print a new personal token."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from leerroute.api import services
from leerroute.people.models import User


class Command(BaseCommand):
    help = "Maakt een persoonlijke API-token voor een persoon en print die (één keer)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="Naam van de token.")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Er is geen persoon met gebruikersnaam ‘{username}’.")
        if not user.is_active:
            raise CommandError(f"Het account ‘{username}’ is niet actief.")
        try:
            _row, token = services.create_token(user, name, by=None)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(token)
