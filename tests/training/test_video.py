"""Uploaded videos play in the page (<video controls>) with a WebVTT captions track."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leerroute.training.models import Material

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nWelkom bij de training.\n"


def post(client, **fields):
    data = {"title": "Filmpje feedback", "kind": "video", "topics": "feedback"}
    data.update(fields)
    return client.post(reverse("training:material_create"), data)


def _video(client_for, captions=True):
    files = {"file": SimpleUploadedFile("film.mp4", MP4, content_type="video/mp4")}
    if captions:
        files["captions"] = SimpleUploadedFile("film.vtt", VTT, content_type="text/vtt")
    response = post(client_for("trainer"), **files)
    assert response.status_code == 302, response.content.decode()[:500]
    return Material.objects.get(title="Filmpje feedback")


def test_an_uploaded_video_plays_in_the_page_with_captions(client_for, media):
    video = _video(client_for)
    html = client_for("trainer").get(reverse("training:material_detail", args=[video.pk]))
    html = html.content.decode()
    play = reverse("training:material_play", args=[video.pk])
    captions = reverse("training:material_captions", args=[video.pk])
    assert f'<video controls preload="metadata" src="{play}"' in html
    assert f'<track kind="captions" src="{captions}" srclang="nl"' in html
    served = client_for("trainer").get(play)
    assert served.status_code == 200
    assert served["Content-Type"] == "video/mp4"
    assert served["Content-Disposition"].startswith("inline")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]
    track = client_for("trainer").get(captions)
    assert track["Content-Type"].startswith("text/vtt")
    assert b"".join(track.streaming_content).startswith(b"WEBVTT")


def test_a_video_without_captions_has_no_track(client_for, media):
    video = _video(client_for, captions=False)
    html = client_for("trainer").get(reverse("training:material_detail", args=[video.pk]))
    assert "<video controls" in html.content.decode()
    assert "<track" not in html.content.decode()
    assert (
        client_for("trainer")
        .get(reverse("training:material_captions", args=[video.pk]))
        .status_code
        == 404
    )


def test_video_outside_scope_is_hidden(client_for, media):
    video = _video(client_for)
    # The library is for trainers and practice educators; a student gets 404 like the download.
    download = client_for("student1").get(reverse("training:material_download", args=[video.pk]))
    play = client_for("student1").get(reverse("training:material_play", args=[video.pk]))
    assert play.status_code == download.status_code
    assert (
        client_for(None).get(reverse("training:material_play", args=[video.pk])).status_code == 302
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("film.srt", b"1\n00:00:00,000 --> 00:00:02,000\nHallo\n", "WebVTT-bestand (.vtt)"),
        ("film.vtt", b"1\n00:00:00.000 --> 00:00:02.000\nHallo\n", "met WEBVTT beginnen"),
        ("film.vtt", b"", "leeg"),
    ],
)
def test_captions_must_be_webvtt(client_for, media, name, data, message):
    response = post(
        client_for("trainer"),
        file=SimpleUploadedFile("film.mp4", MP4, content_type="video/mp4"),
        captions=SimpleUploadedFile(name, data, content_type="text/plain"),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Material.objects.filter(title="Filmpje feedback").exists()


def test_links_stay_links(client_for, media):
    link = Material.objects.filter(kind=Material.Kind.LINK).first()
    html = client_for("trainer").get(reverse("training:material_detail", args=[link.pk]))
    assert "<video" not in html.content.decode()
    assert link.url in html.content.decode()
