from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("mijn-gegevens/", views.my_data, name="my_data"),
    path("mijn-gegevens/mijn-gegevens.html", views.my_data_html, name="my_data_html"),
    path("mijn-gegevens/mijn-gegevens.json", views.my_data_json, name="my_data_json"),
    path("mijn-gegevens/schema.json", views.schema_json, name="schema"),
    path("mijn-gegevens/inzage/", views.who_viewed, name="who_viewed"),
    path("privacy/gelezen/", views.acknowledge, name="acknowledge"),
    path("privacy/student-verwijderen/", views.erase, name="erase"),
    path("privacy/correctie/<str:kind>/<int:pk>/", views.ask_correction, name="ask_correction"),
    path("privacy/correcties/<int:pk>/", views.correction, name="correction"),
    path("privacy/clientgegevens/<str:kind>/<int:pk>/", views.redact, name="redact"),
]
