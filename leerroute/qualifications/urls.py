from django.urls import path

from . import views

app_name = "qualifications"
urlpatterns = [
    path("", views.qualification_list, name="list"),
    path("<int:pk>/", views.qualification_detail, name="detail"),
]
