import hashlib
import hmac
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from padu.notify.models import Message, NotificationTemplate
from padu.notify.services import notify
from padu.notify.tasks import deliver_message
from tests.factories import make_agency, make_user

pytestmark = pytest.mark.django_db(transaction=True)

CONTEXT = {"service": "Surat Keterangan Domisili", "number": "SKD-0042", "url": "https://padu.test/p/42"}


def test_email_is_sent_after_commit_in_the_users_language():
    agency = make_agency()
    siti = make_user(email="siti@example.id", full_name="Siti Aminah", language="id")
    john = make_user(email="john@example.id", full_name="John Smith", language="en")
    with transaction.atomic():
        notify(recipient_user=siti, channels=["email"], key="application.submitted", context=CONTEXT, agency=agency)
        notify(recipient_user=john, channels=["email"], key="application.submitted", context=CONTEXT, agency=agency)
        assert mail.outbox == []  # not before commit
    by_to = {m.to[0]: m for m in mail.outbox}
    assert by_to["siti@example.id"].subject == "Permohonan SKD-0042 telah diterima"
    assert "Yth. Siti Aminah" in by_to["siti@example.id"].body
    assert agency.name in by_to["siti@example.id"].body
    assert by_to["john@example.id"].subject == "Application SKD-0042 has been received"
    assert "Dear John Smith" in by_to["john@example.id"].body
    assert agency.name in by_to["john@example.id"].from_email
    assert set(Message.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_nothing_is_sent_when_the_transaction_rolls_back():
    user = make_user()
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(recipient_user=user, channels=["email", "inapp"], key="document.ready", context={})
        raise RuntimeError("the caller failed")
    assert mail.outbox == []
    assert not Message.objects.exists()


def test_sms_goes_to_the_gateway_as_json_with_the_bearer_token(gateway, settings):
    settings.NOTIFY_SMS_URL = gateway.url
    settings.NOTIFY_SMS_TOKEN = "sms-secret-token"
    user = make_user(phone="+6281234567890", language="id")
    (message,) = notify(recipient_user=user, channels=["sms"], key="application.approved", context=CONTEXT)
    assert len(gateway.received) == 1
    call = gateway.received[0]
    assert call["headers"]["Authorization"] == "Bearer sms-secret-token"
    assert call["json"]["to"] == "+6281234567890"
    assert call["json"]["reference"] == message.reference
    assert "SKD-0042 disetujui" in call["json"]["text"]
    message.refresh_from_db()
    assert (message.status, message.provider_message_id, message.attempts) == ("sent", "gw-1", 1)


def test_an_address_in_local_form_is_normalised_to_e164(gateway, settings):
    settings.NOTIFY_WHATSAPP_URL = gateway.url
    notify(address="0812-3456-7890", channels=["whatsapp"], key="document.ready", context={}, language="en")
    assert gateway.received[0]["json"]["to"] == "+6281234567890"


def test_gateway_errors_fail_the_message_after_three_attempts(gateway, settings):
    settings.NOTIFY_SMS_URL = gateway.url
    gateway.status, gateway.answer = 500, b"upstream exploded"
    (message,) = notify(address="+6281234567890", channels=["sms"], key="case.near_due", context={})
    assert len(gateway.received) == 3
    message.refresh_from_db()
    assert message.status == "failed"
    assert message.attempts == 3
    assert "500" in message.error and "upstream exploded" in message.error


def test_an_unconfigured_gateway_fails_the_message_with_a_clear_error(settings):
    settings.NOTIFY_SMS_URL = ""
    (message,) = notify(address="+6281234567890", channels=["sms"], key="case.near_due", context={})
    message.refresh_from_db()
    assert (message.status, message.error, message.attempts) == ("failed", "SMS gateway not configured", 1)


def test_a_recipient_without_an_address_is_recorded_as_failed():
    user = make_user(email=None)
    (message,) = notify(recipient_user=user, channels=["sms"], key="document.ready", context={})
    assert message.status == "failed" and "phone" in message.error


def test_a_repeated_task_does_not_send_twice():
    user = make_user()
    (message,) = notify(recipient_user=user, channels=["email"], key="document.ready", context={})
    assert len(mail.outbox) == 1
    deliver_message.enqueue(message.pk)
    deliver_message.enqueue(message.pk, 1)
    assert len(mail.outbox) == 1


def test_an_agency_override_replaces_the_shipped_text():
    agency = make_agency()
    NotificationTemplate.objects.create(
        agency=agency, key="document.ready", language="id", channel="email", subject="Siap: {{ number }}", body="Hai"
    )
    user = make_user(language="id")
    notify(recipient_user=user, channels=["email"], key="document.ready", context={"number": "7"}, agency=agency)
    notify(recipient_user=user, channels=["email"], key="document.ready", context={"number": "8"})
    assert [m.subject for m in mail.outbox] == ["Siap: 7", "Dokumen  sudah siap"]


def test_the_worker_delivers_a_queued_message_from_the_database_queue():
    user = make_user(email="worker@example.id")
    message = Message.objects.create(
        recipient=user, address="worker@example.id", channel="email", template_key="document.ready", language="id",
        subject="Dokumen siap", body="Unduh di sini",
    )  # fmt: skip
    deliver_message.using(backend="database").enqueue(message.pk)
    assert mail.outbox == []
    call_command("worker", "--batch", "--backend", "database")
    assert [m.to for m in mail.outbox] == [["worker@example.id"]]
    message.refresh_from_db()
    assert message.status == "sent"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def _sign(body: bytes, secret: str = "callback-secret") -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _callback(client, channel, payload, signature=None):
    body = json.dumps(payload).encode()
    return client.post(
        f"/api/v1/notify/callback/{channel}",
        body,
        content_type="application/json",
        HTTP_X_PADU_SIGNATURE=signature if signature is not None else _sign(body),
    )


@pytest.fixture
def sent_sms(gateway, settings):
    settings.NOTIFY_SMS_URL = gateway.url
    settings.NOTIFY_CALLBACK_SECRET = "callback-secret"
    (message,) = notify(address="+6281234567890", channels=["sms"], key="document.ready", context={})
    return message


def test_a_signed_callback_marks_the_message_delivered(client, sent_sms):
    response = _callback(client, "sms", {"reference": sent_sms.reference, "status": "delivered"})
    assert response.status_code == 200, response.content
    assert response.json() == {"reference": sent_sms.reference, "status": "delivered"}
    sent_sms.refresh_from_db()
    assert sent_sms.status == "delivered" and sent_sms.delivered_at is not None


def test_a_failed_report_records_the_error(client, sent_sms):
    response = _callback(client, "sms", {"reference": sent_sms.reference, "status": "failed", "error": "no signal"})
    assert response.status_code == 200
    sent_sms.refresh_from_db()
    assert (sent_sms.status, sent_sms.error) == ("failed", "no signal")


def test_a_badly_signed_callback_is_refused_and_changes_nothing(client, sent_sms):
    response = _callback(client, "sms", {"reference": sent_sms.reference, "status": "delivered"}, "0" * 64)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "signature_invalid"
    sent_sms.refresh_from_db()
    assert sent_sms.status == "sent"


def test_a_callback_without_a_configured_secret_is_refused(client, sent_sms, settings):
    settings.NOTIFY_CALLBACK_SECRET = ""
    response = _callback(client, "sms", {"reference": sent_sms.reference, "status": "delivered"}, _sign(b"x", ""))
    assert response.status_code == 401


def test_a_callback_for_an_unknown_reference_is_not_found(client, sent_sms):
    response = _callback(client, "sms", {"reference": "nope", "status": "delivered"})
    assert response.status_code == 404
    assert response.json()["code"] == "message_not_found"
    response = _callback(client, "whatsapp", {"reference": sent_sms.reference, "status": "delivered"})
    assert response.status_code == 404
