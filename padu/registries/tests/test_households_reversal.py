"""Reversing a household change keeps the household rule: the head change is undone exactly, and
reversing the creation of a household still active (it would be left without a head) is
refused, writing nothing."""

from __future__ import annotations

import pytest

from padu.core.actors import OPERATOR
from padu.core.errors import InvalidInput
from padu.registries.events import event_reverse
from padu.registries.households import household_create, household_set_head
from padu.registries.models import LifeEvent, Resident, ResidentChange
from padu.registries.tests.factories import make_family
from tests.factories import load_regions, make_agency

pytestmark = pytest.mark.django_db


def test_reversing_a_households_creation_is_checked_and_reversing_a_head_change_restores_the_head():
    load_regions(["32.04.05.2001"])
    agency = make_agency()
    _family, (head, wife, *_rest) = make_family(agency, members=3)
    household = household_create(actor=OPERATOR, agency=agency, head=head)
    household_set_head(actor=OPERATOR, agency=agency, household=household, head=wife)
    change = LifeEvent.objects.filter(agency=agency, details__action="head").latest("pk")
    # Reversing the head change gives the household its first head back.
    event_reverse(actor=OPERATOR, agency=agency, event=change, reason="Salah pilih kepala rumah tangga")
    assert Resident.objects.get(pk=head.pk).is_household_head
    assert not Resident.objects.get(pk=wife.pk).is_household_head
    # Reversing the creation would take everyone out of a household that is still active, with
    # no head: the household rule refuses it (before this check it left a headless household).
    created = LifeEvent.objects.filter(agency=agency, details__action="created").latest("pk")
    before = ResidentChange.objects.count()
    with pytest.raises(InvalidInput) as exc:
        event_reverse(actor=OPERATOR, agency=agency, event=created, reason="Dibuat keliru")
    assert exc.value.code == "household_rules"
    assert ResidentChange.objects.count() == before
    assert Resident.objects.get(pk=head.pk).household_id == household.pk
