"""'Mijn profiel': every signed-in person's own account page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_profile_shows_own_account_and_roles(client_for):
    response = client_for("werkbegeleider1").get(reverse("core:profile"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "werkbegeleider1" in body
    assert "Werkbegeleider" in body
    assert "werkbegeleider2" not in body


def test_profile_of_a_person_without_role_says_so(client_for, django_user_model):
    from django.test import Client

    client = Client()
    client.force_login(django_user_model.objects.create_user("zonderrol"))
    body = client.get(reverse("core:profile")).content.decode()
    assert "Je hebt op dit moment geen rol in de leerroute." in body


def test_profile_needs_sign_in(client):
    response = client.get(reverse("core:profile"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_profile_is_in_the_header_menu(client_for):
    body = client_for("student1").get(reverse("core:home")).content.decode()
    assert f'href="{reverse("core:profile")}"' in body
