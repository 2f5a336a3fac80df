"""The reference page of the region benchmark: a plain signed-in Django view
that renders 50 rows from the database through the product's middleware, and
a small template (no context processors). Every key page is measured against it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import Context, Template

from leerroute.people.models import User

TEMPLATE = Template(
    """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Referentie</title>
</head><body><main><h1>Vijftig personen</h1><table><thead><tr><th>nr</th><th>gebruikersnaam</th>
<th>naam</th><th>e-mail</th></tr></thead><tbody>{% for row in rows %}<tr><td>{{ row.pk }}</td>
<td>{{ row.username }}</td><td>{{ row.first_name }} {{ row.last_name }}</td>
<td>{{ row.email }}</td></tr>{% endfor %}</tbody></table></main></body></html>"""
)


@login_required
def reference(request):
    rows = User.objects.order_by("pk").only("username", "first_name", "last_name", "email")[:50]
    return HttpResponse(TEMPLATE.render(Context({"rows": rows})))
