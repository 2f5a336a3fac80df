"""A GIN index for the full-text search of terms, on PostgreSQL only (SQLite
searches with icontains). The indexed expression is the one
``leerroute.search.fulltext.vector`` builds, so the planner can use it."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from leerroute.search.fulltext import vector

INDEX = "glossary_term_search"
FIELDS = ("name", "synonyms", "forms", "definition")


def _index():
    return GinIndex(vector(FIELDS, "dutch"), name=INDEX)


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("glossary", "Term"), _index())


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("glossary", "Term"), _index())


class Migration(migrations.Migration):
    dependencies = [("glossary", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
