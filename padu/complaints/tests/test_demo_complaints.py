"""The demo shows what an office's first day needs of complaints: one taken by telephone from
a resident without an account (answered by telephone), one anonymous and confidential, and one
the verifier made confidential at verification."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from padu.accounts.demo import AGENCIES, CITIZENS
from padu.complaints.demo import PHONED_IN_TITLE
from padu.complaints.models import Complaint
from padu.core.models import AuditEvent
from tests.factories import load_regions

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_phoned_in_complaint_both_flags_and_a_verifiers_change():
    load_regions([spec.region for spec in AGENCIES] + [c[6] for c in CITIZENS])
    call_command("demo", "--skip-regions")
    phoned = Complaint.objects.get(title=PHONED_IN_TITLE)
    assert (phoned.channel, phoned.complainant, phoned.contact_name) == ("phone", None, "Sumarni")
    assert phoned.recorded_by is not None and phoned.recorded_by.email == "loket.cileunyikulon@padu.test"
    assert phoned.status == "verified"
    assert [m.contact_channel for m in phoned.messages.all()] == ["phone"]
    assert Complaint.objects.filter(anonymous=True, confidential=True).count() == 1
    change = AuditEvent.objects.get(verb="complaint.visibility_changed")
    assert change.changes["confidential"] == [False, True]
    assert Complaint.objects.get(pk=change.object_id).confidential
