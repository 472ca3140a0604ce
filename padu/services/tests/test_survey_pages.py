import pytest

from padu.core.actors import Actor
from padu.core.roles import Role
from padu.services.models import SurveyResponse
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def done(db):
    village = make_agency()
    version = make_service(village, workflow=[{"role": "verifier"}])
    citizen = make_citizen().user
    verifier = make_staff(village, Role.VERIFIER)
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    app = application_act(actor=Actor(user=verifier), application=app, action="approve")
    return village, app, citizen


def test_the_applicant_rates_and_the_index_appears_on_the_public_pages(client, done):
    village, app, citizen = done
    client.force_login(citizen)
    page = client.get(f"/akun/permohonan/{app.pk}/").content.decode()
    assert f"/akun/permohonan/{app.pk}/survei/" in page
    form = client.get(f"/akun/permohonan/{app.pk}/survei/")
    assert form.status_code == 200
    answers = {f"u{i}": "3" for i in range(1, 10)}
    response = client.post(f"/akun/permohonan/{app.pk}/survei/", {**answers, "comment": "Ramah"})
    assert response.status_code == 302
    assert SurveyResponse.objects.get().comment == "Ramah"
    assert f"/akun/permohonan/{app.pk}/survei/" not in client.get(f"/akun/permohonan/{app.pk}/").content.decode()
    client.logout()
    service_page = client.get(f"/layanan/{village.slug}/surat-keterangan-domisili/").content.decode()
    assert "75,00" in service_page  # 3 x 25, written the Indonesian way
    assert "75,00" in client.get(f"/instansi/{village.slug}/").content.decode()


def test_an_incomplete_rating_shows_errors_and_saves_nothing(client, done):
    _, app, citizen = done
    client.force_login(citizen)
    response = client.post(f"/akun/permohonan/{app.pk}/survei/", {"u1": "4", "u2": "9"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_someone_else_cannot_rate(client, done):
    _, app, _ = done
    client.force_login(make_citizen(village="32.04.05.2002").user)
    assert client.get(f"/akun/permohonan/{app.pk}/survei/").status_code == 404
