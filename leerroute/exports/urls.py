from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")

app_name = "exports"
urlpatterns = [
    path("studenten.<fmt:fmt>", views.students, name="students"),
    path("leervragen.<fmt:fmt>", views.learning_questions, name="learning_questions"),
    path("feedback.<fmt:fmt>", views.feedback, name="feedback"),
    path("beoordelingen.<fmt:fmt>", views.reviews, name="reviews"),
    path("programmas/<int:pk>/aanwezigheid.<fmt:fmt>", views.attendance, name="attendance"),
    path("dekking.<fmt:fmt>", views.cascade_coverage, name="coverage"),
    path("studenten/<int:pk>/voortgangsverslag.pdf", views.progress_report, name="progress_report"),
]
