import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from padu.core.actors import Actor
from padu.core.errors import Conflict
from padu.core.roles import Role
from padu.notify.models import Message
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def case(db):
    village = make_agency()
    version = make_service(village)
    citizen = make_citizen(female=True).user
    citizen.language = "id"
    citizen.save()
    verifier = make_staff(village, Role.VERIFIER, full_name="Dedi Kurniawan")
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    return app, citizen, verifier


def test_the_applicant_is_told_at_each_turn(case, django_capture_on_commit_callbacks):
    app, citizen, verifier = case
    with django_capture_on_commit_callbacks(execute=True):
        app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    inapp = Message.objects.get(recipient=citizen, channel="inapp", template_key="application.submitted")
    assert app.tracking_number in inapp.body
    assert f"/lacak/{app.tracking_number}/" in inapp.body
    assert mail.outbox[-1].to == [citizen.email]
    assert "diterima" in str(mail.outbox[-1].subject) + str(mail.outbox[-1].body)
    with django_capture_on_commit_callbacks(execute=True):
        application_act(actor=Actor(user=verifier), application=app, action="return", note="Foto KTP buram")
    returned = Message.objects.get(recipient=citizen, channel="email", template_key="application.returned")
    assert "Foto KTP buram" in returned.body
    assert returned.status == "sent"


def test_a_refused_transition_tells_nobody(case, django_capture_on_commit_callbacks):
    app, citizen, verifier = case
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict):
        application_act(actor=Actor(user=verifier), application=app, action="approve")
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_officers_are_reminded_once_when_a_case_falls_due(case, django_capture_on_commit_callbacks):
    app, citizen, verifier = case
    submitted = dt.datetime(2026, 11, 23, 9, tzinfo=WIB)  # Monday; due Thursday 26 November
    application_act(actor=Actor(user=citizen), application=app, action="submit", at=submitted)
    with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2026, 11, 26, 8, tzinfo=WIB)):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("cases", "remind")
            call_command("cases", "remind")
    reminders = Message.objects.filter(recipient=verifier, template_key="case.near_due")
    assert reminders.count() == 2  # in-app and email, once
    assert "26 November 2026" in reminders.get(channel="inapp").body
