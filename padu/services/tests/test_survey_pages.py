"""The survey pages: the applicant's rating with the optional profile, a counter applicant's
paper questionnaire entered by the front desk, and the index on the public pages (published
only from the minimum sample; this year's, or last year's while this year's is not)."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings

from padu.accounts.selectors import citizen_lookup_by_nik
from padu.core.actors import Actor
from padu.core.roles import Role
from padu.services.models import SurveyResponse
from padu.services.services import application_act, application_start, survey_submit
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db
ALL = {f"u{i}": 4 for i in range(1, 10)}
SERVICE_PAGE = "/layanan/{slug}/surat-keterangan-domisili/"


def _completed(village, version, citizen, verifier):
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    return application_act(actor=Actor(user=verifier), application=app, action="approve")


@pytest.fixture
def done(db):
    village = make_agency()
    version = make_service(village, workflow=[{"role": "verifier"}])
    citizen = make_citizen().user
    verifier = make_staff(village, Role.VERIFIER)
    return village, _completed(village, version, citizen, verifier), citizen


def _language(client, code):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = code


def test_the_applicant_rates_and_the_index_appears_on_the_public_pages(client, done, settings):
    settings.PADU_SKM_MIN_RESPONSES = 1
    village, app, citizen = done
    _language(client, "id")
    client.force_login(citizen)
    page = client.get(f"/akun/permohonan/{app.pk}/").content.decode()
    assert f"/akun/permohonan/{app.pk}/survei/" in page
    form = client.get(f"/akun/permohonan/{app.pk}/survei/")
    assert form.status_code == 200
    for name in ("sex", "age", "education", "occupation"):
        assert f'name="{name}"' in form.content.decode()
    answers = {f"u{i}": "3" for i in range(1, 10)}
    profile = {"sex": "P", "age": "41", "education": "diploma", "occupation": "pns"}
    response = client.post(f"/akun/permohonan/{app.pk}/survei/", {**answers, **profile, "comment": "Ramah"})
    assert response.status_code == 302 and response["Location"] == f"/akun/permohonan/{app.pk}/"
    stored = SurveyResponse.objects.get()
    assert (stored.comment, stored.sex, stored.age, stored.education, stored.occupation, stored.source) == (
        "Ramah",
        "P",
        41,
        "diploma",
        "pns",
        "online",
    )
    assert f"/akun/permohonan/{app.pk}/survei/" not in client.get(f"/akun/permohonan/{app.pk}/").content.decode()
    # Back at the survey address: already rated, nothing to fill in.
    assert client.get(f"/akun/permohonan/{app.pk}/survei/").status_code == 302
    client.logout()
    service_page = client.get(SERVICE_PAGE.format(slug=village.slug)).content.decode()
    assert "75,00" in service_page  # 3 x 25, written the Indonesian way
    assert "75,00" in client.get(f"/instansi/{village.slug}/").content.decode()


def test_the_profile_is_optional_on_the_form(client, done):
    _, app, citizen = done
    client.force_login(citizen)
    answers = {f"u{i}": "4" for i in range(1, 10)}
    response = client.post(f"/akun/permohonan/{app.pk}/survei/", {**answers, "sex": "", "age": ""})
    assert response.status_code == 302
    assert (SurveyResponse.objects.get().sex, SurveyResponse.objects.get().age) == ("", None)


def test_an_incomplete_rating_shows_errors_and_saves_nothing(client, done):
    _, app, citizen = done
    client.force_login(citizen)
    response = client.post(f"/akun/permohonan/{app.pk}/survei/", {"u1": "4", "u2": "9"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_bad_age_is_shown_at_its_field_and_nothing_is_saved(client, done):
    _, app, citizen = done
    _language(client, "en")
    client.force_login(citizen)
    answers = {f"u{i}": "4" for i in range(1, 10)}
    html = client.post(f"/akun/permohonan/{app.pk}/survei/", {**answers, "age": "7"}).content.decode()
    assert 'href="#id_age"' in html and "Give the age in years, from 10 to 120." in html
    html = client.post(f"/akun/permohonan/{app.pk}/survei/", {**answers, "sex": "X"}).content.decode()
    assert 'href="#id_sex_0"' in html
    assert not SurveyResponse.objects.exists()


def test_someone_else_cannot_rate(client, done):
    _, app, _ = done
    client.force_login(make_citizen(village="32.04.05.2002").user)
    assert client.get(f"/akun/permohonan/{app.pk}/survei/").status_code == 404
    assert not SurveyResponse.objects.exists()


def test_below_the_minimum_sample_the_page_says_how_many_answers_are_missing(client, done, settings):
    settings.PADU_SKM_MIN_RESPONSES = 10
    village, app, citizen = done
    with time_machine.travel(dt.datetime(2027, 6, 1, 3, 0, tzinfo=dt.UTC), tick=False):
        survey_submit(actor=Actor(user=citizen), application=app, scores=ALL)
        _language(client, "en")
        for url in (SERVICE_PAGE.format(slug=village.slug), f"/instansi/{village.slug}/"):
            page = client.get(url).content.decode()
            assert "2027: not enough responses yet (1 of 10 needed)." in page, url
            assert "100.00" not in page and "100,00" not in page


def test_last_years_index_is_shown_until_this_years_is_published(client, settings):
    settings.PADU_SKM_MIN_RESPONSES = 1
    village = make_agency()
    version = make_service(village, workflow=[{"role": "verifier"}])
    verifier = make_staff(village, Role.VERIFIER)
    citizen = make_citizen().user
    # Rated on 31 December 2026 at 20:00 WIB (13:00 UTC): last year's, seen from 2027.
    with time_machine.travel(dt.datetime(2026, 12, 31, 13, 0, tzinfo=dt.UTC), tick=False):
        survey_submit(
            actor=Actor(user=citizen), application=_completed(village, version, citizen, verifier), scores=ALL
        )
    _language(client, "en")
    with time_machine.travel(dt.datetime(2027, 1, 5, 3, 0, tzinfo=dt.UTC), tick=False):
        page = client.get(SERVICE_PAGE.format(slug=village.slug)).content.decode()
    assert "100.00" in page and "In 2026, from 1 rating by applicants" in page
    assert "2027: not enough responses yet (0 of 1 needed)." in page
    with time_machine.travel(dt.datetime(2027, 1, 6, 3, 0, tzinfo=dt.UTC), tick=False):
        app = _completed(village, version, citizen, verifier)
        survey_submit(actor=Actor(user=citizen), application=app, scores={**ALL, "u1": 1})
        page = client.get(SERVICE_PAGE.format(slug=village.slug)).content.decode()
    # (1 + 8 x 4) / 9 x 25 = 91.67, this year's; last year's is no longer shown.
    assert "91.67" in page and "In 2027 so far, from 1 rating by applicants" in page
    assert "100.00" not in page and "not enough responses yet" not in page


@pytest.fixture
def counter_case(db):
    village = make_agency()
    version = make_service(village, workflow=[{"role": "verifier"}])
    desk = make_staff(village, Role.FRONT_DESK)
    verifier = make_staff(village, Role.VERIFIER)
    citizen = make_citizen()
    citizen_lookup_by_nik(actor=Actor(user=desk), agency_id=village.pk, nik=citizen.nik, purpose="Surat di loket")
    app = application_start(actor=Actor(user=desk), version=version, answers=GOOD_ANSWERS, applicant=citizen.user)
    app = application_act(actor=Actor(user=desk), application=app, action="submit")
    app = application_act(actor=Actor(user=verifier), application=app, action="approve")
    return village, app, desk, verifier


def test_the_front_desk_records_a_paper_questionnaire_from_the_case_page(client, counter_case):
    village, app, desk, verifier = counter_case
    _language(client, "en")
    survey_url = f"/akun/permohonan/{app.pk}/survei/"
    # The verifier sees no such way, and may not use the address.
    client.force_login(verifier)
    assert survey_url not in client.get(f"/konsol/permohonan/{app.pk}/").content.decode()
    assert client.get(survey_url).status_code == 404
    # Another front-desk officer of the office than the one who opened the case.
    colleague = make_staff(village, Role.FRONT_DESK)
    client.force_login(colleague)
    case_page = client.get(f"/konsol/permohonan/{app.pk}/").content.decode()
    assert survey_url in case_page and "Record the paper questionnaire" in case_page
    form = client.get(survey_url).content.decode()
    assert "Record the paper questionnaire" in form and app.tracking_number in form
    answers = {f"u{i}": "2" for i in range(1, 10)}
    response = client.post(survey_url, {**answers, "sex": "L", "age": "63", "education": "sd", "occupation": "lainnya"})
    assert response.status_code == 302 and response["Location"] == f"/konsol/permohonan/{app.pk}/"
    stored = SurveyResponse.objects.get()
    assert (stored.source, stored.sex, stored.age, stored.u1) == ("paper", "L", 63, 2)
    assert survey_url not in client.get(f"/konsol/permohonan/{app.pk}/").content.decode()
