from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("", views.question_list, name="list"),
    path("nieuw/", views.create, name="create"),
    path("controleren/", views.check, name="check"),
    path("wacht-op-mij/", views.waiting, name="waiting"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/indienen/", views.submit, name="submit"),
    path("<int:pk>/beoordelen/", views.review, name="review"),
    path("<int:pk>/afronden/", views.complete, name="complete"),
]
