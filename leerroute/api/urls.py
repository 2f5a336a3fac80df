from django.urls import path

from . import views

app_name = "api_tokens"
urlpatterns = [
    path("nieuw/", views.create, name="create"),
    path("<int:pk>/intrekken/", views.revoke, name="revoke"),
]
