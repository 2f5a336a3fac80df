"""The materials library: uploads checked by content and size (SEC-29), links, search."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leerroute.training.demo import tiny_pdf
from leerroute.training.models import Material, Topic

from .conftest import material


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def post(client, **fields):
    data = {"title": "Nieuw materiaal", "kind": "slides", "topics": "feedback, Nieuw onderwerp"}
    data.update(fields)
    return client.post(reverse("training:material_create"), data)


def pptx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p/>")
    return buffer.getvalue()


def test_upload_a_pdf_stored_under_a_generated_name(client_for, media):
    response = post(client_for("trainer"), file=upload("Mijn dia's.pdf", tiny_pdf(["Hallo"])))
    item = Material.objects.get(title="Nieuw materiaal")
    assert response.status_code == 302
    assert item.original_name == "Mijn dia's.pdf"
    assert item.file.name.startswith("training/materials/")
    assert "Mijn" not in item.file.name and item.file.name.endswith(".pdf")
    assert (media / item.file.name).exists()
    assert item.content_type == "application/pdf"
    assert sorted(t.name for t in item.topics.all()) == ["Nieuw onderwerp", "feedback"]
    # Served only through the checked view, always as an attachment.
    response = client_for("trainer").get(reverse("training:material_download", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_upload_an_office_presentation(client_for, media):
    response = post(client_for("praktijkopleider1"), file=upload("deck.pptx", pptx_bytes()))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("kind", "name", "data", "message"),
    [
        ("slides", "leeg.pdf", b"", "Het bestand is leeg"),
        ("slides", "script.exe", b"MZ\x90\x00", "Dit soort bestand kun je hier niet uploaden"),
        (
            "slides",
            "nep.pdf",
            b"<html><script>alert(1)</script></html>",
            "past niet bij de extensie .pdf",
        ),
        ("slides", "nep.pptx", b"PK\x03\x04 not really a zip", "past niet bij de extensie .pptx"),
        (
            "video",
            "film.mp4",
            b"\x00\x00\x00\x18xxxx" + b"0" * 20,
            "past niet bij de extensie .mp4",
        ),
        ("video", "dia.pdf", tiny_pdf(["x"]), "Toegestaan: .mp4, .webm"),
        ("document", "binair.txt", b"abc\x00def", "past niet bij de extensie .txt"),
    ],
)
def test_bad_uploads_are_refused_and_change_nothing(client_for, media, kind, name, data, message):
    before = (Material.objects.count(), Topic.objects.count())
    response = post(client_for("trainer"), kind=kind, file=upload(name, data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Material.objects.count(), Topic.objects.count()) == before
    assert not list(media.rglob("*.*"))


def test_too_large_upload_is_refused(client_for, media, settings):
    settings.TRAINING_UPLOAD_MAX_BYTES = 1024
    response = post(client_for("trainer"), file=upload("groot.pdf", tiny_pdf(["x" * 40] * 40)))
    assert "Het bestand is te groot" in response.content.decode()
    assert not Material.objects.filter(title="Nieuw materiaal").exists()
    assert not list(media.rglob("*.*"))


def test_missing_file_is_refused(client_for, media):
    response = post(client_for("trainer"))
    assert "Kies een bestand om te uploaden." in response.content.decode()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "Vul een geldige link in"),
        ("ftp://example.org/video", "Vul een geldige link in"),
        ("", "Vul de link in."),
    ],
)
def test_links_are_http_or_https_only(client_for, url, message):
    count = Material.objects.count()
    response = post(client_for("trainer"), kind="link", url=url)
    assert message in response.content.decode()
    assert Material.objects.count() == count


def test_add_a_link(client_for):
    response = post(client_for("trainer"), kind="link", url="https://video.example.org/x")
    assert response.status_code == 302
    assert Material.objects.get(title="Nieuw materiaal").url == "https://video.example.org/x"


def test_wrong_role_cannot_upload(client_for, media):
    response = post(client_for("werkbegeleider1"), file=upload("d.pdf", tiny_pdf(["x"])))
    assert response.status_code == 403
    assert not Material.objects.filter(title="Nieuw materiaal").exists()


def test_search_and_filter(client_for):
    client = client_for("trainer")
    url = reverse("training:material_list")
    html = client.get(url, {"q": "OEPS"}).content.decode()
    assert "OEPS-zakkaart" in html and "hybride leren in de zorg" not in html
    topic = Topic.objects.get(name="hybride leren")
    html = client.get(url, {"topic": topic.pk}).content.decode()
    assert "Video: hybride leren in de zorg" in html and "OEPS-zakkaart" not in html
    html = client.get(url, {"kind": "link"}).content.decode()
    assert "Handreiking leervragen beoordelen" in html and "OEPS-zakkaart" not in html


def test_students_see_only_work_form_materials(client_for):
    html = client_for("student1").get(reverse("training:material_list")).content.decode()
    assert "OEPS-zakkaart" in html
    assert "Waarde-vol Werkbegeleiden - dia" not in html


def test_material_is_reused_across_programmes(client_for):
    slides = material("Waarde-vol Werkbegeleiden - dia's")
    html = (
        client_for("praktijkopleider1")
        .get(reverse("training:material_detail", args=[slides.pk]))
        .content.decode()
    )
    assert "Waarde-vol Werkbegeleiden – Team Tulp" in html
    assert "Intervisie en de cascade" in html


def test_material_list_query_count_is_constant(client_for, django_assert_max_num_queries):
    client = client_for("trainer")
    url = reverse("training:material_list")
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    topic = Topic.objects.create(name="extra")
    for i in range(30):
        item = Material.objects.create(title=f"Link {i}", kind="link", url="https://example.org/")
        item.topics.add(topic)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"pagina": 2})
    assert response.status_code == 200
