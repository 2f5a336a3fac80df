"""A GIN index for finding people by name with full-text search, on PostgreSQL
only (SQLite searches with icontains). The indexed expression is the one
``leerroute.search.fulltext.vector`` builds for names (the ``simple``
configuration), so the planner can use it. The index is on the people app's
user table; the search app owns it because only the search uses it."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from leerroute.search.fulltext import vector

INDEX = "people_user_name_search"


def _index():
    return GinIndex(vector(("first_name", "last_name"), "simple"), name=INDEX)


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("people", "User"), _index())


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("people", "User"), _index())


class Migration(migrations.Migration):
    dependencies = [("people", "0003_employee_role")]
    operations = [migrations.RunPython(add, remove)]
