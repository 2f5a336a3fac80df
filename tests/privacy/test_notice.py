"""The privacy notice per role: shown once at first sign-in, linked in every footer (PRIV-17)."""

import pytest
from django.test import Client
from django.urls import reverse

from leerroute.people.models import User
from leerroute.privacy.models import NoticeAcknowledgement

pytestmark = pytest.mark.django_db

BANNER = "Zo gaan we om met je gegevens"


def _signed_in(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_notice_shows_at_first_sign_in_until_read(client_for):
    client = _signed_in("werkbegeleider1")
    assert BANNER in client.get(reverse("core:home")).content.decode()
    response = client.post(reverse("privacy:acknowledge"), {"next": reverse("core:profile")})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:profile")
    assert BANNER not in client.get(reverse("core:home")).content.decode()
    assert NoticeAcknowledgement.objects.filter(user__username="werkbegeleider1").count() == 1
    # A later sign-in: read already, so not shown again.
    assert BANNER not in _signed_in("werkbegeleider1").get(reverse("core:home")).content.decode()


def test_acknowledge_never_redirects_off_site(client_for):
    response = _signed_in("student1").post(
        reverse("privacy:acknowledge"), {"next": "https://example.org/"}
    )
    assert response["Location"] == reverse("core:home")


@pytest.mark.parametrize(
    "account, heading",
    [
        ("student1", "Voor studenten"),
        ("werkbegeleider1", "Voor werkbegeleiders"),
        ("studentbegeleider1", "Voor studentbegeleiders"),
        ("praktijkopleider1", "Voor praktijkopleiders"),
        ("docent1", "Voor docenten"),
        ("trainer", "Voor trainers"),
        ("beheerder", "Voor functioneel beheerders"),
    ],
)
def test_each_role_reads_its_own_notice_first(account, heading, client_for):
    body = client_for(account).get(reverse("core:privacy")).content.decode()
    first_section = body.index('<section class="notice"')
    assert body.index(heading) > first_section
    assert body.index(heading) < body.index("Voor de andere rollen")


def test_anonymous_visitors_read_every_notice(client):
    body = client.get(reverse("core:privacy")).content.decode()
    for heading in ["Voor studenten", "Voor werkbegeleiders", "Voor docenten", "Voor medewerkers"]:
        assert heading in body


@pytest.mark.parametrize("url_name", ["core:home", "core:profile", "core:privacy"])
def test_every_page_footer_links_the_notice(url_name, client_for):
    body = client_for("student1").get(reverse(url_name)).content.decode()
    footer = body[body.index('<footer class="site-footer">') :]
    assert f'href="{reverse("core:privacy")}"' in footer
