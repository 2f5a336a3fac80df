from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("", views.index, name="index"),
    path("studenten/<int:pk>/plannen/", views.plan, name="plan"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/annuleren/", views.cancel, name="cancel"),
    path("<int:pk>/verslag/", views.notes, name="notes"),
    path("<int:pk>/afspraken/nieuw/", views.agreement_add, name="agreement_add"),
    path("<int:pk>/agenda.ics", views.ics, name="ics"),
    path("afspraken/<int:pk>/afvinken/", views.agreement_done, name="agreement_done"),
    path("afspraken/<int:pk>/verwijderen/", views.agreement_remove, name="agreement_remove"),
]
