from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/reactie/", views.respond, name="respond"),
    path("<int:pk>/gelezen/", views.mark_read, name="mark_read"),
    path("<int:pk>/geschiedenis/", views.history, name="history"),
    path("studenten/<int:pk>/", views.student_feedback, name="student"),
    path("studenten/<int:pk>/voortgang/", views.progress, name="progress"),
    path("studenten/<int:pk>/beoordelingen/nieuw/", views.review_create, name="review_create"),
    path("beoordelingen/<int:pk>/", views.review_detail, name="review"),
    path("beoordelingen/<int:pk>/bewerken/", views.review_edit, name="review_edit"),
    path("beoordelingen/<int:pk>/publiceren/", views.review_publish, name="review_publish"),
    path("beoordelingen/<int:pk>/geschiedenis/", views.review_history, name="review_history"),
    path("teams/<int:pk>/", views.team, name="team"),
]
