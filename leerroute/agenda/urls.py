from django.urls import path

from . import views

app_name = "agenda"
urlpatterns = [
    path("koppeling/", views.renew, name="renew"),
    path("koppeling/intrekken/", views.revoke, name="revoke"),
    path("<str:token>.ics", views.feed, name="feed"),
]
