from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("personen/", views.people, name="people"),
    path("personen/bevestigen/", views.people_confirm, name="people_confirm"),
    path("kwalificatiedossiers/", views.qualifications, name="qualifications"),
    path(
        "kwalificatiedossiers/bevestigen/",
        views.qualifications_confirm,
        name="qualifications_confirm",
    ),
]
