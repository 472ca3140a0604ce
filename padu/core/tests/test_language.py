"""Pages speak Bahasa Indonesia whatever the browser asks for; English only when chosen.
The API keeps following Accept-Language."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_a_browser_set_to_english_still_gets_indonesian_pages(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert response["Content-Language"] == "id"
    assert '<html lang="id"' in response.content.decode()


def test_english_once_chosen_with_the_switch(client):
    switched = client.get("/bahasa/en/?next=/")
    assert switched.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="id")
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()


def test_an_unknown_language_in_the_cookie_falls_back_to_indonesian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "id"


def test_the_api_still_answers_in_the_language_asked_for(client):
    english = client.get("/api/v1/services/tidak-ada/tidak-ada", HTTP_ACCEPT_LANGUAGE="en")
    indonesian = client.get("/api/v1/services/tidak-ada/tidak-ada", HTTP_ACCEPT_LANGUAGE="id")
    assert english.status_code == indonesian.status_code == 404
    assert english["Content-Language"] == "en"
    assert indonesian["Content-Language"] == "id"
    assert english.json()["code"] == indonesian.json()["code"]
    assert english.json()["detail"] != indonesian.json()["detail"]
