from decimal import Decimal

import pytest

from padu.core.actors import Actor
from padu.core.roles import Role
from padu.services.models import SurveyResponse
from padu.services.services import application_act, application_start
from padu.services.survey import compute_index, grade_of
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db
ALL = {f"u{i}": 4 for i in range(1, 10)}


def test_the_index_follows_permenpanrb_14_2017():
    # Element means of 3.2 everywhere: 3.2 x 25 = 80.00, grade B (Baik).
    index = compute_index({f"u{i}": 16 for i in range(1, 10)}, 5)
    assert index.ikm == Decimal("80.00") and (index.grade, index.quality) == ("B", "Baik")
    assert grade_of(Decimal("88.31")) == ("A", "Sangat Baik")
    assert grade_of(Decimal("88.30")) == ("B", "Baik")
    assert grade_of(Decimal("76.60")) == ("C", "Kurang Baik")
    assert grade_of(Decimal("64.99")) == ("D", "Tidak Baik")
    assert compute_index({f"u{i}": 0 for i in range(1, 10)}, 0).ikm is None


@pytest.fixture
def completed(db):
    village = make_agency()
    version = make_service(village, workflow=[{"role": "verifier"}])
    citizen = make_citizen().user
    verifier = make_staff(village, Role.VERIFIER)
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    return village, app, citizen, verifier


def _rate(client, user, app_id, scores, comment=""):
    client.force_login(user)
    return client.post(
        f"/api/v1/applications/{app_id}/survey", {"scores": scores, "comment": comment}, content_type="application/json"
    )


def test_an_applicant_rates_a_completed_case_once_and_the_index_is_public(client, completed):
    village, app, citizen, verifier = completed
    assert _rate(client, citizen, app.pk, ALL).json()["code"] == "survey_too_early"
    application_act(actor=Actor(user=verifier), application=app, action="approve")
    scores = {**ALL, "u3": 2, "u4": 3}
    assert _rate(client, citizen, app.pk, scores, "Cepat dan ramah").status_code == 201
    assert _rate(client, citizen, app.pk, ALL).json()["code"] == "survey_done"
    index = client.get("/api/v1/satisfaction", {"agency": village.slug}).json()
    assert index["responses"] == 1
    assert index["ikm"] == pytest.approx(91.67)  # (7 x 4 + 2 + 3) / 9 x 25
    assert index["grade"] == "A"
    by_service = client.get("/api/v1/satisfaction", {"agency": village.slug, "service": "surat-keterangan-domisili"})
    assert by_service.json()["responses"] == 1
    assert client.get("/api/v1/satisfaction", {"service": "surat-keterangan-domisili"}).status_code == 400


@pytest.mark.parametrize(
    "scores",
    [{**ALL, "u1": 5}, {**ALL, "u9": 0}, {k: v for k, v in ALL.items() if k != "u5"}, {**ALL, "u10": 3}],
)
def test_bad_ratings_are_refused_and_nothing_is_stored(client, completed, scores):
    _, app, citizen, verifier = completed
    application_act(actor=Actor(user=verifier), application=app, action="approve")
    response = _rate(client, citizen, app.pk, scores)
    assert response.status_code == 400 and response.json()["code"] == "survey_invalid"
    assert not SurveyResponse.objects.exists()


def test_only_the_applicant_rates(client, completed):
    _, app, _, verifier = completed
    application_act(actor=Actor(user=verifier), application=app, action="approve")
    other = make_citizen(village="32.04.05.2002").user
    assert _rate(client, other, app.pk, ALL).status_code == 404
    assert _rate(client, verifier, app.pk, ALL).status_code == 404
    assert not SurveyResponse.objects.exists()
