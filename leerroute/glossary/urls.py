from django.urls import path

from . import views

app_name = "glossary"
urlpatterns = [
    path("", views.term_list, name="list"),
    path("nieuw/", views.term_create, name="create"),
    path("<slug:slug>/", views.term_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.term_edit, name="edit"),
]
