from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("studenten/", views.student_list, name="student_list"),
    path("studenten/<int:pk>/", views.student_detail, name="student"),
    path("organisaties/<int:pk>/", views.organisation_detail, name="organisation"),
    path("afdelingen/<int:pk>/", views.department_detail, name="department"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("inzagelog/", views.access_log, name="access_log"),
]
