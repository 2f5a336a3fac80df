from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("sessie/verlengen/", views.extend_session, name="extend_session"),
    path("profiel/", views.profile, name="profile"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/controle/", views.privacy_check, name="privacy_check"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    # Browsers ask for /favicon.ico on every page, also in the Django admin.
    path("favicon.ico", views.favicon),
]
