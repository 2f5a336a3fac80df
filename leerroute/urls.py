from django.contrib import admin
from django.urls import include, path

from leerroute.api.api import api
from leerroute.core import views as core_views
from leerroute.core.password_change import CountedPasswordChangeView

urlpatterns = [
    path("", include("leerroute.core.urls")),
    path("health/", core_views.health, name="health"),
    path("health/live/", core_views.live, name="health_live"),
    # Before Django's auth URLs: wrong old passwords count towards the lockout.
    path(
        "accounts/password_change/",
        CountedPasswordChangeView.as_view(),
        name="password_change",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("leerroute.people.urls")),
    path("kwalificaties/", include("leerroute.qualifications.urls")),
    path("leervragen/", include("leerroute.learning.urls")),
    path("training/", include("leerroute.training.urls")),
    path("feedback/", include("leerroute.feedback.urls")),
    path("", include("leerroute.privacy.urls")),
    path("gesprekken/", include("leerroute.conversations.urls")),
    path("agenda/", include("leerroute.agenda.urls")),
    path("meldingen/", include("leerroute.notifications.urls")),
    path("weekupdates/", include("leerroute.school.urls")),
    path("intervisie/", include("leerroute.intervision.urls")),
    path("bij-wie/", include("leerroute.support.urls")),
    path("begrippen/", include("leerroute.glossary.urls")),
    path("zoeken/", include("leerroute.search.urls")),
    path("import/", include("leerroute.imports.urls")),
    path("export/", include("leerroute.exports.urls")),
    path("api/v1/", api.urls),
    path("profiel/api-tokens/", include("leerroute.api.urls")),
    path("beheer/", admin.site.urls),
]

handler400 = "leerroute.core.views.bad_request"
handler403 = "leerroute.core.views.permission_denied"
handler404 = "leerroute.core.views.page_not_found"
handler500 = "leerroute.core.views.server_error"
