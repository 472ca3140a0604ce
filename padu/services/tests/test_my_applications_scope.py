"""The list of "my applications" is the person's own: the page and the API list exactly the
applications the citizen applied for and none of another citizen's."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from padu.accounts.models import User
from padu.core.actors import Actor
from padu.services.models import Application
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> dict[str, tuple[User, list[Application]]]:
    kulon = make_agency()
    wetan = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    domicile = make_service(kulon)
    business = make_service(wetan, name="Surat Keterangan Usaha")
    siti = make_citizen(make_user(full_name="Siti Aminah"), female=True).user
    budi = make_citizen(make_user(full_name="Budi Santoso"), village="32.04.05.2002").user
    # Siti: a draft and a submitted application, in two agencies.
    siti_draft = application_start(actor=Actor(user=siti), version=domicile, answers=GOOD_ANSWERS)
    siti_sent = application_start(actor=Actor(user=siti), version=business, answers=GOOD_ANSWERS)
    application_act(actor=Actor(user=siti), application=siti_sent, action="submit")
    # Budi: two drafts, one in each agency.
    budi_first = application_start(actor=Actor(user=budi), version=domicile, answers=GOOD_ANSWERS)
    budi_second = application_start(actor=Actor(user=budi), version=business, answers=GOOD_ANSWERS)
    return {"siti": (siti, [siti_draft, siti_sent]), "budi": (budi, [budi_first, budi_second])}


BOTH = [("siti", "budi"), ("budi", "siti")]


@pytest.mark.parametrize(("mine", "theirs"), BOTH)
def test_my_applications_page_lists_mine_and_none_of_anothers(client: Client, people, mine, theirs):
    me, my_applications = people[mine]
    _, their_applications = people[theirs]
    client.force_login(me)
    response = client.get("/akun/permohonan/")
    assert response.status_code == 200
    body = response.content.decode()
    linked = {int(pk) for pk in re.findall(r'href="/akun/permohonan/(\d+)/"', body)}
    assert linked == {a.pk for a in my_applications}
    for application in my_applications:
        assert application.tracking_number in body
    for application in their_applications:
        assert application.tracking_number not in body


@pytest.mark.parametrize(("mine", "theirs"), BOTH)
def test_my_applications_api_lists_mine_and_none_of_anothers(client: Client, people, mine, theirs):
    me, my_applications = people[mine]
    _, their_applications = people[theirs]
    client.force_login(me)
    response = client.get("/api/v1/me/applications")
    assert response.status_code == 200, response.content
    rows = response.json()
    assert len(rows) == len(my_applications)
    assert {r["id"] for r in rows} == {a.pk for a in my_applications}
    assert {r["tracking_number"] for r in rows} == {a.tracking_number for a in my_applications}
    assert not {r["tracking_number"] for r in rows} & {a.tracking_number for a in their_applications}


def test_someone_with_no_applications_sees_none(client: Client, people):
    client.force_login(make_citizen(make_user(full_name="Warga Baru")).user)
    assert client.get("/api/v1/me/applications").json() == []
    body = client.get("/akun/permohonan/").content.decode()
    assert not re.findall(r'href="/akun/permohonan/(\d+)/"', body)
    for _, applications in people.values():
        for application in applications:
            assert application.tracking_number not in body
