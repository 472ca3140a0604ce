import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from padu.accounts.models import User
from padu.accounts.tasks import send_account_email

pytestmark = pytest.mark.django_db(transaction=True)


def test_signup_mail_is_sent_by_a_task_after_commit(client):
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Siti Aminah",
            "email": "siti@example.id",
            "password1": "rahasia-Padu-2026",
            "password2": "rahasia-Padu-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="siti@example.id").full_name == "Siti Aminah"
    assert len(mail.outbox) == 1
    assert "/akun/confirm-email/" in mail.outbox[0].body


def test_the_worker_sends_queued_mail_from_the_database_queue():
    payload = {"subject": "Verifikasi", "body": "Kode 123", "from_email": "noreply@padu.test", "to": ["a@example.id"]}
    send_account_email.using(backend="database").enqueue(payload)
    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "READY"
    call_command("worker", "--batch", "--backend", "database")
    assert [m.to for m in mail.outbox] == [["a@example.id"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
