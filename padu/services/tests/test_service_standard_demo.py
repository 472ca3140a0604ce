"""Every service the demo publishes has a complete standard whose requirements its form
collects, and every demo office that offers services has its service charter. The demo is
built once for this module, as tests/test_demo.py builds it, and rolled back afterwards."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from padu.accounts.demo import AGENCIES, CITIZENS
from padu.accounts.models import User
from padu.services.demo.fees import FEE_SERVICE
from padu.services.demo.letters import LETTERS
from padu.services.models import ServiceCharter, ServiceVersion
from padu.services.standard import file_questions, hours_lines, missing_components, publish_problems
from tests.factories import load_regions

DEMO_SERVICES = [("desa-cileunyi-kulon", spec["slug"]) for spec in LETTERS] + [("kecamatan-cileunyi", FEE_SERVICE)]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_regions([spec.region for spec in AGENCIES] + [c[6] for c in CITIZENS])
        call_command("demo", "--skip-regions", verbosity=0)
        yield
        transaction.set_rollback(True)


def _published(agency: str, slug: str) -> ServiceVersion:
    return ServiceVersion.objects.select_related("service__agency").get(
        service__agency__slug=agency, service__slug=slug, status="published"
    )


@pytest.mark.django_db
def test_the_list_below_is_every_service_the_demo_publishes(demo):
    published = ServiceVersion.objects.filter(status="published").values_list("service__agency__slug", "service__slug")
    assert sorted(published) == sorted(DEMO_SERVICES)


@pytest.mark.django_db
@pytest.mark.parametrize(("agency", "slug"), DEMO_SERVICES, ids=[slug for _a, slug in DEMO_SERVICES])
def test_a_demo_service_has_the_whole_standard_and_its_form_collects_every_requirement(demo, client, agency, slug):
    version = _published(agency, slug)
    assert missing_components(version) == [] and version.hours and publish_problems(version) == {}
    questions = file_questions(version.form)
    documents = [r for r in version.requirements if r["kind"] == "document"]
    assert documents, "a demo service lists the documents it needs"
    for requirement in documents:
        assert requirement["field"] in questions or requirement["at_counter"], requirement
    assert set(questions) <= {r["field"] for r in documents}, "every file question is a listed requirement"
    # The applicant sees the same: the apply page asks for every document the form collects.
    client.force_login(User.objects.get(email="warga@padu.test"))
    client.cookies["django_language"] = "en"
    page = client.get(reverse("portal:apply", args=[agency, slug])).content.decode()
    for requirement in documents:
        assert requirement["name"] in page
        if requirement["field"]:
            assert f'type="file" name="{requirement["field"]}"' in page
    service_page = client.get(reverse("portal:service", args=[agency, slug])).content.decode()
    assert 'id="component-14"' in service_page and hours_lines(version.hours)[0][1] in service_page


@pytest.mark.django_db
def test_every_demo_office_that_offers_services_has_its_charter(demo, client):
    offices = set(ServiceVersion.objects.filter(status="published").values_list("service__agency__slug", flat=True))
    charters = ServiceCharter.objects.select_related("agency").filter(agency__slug__in=offices)
    assert sorted(c.agency.slug for c in charters) == sorted(offices)
    assert {c.signed_by_name for c in charters} == {"H. Ujang Suryana", "Drs. Bambang Hermawan"}
    client.cookies["django_language"] = "en"
    page = client.get(reverse("portal:agency", args=["desa-cileunyi-kulon"])).content.decode()
    assert "Service charter" in page and "menyelenggarakan pelayanan sesuai standar pelayanan" in page
