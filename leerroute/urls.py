from django.contrib import admin
from django.urls import include, path

from leerroute.core import views as core_views

urlpatterns = [
    path("", include("leerroute.core.urls")),
    path("health/", core_views.health, name="health"),
    path("health/live/", core_views.live, name="health_live"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("leerroute.people.urls")),
    path("kwalificaties/", include("leerroute.qualifications.urls")),
    path("leervragen/", include("leerroute.learning.urls")),
    path("training/", include("leerroute.training.urls")),
    path("feedback/", include("leerroute.feedback.urls")),
    path("beheer/", admin.site.urls),
]

handler400 = "leerroute.core.views.bad_request"
handler403 = "leerroute.core.views.permission_denied"
handler404 = "leerroute.core.views.page_not_found"
handler500 = "leerroute.core.views.server_error"
