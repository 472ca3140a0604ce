import re

import pytest
from django.utils import timezone

from padu.core.roles import Role
from padu.notify.models import Message
from padu.notify.rendering import TemplateSyntaxProblem, render_text
from padu.notify.services import notify
from padu.notify.templates_registry import registry
from tests.factories import make_agency, make_staff, make_user

pytestmark = pytest.mark.django_db


def _inbox(user, subject, **kw):
    return Message.objects.create(
        recipient=user, channel="inapp", template_key="document.ready", language="id", subject=subject,
        body=f"Isi {subject}", status="sent", **kw,
    )  # fmt: skip


def test_the_inbox_shows_only_my_messages_unread_first(client):
    me, other = make_user(), make_user()
    read = _inbox(me, "Sudah dibaca", read_at=timezone.now())
    _inbox(me, "Belum dibaca")
    _inbox(other, "Rahasia orang lain")
    client.force_login(me)
    body = client.get("/akun/pesan/").content.decode()
    assert "Rahasia orang lain" not in body
    assert body.index("Belum dibaca") < body.index("Sudah dibaca")
    assert f"/akun/pesan/{read.pk}/" in body


def test_opening_a_message_marks_it_read_and_others_get_404(client):
    me, other = make_user(), make_user()
    message = _inbox(me, "Dokumen siap")
    client.force_login(other)
    assert client.get(f"/akun/pesan/{message.pk}/").status_code == 404
    message.refresh_from_db()
    assert message.read_at is None
    client.force_login(me)
    response = client.get(f"/akun/pesan/{message.pk}/")
    assert response.status_code == 200 and "Isi Dokumen siap" in response.content.decode()
    message.refresh_from_db()
    assert message.read_at is not None


def test_the_inbox_needs_a_login(client):
    assert client.get("/akun/pesan/").status_code == 302


def test_my_messages_api_and_marking_read(api_client, django_capture_on_commit_callbacks):
    me, other = make_user(), make_user()
    with django_capture_on_commit_callbacks(execute=True):
        (message,) = notify(recipient_user=me, channels=["inapp"], key="document.ready", context={"document": "SKD"})
    assert Message.objects.get(pk=message.pk).status == "sent"
    api_client.force_login(me)
    listed = api_client.get("/api/v1/me/messages").json()
    assert [m["id"] for m in listed] == [message.pk] and listed[0]["read_at"] is None
    assert api_client.post(f"/api/v1/me/messages/{message.pk}/read").json()["read_at"] is not None
    assert api_client.get("/api/v1/me/messages", {"unread": True}).json() == []
    api_client.force_login(other)
    assert api_client.get("/api/v1/me/messages").json() == []
    response = api_client.post(f"/api/v1/me/messages/{message.pk}/read")
    assert response.status_code == 404 and response.json()["code"] == "message_not_found"


def test_the_agency_delivery_log_is_for_its_admins(api_client):
    agency, elsewhere = make_agency(), make_agency(name="Desa Lain", region="32.04.05.2002")
    Message.objects.create(
        address="siti@example.id", channel="email", template_key="document.ready", language="id", body="x",
        agency=agency, status="failed", error="SMTP: down", attempts=3,
    )  # fmt: skip
    api_client.force_login(make_staff(agency, Role.AGENCY_ADMIN))
    rows = api_client.get(f"/api/v1/agencies/{agency.pk}/messages").json()
    got = [(r["status"], r["error"], r["address_masked"]) for r in rows]
    assert got == [("failed", "SMTP: down", "si***@example.id")]
    assert api_client.get(f"/api/v1/agencies/{elsewhere.pk}/messages").status_code == 404
    api_client.force_login(make_staff(agency, Role.FRONT_DESK))
    assert api_client.get(f"/api/v1/agencies/{agency.pk}/messages").status_code == 403


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("channel", ["email", "sms", "whatsapp", "inapp"])
def test_every_shipped_template_renders_in_both_languages(language, channel):
    """Every app's notification kinds: each variable a text uses is declared, and with the
    declared variables filled in nothing is left unrendered."""
    assert len(list(registry)) > 10  # the apps' kinds are registered, not only notify's own
    for kind in registry:
        text = kind.text(language, channel)
        used = set(re.findall(r"{{\s*(\w+)", text.subject + text.body))
        assert used <= set(kind.variables), (kind.key, sorted(used - set(kind.variables)))
        context = {name: f"<{name}>" for name in kind.variables}
        body = render_text(text.body, context)
        assert "{{" not in body and "{%" not in body, kind.key
        for name in used:
            if name in text.body:
                assert f"<{name}>" in body or f"&lt;{name}&gt;" in body, (kind.key, name)
        if channel in ("email", "inapp"):
            assert render_text(text.subject, context), kind.key


@pytest.mark.parametrize(
    "source", ["{% load static %}", "{% include 'portal/base.html' %}", "{% debug %}", "{% extends 'x' %}"]
)
def test_the_template_engine_is_restricted(source):
    with pytest.raises(TemplateSyntaxProblem):
        render_text(source, {})


def test_objects_in_the_context_are_reduced_to_text():
    user = make_user(full_name="Siti")
    assert render_text("{{ user.password }}|{{ user }}", {"user": user}) == "|Siti"
