"""The news API: public reads show only public items; staff write with sanitising."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from padu.core.actors import OPERATOR
from padu.core.roles import Role
from padu.core.services import api_token_create
from padu.publications.models import NewsItem
from padu.publications.services import news_create, news_publish
from tests.clients import api_client, csrf_client
from tests.factories import give_totp, make_agency, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return make_agency()


def staff_client(agency, role=Role.AGENCY_ADMIN) -> Client:
    user = make_staff(agency, role)
    give_totp(user)
    client = api_client()
    client.force_login(user)
    return client


def test_public_list_and_detail_show_only_public_items(client, agency):
    public = news_create(actor=OPERATOR, agency=agency, title="Kerja Bakti", body="<p>Minggu pagi.</p>")
    news_publish(actor=OPERATOR, item=public)
    news_create(actor=OPERATOR, agency=agency, title="Draf Rahasia", body="<p>x</p>")
    later = news_create(actor=OPERATOR, agency=agency, title="Nanti", body="<p>x</p>")
    news_publish(actor=OPERATOR, item=later, publish_at=timezone.now() + dt.timedelta(days=1))
    rows = client.get("/api/v1/news").json()
    assert [r["title"] for r in rows] == ["Kerja Bakti"]
    assert rows[0]["url"] == f"/instansi/{agency.slug}/berita/kerja-bakti/"
    assert client.get(f"/api/v1/news?agency={agency.slug}&kind=announcement").json() == []
    detail = client.get(f"/api/v1/news/{agency.slug}/kerja-bakti").json()
    assert detail["body"] == "<p>Minggu pagi.</p>"
    missing = client.get(f"/api/v1/news/{agency.slug}/nanti")
    assert missing.status_code == 404 and missing.json()["code"] == "news_not_found"


def test_staff_create_sanitises_and_publishes(agency):
    client = staff_client(agency)
    created = client.post(
        f"/api/v1/agencies/{agency.pk}/news",
        {"title": "Pengumuman", "kind": "announcement", "body": '<p onclick="x()">Libur</p><script>alert(1)</script>'},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["body"] == "<p>Libur</p>" and body["status"] == "draft"
    item_id = body["id"]
    patched = client.patch(
        f"/api/v1/agencies/{agency.pk}/news/{item_id}", {"summary": "Kantor tutup."}, content_type="application/json"
    )
    assert patched.json()["summary"] == "Kantor tutup."
    published = client.post(f"/api/v1/agencies/{agency.pk}/news/{item_id}/publish", {}, content_type="application/json")
    assert published.status_code == 200 and published.json()["status"] == "published"
    again = client.post(f"/api/v1/agencies/{agency.pk}/news/{item_id}/publish", {}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "news_already_published"
    assert client.post(f"/api/v1/agencies/{agency.pk}/news/{item_id}/unpublish").json()["status"] == "draft"
    listed = client.get(f"/api/v1/agencies/{agency.pk}/news").json()
    assert [r["id"] for r in listed] == [item_id]


def test_bad_input_gets_problem_json(agency):
    client = staff_client(agency)
    huge = client.post(
        f"/api/v1/agencies/{agency.pk}/news",
        {"title": "Besar", "body": "<p>" + "x" * 250_000 + "</p>"},
        content_type="application/json",
    )
    assert huge.status_code == 413 and huge.json()["code"] == "rich_text_too_large"
    assert "body" in huge.json()["errors"]
    empty = client.post(
        f"/api/v1/agencies/{agency.pk}/news",
        {"title": "", "body": "<script></script>"},
        content_type="application/json",
    )
    assert empty.status_code == 400 and empty.json()["code"] == "news_invalid"
    assert set(empty.json()["errors"]) == {"title", "body"}
    assert NewsItem.objects.count() == 0


def test_other_staff_and_tokens_cannot_write(agency):
    clerk = staff_client(agency, Role.FRONT_DESK)
    refused = clerk.post(
        f"/api/v1/agencies/{agency.pk}/news", {"title": "x", "body": "<p>x</p>"}, content_type="application/json"
    )
    assert refused.status_code == 403
    _, raw = api_token_create(actor=OPERATOR, agency=agency, name="CMS", scopes=["agencies:read"])
    token = csrf_client().get(f"/api/v1/agencies/{agency.pk}/news", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert token.status_code == 403
    other = staff_client(make_agency(name="Desa Lain", region="32.04.05.2002"))
    assert other.get(f"/api/v1/agencies/{agency.pk}/news").status_code == 404
