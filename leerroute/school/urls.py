from django.urls import path

from . import views

app_name = "school"
urlpatterns = [
    path("", views.index, name="index"),
    path("klassen/<int:pk>/nieuw/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/publiceren/", views.publish, name="publish"),
    path("e-mail/<str:token>/", views.digest_preferences, name="digest_preferences"),
]
