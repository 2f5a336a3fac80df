from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("programmas/nieuw/", views.programme_create, name="programme_create"),
    path("programmas/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmas/<int:pk>/bewerken/", views.programme_edit, name="programme_edit"),
    path("programmas/<int:pk>/uitnodigen/", views.programme_invite, name="programme_invite"),
    path("programmas/<int:pk>/aanmelden/", views.programme_signup, name="programme_signup"),
    path("programmas/<int:pk>/inschrijven/", views.programme_enrol, name="programme_enrol"),
    path(
        "programmas/<int:pk>/bijeenkomsten/nieuw/",
        views.session_create,
        name="session_create",
    ),
    path("bijeenkomsten/<int:pk>/", views.session_detail, name="session_detail"),
    path("bijeenkomsten/<int:pk>/bewerken/", views.session_edit, name="session_edit"),
    path(
        "bijeenkomsten/<int:pk>/aanwezigheid/",
        views.session_attendance,
        name="session_attendance",
    ),
    path("materialen/", views.material_list, name="material_list"),
    path("materialen/nieuw/", views.material_create, name="material_create"),
    path("materialen/<int:pk>/", views.material_detail, name="material_detail"),
    path("materialen/<int:pk>/download/", views.material_download, name="material_download"),
    path("materialen/<int:pk>/afspelen/", views.material_play, name="material_play"),
    path("materialen/<int:pk>/ondertiteling/", views.material_captions, name="material_captions"),
    path("werkvormen/", views.workform_list, name="workform_list"),
    path("werkvormen/nieuw/", views.workform_create, name="workform_create"),
    path("werkvormen/<slug:slug>/", views.workform_detail, name="workform_detail"),
    path("werkvormen/<slug:slug>/bewerken/", views.workform_edit, name="workform_edit"),
    path("cascade/", views.cascade, name="cascade"),
    path("cascade/plannen/", views.teamtraining_create, name="teamtraining_create"),
    path("dekking/", views.coverage_dashboard, name="coverage"),
    path("dekking/afdelingen/<int:pk>/", views.coverage_department, name="coverage_department"),
    path("dekking/teams/<int:pk>/", views.coverage_team, name="coverage_team"),
]
