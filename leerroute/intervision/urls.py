from django.urls import path

from . import views

app_name = "intervision"
urlpatterns = [
    path("", views.index, name="index"),
    path("groepen/nieuw/", views.group_create, name="group_create"),
    path("groepen/<int:pk>/", views.group_detail, name="group_detail"),
    path("groepen/<int:pk>/bewerken/", views.group_edit, name="group_edit"),
    path("groepen/<int:pk>/beeindigen/", views.group_end, name="group_end"),
    path("groepen/<int:pk>/bijeenkomsten/nieuw/", views.meeting_create, name="meeting_create"),
    path("bijeenkomsten/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("bijeenkomsten/<int:pk>/bewerken/", views.meeting_edit, name="meeting_edit"),
    path("bijeenkomsten/<int:pk>/annuleren/", views.meeting_cancel, name="meeting_cancel"),
    path(
        "bijeenkomsten/<int:pk>/aanwezigheid/",
        views.meeting_attendance,
        name="meeting_attendance",
    ),
    path("bijeenkomsten/<int:pk>/notities/", views.meeting_notes, name="meeting_notes"),
    path("bijeenkomsten/<int:pk>/agenda.ics", views.meeting_ics, name="meeting_ics"),
]
