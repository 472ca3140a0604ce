"""The satisfaction survey (SKM, PermenPANRB 14/2017): the index, the respondent profile, who
may answer (the applicant online; a front-desk officer for a counter applicant's paper
questionnaire), periods in the agency's time zone and the minimum sample before publishing."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
import time_machine
from django.utils import timezone

from padu.accounts.selectors import citizen_lookup_by_nik
from padu.core.actors import Actor
from padu.core.errors import InvalidInput
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.services.models import SurveyResponse
from padu.services.services import application_act, application_start, survey_submit
from padu.services.survey import KREJCIE_MORGAN, compute_index, grade_of, krejcie_morgan, sample_minimum
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db
ALL = {f"u{i}": 4 for i in range(1, 10)}
SERVICE = "surat-keterangan-domisili"


def test_the_index_follows_permenpanrb_14_2017():
    # Element means of 3.2 everywhere: 3.2 x 25 = 80.00, grade B (Baik).
    index = compute_index({f"u{i}": 16 for i in range(1, 10)}, 5)
    assert index.ikm == Decimal("80.00") and (index.grade, index.quality) == ("B", "Baik")
    assert grade_of(Decimal("88.31")) == ("A", "Sangat Baik")
    assert grade_of(Decimal("88.30")) == ("B", "Baik")
    assert grade_of(Decimal("76.60")) == ("C", "Kurang Baik")
    assert grade_of(Decimal("64.99")) == ("D", "Tidak Baik")
    assert compute_index({f"u{i}": 0 for i in range(1, 10)}, 0).ikm is None


# ---- the minimum sample: Krejcie & Morgan (1970), as in the annex of PermenPANRB 14/2017 ----


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (10, 10),
        (15, 14),
        (30, 28),
        (50, 44),
        (100, 80),
        (200, 132),
        (500, 217),
        (1_000, 278),
        (5_000, 357),
        (10_000, 370),
        (75_000, 382),
        (1_000_000, 384),
    ],
)
def test_the_sample_for_a_population_in_the_table(population, sample):
    assert krejcie_morgan(population) == sample


def test_between_rows_the_next_larger_row_counts_and_never_more_than_there_are():
    assert krejcie_morgan(101) == 86  # the row of 110
    assert krejcie_morgan(1_001) == 285  # the row of 1,100
    assert krejcie_morgan(11) == 11  # the row of 15 says 14: only 11 people were served
    assert krejcie_morgan(5) == 5
    assert krejcie_morgan(0) == 0
    assert krejcie_morgan(3_000_000) == 384


def test_the_table_is_the_krejcie_morgan_formula_rounded():
    """S = X²NP(1-P) / (d²(N-1) + X²P(1-P)), X² = 3.841 (1 degree of freedom, 95 %), P = 0.5,
    d = 0.05: every row of the table, recomputed here."""
    x2, p, d = Decimal("3.841"), Decimal("0.5"), Decimal("0.05")
    for n, s in KREJCIE_MORGAN:
        exact = x2 * n * p * (1 - p) / (d * d * (n - 1) + x2 * p * (1 - p))
        assert exact.quantize(Decimal(1), rounding=ROUND_HALF_UP) == s, n


def test_the_configured_floor_holds_for_small_offices():
    assert sample_minimum(5, 10) == 10  # five letters a year: never enough for an index
    assert sample_minimum(30, 10) == 28
    assert sample_minimum(1_000, 10) == 278
    assert sample_minimum(3, 1) == 3
    assert sample_minimum(0, 1) == 1


# ---- rating a completed case ----


@pytest.fixture
def completed(db):
    village = make_agency()
    version = make_service(village, workflow=[{"role": "verifier"}])
    citizen = make_citizen().user
    verifier = make_staff(village, Role.VERIFIER)
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    return village, app, citizen, verifier


def _rate(client, user, app_id, scores, comment="", profile=None):
    client.force_login(user)
    payload = {"scores": scores, "comment": comment}
    if profile is not None:
        payload["profile"] = profile
    return client.post(f"/api/v1/applications/{app_id}/survey", payload, content_type="application/json")


def test_an_applicant_rates_a_completed_case_once_and_the_index_is_public(client, completed, settings):
    settings.PADU_SKM_MIN_RESPONSES = 1
    village, app, citizen, verifier = completed
    assert _rate(client, citizen, app.pk, ALL).json()["code"] == "survey_too_early"
    application_act(actor=Actor(user=verifier), application=app, action="approve")
    scores = {**ALL, "u3": 2, "u4": 3}
    profile = {"sex": "P", "age": 36, "education": "sma", "occupation": "wirausaha"}
    assert _rate(client, citizen, app.pk, scores, "Cepat dan ramah", profile).status_code == 201
    assert _rate(client, citizen, app.pk, ALL).json()["code"] == "survey_done"
    stored = SurveyResponse.objects.get()
    assert (stored.sex, stored.age, stored.education, stored.occupation, stored.source) == (
        "P",
        36,
        "sma",
        "wirausaha",
        "online",
    )
    index = client.get("/api/v1/satisfaction", {"agency": village.slug}).json()
    assert (index["responses"], index["population"], index["required"], index["published"]) == (1, 1, 1, True)
    assert index["ikm"] == pytest.approx(91.67)  # (7 x 4 + 2 + 3) / 9 x 25
    assert index["grade"] == "A"
    assert index["respondents"]["sex"] == {"L": 0, "P": 1}
    assert index["respondents"]["occupation"]["wirausaha"] == 1
    by_service = client.get("/api/v1/satisfaction", {"agency": village.slug, "service": SERVICE})
    assert by_service.json()["responses"] == 1
    assert client.get("/api/v1/satisfaction", {"service": SERVICE}).status_code == 400


def test_the_profile_is_optional(client, completed):
    _, app, citizen, verifier = completed
    application_act(actor=Actor(user=verifier), application=app, action="approve")
    assert _rate(client, citizen, app.pk, ALL, profile={"sex": "", "age": None}).status_code == 201
    stored = SurveyResponse.objects.get()
    assert (stored.sex, stored.age, stored.education, stored.occupation) == ("", None, "", "")


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


@pytest.mark.parametrize(
    ("profile", "field"),
    [
        ({"sex": "X"}, "sex"),
        ({"age": 7}, "age"),
        ({"age": 121}, "age"),
        ({"age": "tiga puluh"}, "age"),
        ({"education": "s3"}, "education"),
        ({"occupation": "petani"}, "occupation"),
        ({"income": "1000000"}, "income"),
    ],
)
def test_a_bad_profile_answer_is_refused_by_field_and_nothing_is_stored(client, completed, profile, field):
    _, app, citizen, verifier = completed
    application_act(actor=Actor(user=verifier), application=app, action="approve")
    response = _rate(client, citizen, app.pk, ALL, profile=profile)
    assert response.status_code == 400
    assert response.json()["code"] == "survey_invalid"
    assert list(response.json()["errors"]) == [field]
    assert not SurveyResponse.objects.exists()
    # The owner control: the same person with a good profile is heard.
    assert _rate(client, citizen, app.pk, ALL, profile={"age": 30}).status_code == 201


def test_only_the_applicant_rates_an_online_case(client, completed):
    village, app, citizen, verifier = completed
    application_act(actor=Actor(user=verifier), application=app, action="approve")
    other = make_citizen(village="32.04.05.2002").user
    desk = make_staff(village, Role.FRONT_DESK)
    assert _rate(client, other, app.pk, ALL).status_code == 404
    assert _rate(client, verifier, app.pk, ALL).status_code == 404
    assert _rate(client, desk, app.pk, ALL).status_code == 404  # not a counter case
    assert not SurveyResponse.objects.exists()
    assert _rate(client, citizen, app.pk, ALL).status_code == 201


# ---- a counter applicant's paper questionnaire ----


@pytest.fixture
def counter_case(db):
    """A case opened at the counter by village A's front desk for a walk-in citizen, completed."""
    village = make_agency()
    version = make_service(village, workflow=[{"role": "verifier"}])
    desk = make_staff(village, Role.FRONT_DESK)
    verifier = make_staff(village, Role.VERIFIER)
    citizen = make_citizen()
    citizen_lookup_by_nik(actor=Actor(user=desk), agency_id=village.pk, nik=citizen.nik, purpose="Surat di loket")
    app = application_start(actor=Actor(user=desk), version=version, answers=GOOD_ANSWERS, applicant=citizen.user)
    app = application_act(actor=Actor(user=desk), application=app, action="submit")
    app = application_act(actor=Actor(user=verifier), application=app, action="approve")
    return village, app, desk, verifier, citizen.user


def test_a_front_desk_officer_records_a_counter_applicants_paper_questionnaire(client, counter_case):
    village, app, desk, _verifier, _citizen = counter_case
    assert app.channel == "counter" and app.status == "completed"
    other_desk = make_staff(village, Role.FRONT_DESK)  # not the officer who opened the case
    profile = {"sex": "L", "age": 58, "education": "sd", "occupation": "lainnya"}
    assert _rate(client, other_desk, app.pk, {**ALL, "u9": 2}, "Ruang tunggu sempit", profile).status_code == 201
    stored = SurveyResponse.objects.get()
    assert (stored.source, stored.sex, stored.age, stored.u9, stored.comment) == (
        "paper",
        "L",
        58,
        2,
        "Ruang tunggu sempit",
    )
    event = AuditEvent.objects.get(verb="survey.submitted")
    assert event.actor_id == other_desk.pk and event.changes["source"] == "paper"
    assert _rate(client, desk, app.pk, ALL).json()["code"] == "survey_done"


def test_only_the_agencys_front_desk_or_the_applicant_may_answer_a_counter_case(client, counter_case):
    _village, app, _desk, verifier, citizen = counter_case
    elsewhere = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    desk_elsewhere = make_staff(elsewhere, Role.FRONT_DESK)
    assert _rate(client, desk_elsewhere, app.pk, ALL).status_code == 404
    assert _rate(client, verifier, app.pk, ALL).status_code == 404
    assert not SurveyResponse.objects.exists()
    # The applicant, if they have a login, may answer online instead.
    assert _rate(client, citizen, app.pk, ALL).status_code == 201
    assert SurveyResponse.objects.get().source == "online"


# ---- periods in the agency's time zone, and the minimum sample ----


def _completed_and_rated(agency, version, verifier, at, scores=ALL):
    """A case completed and rated at the instant `at` (UTC)."""
    citizen = make_citizen(village="32.04.05.2001").user
    with time_machine.travel(at, tick=False):
        app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
        app = application_act(actor=Actor(user=citizen), application=app, action="submit")
        app = application_act(actor=Actor(user=verifier), application=app, action="approve")
        survey_submit(actor=Actor(user=citizen), application=app, scores=scores)
    return app


def test_a_period_is_counted_in_the_agencys_own_time_zone(client, settings):
    settings.PADU_SKM_MIN_RESPONSES = 1
    wib = make_agency()
    wit = make_agency(name="Pemerintah Kota Jayapura", kind="pemda", region="91.71")
    services = {a.pk: make_service(a, workflow=[{"role": "verifier"}]) for a in (wib, wit)}
    verifiers = {a.pk: make_staff(a, Role.VERIFIER) for a in (wib, wit)}
    # 31 December 2026, 16:30 UTC: 23:30 on New Year's Eve in Bandung, already 01:30 on
    # 1 January 2027 in Jayapura.
    moment = dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.UTC)
    for agency in (wib, wit):
        _completed_and_rated(agency, services[agency.pk], verifiers[agency.pk], moment)

    def counted(agency, year):
        found = client.get(
            "/api/v1/satisfaction", {"agency": agency.slug, "start": f"{year}-01-01", "end": f"{year}-12-31"}
        ).json()
        return found["responses"], found["population"]

    assert counted(wib, 2026) == (1, 1) and counted(wib, 2027) == (0, 0)
    assert counted(wit, 2026) == (0, 0) and counted(wit, 2027) == (1, 1)
    # Across agencies each response is counted in its own agency's time zone.
    new_year = client.get("/api/v1/satisfaction", {"start": "2027-01-01", "end": "2027-01-01"}).json()
    assert (new_year["responses"], new_year["population"]) == (1, 1)
    bad = client.get("/api/v1/satisfaction", {"agency": wib.slug, "start": "2027-02-01", "end": "2027-01-01"})
    assert bad.status_code == 400 and bad.json()["code"] == "period_invalid"


def test_no_index_is_published_below_the_minimum_sample(client, settings):
    settings.PADU_SKM_MIN_RESPONSES = 10
    village = make_agency()
    version = make_service(village, workflow=[{"role": "verifier"}])
    verifier = make_staff(village, Role.VERIFIER)
    start = dt.datetime(2027, 3, 1, 3, 0, tzinfo=dt.UTC)
    for i in range(9):
        _completed_and_rated(village, version, verifier, start + dt.timedelta(days=i), {**ALL, "u1": 3})
    period = {"agency": village.slug, "start": "2027-01-01", "end": "2027-12-31"}
    withheld = client.get("/api/v1/satisfaction", period).json()
    assert withheld == {
        "responses": 9,
        "element_means": {},
        "ikm": None,
        "grade": None,
        "quality": None,
        "published": False,
        "population": 9,
        "required": 10,
        "respondents": {},
    }
    _completed_and_rated(village, version, verifier, start + dt.timedelta(days=20), {**ALL, "u1": 3})
    shown = client.get("/api/v1/satisfaction", period).json()
    # u1 = 3 on every answer, the other eight 4: (3 + 8 x 4) / 9 x 25 = 97.22.
    assert (shown["published"], shown["responses"], shown["required"]) == (True, 10, 10)
    assert shown["ikm"] == pytest.approx(97.22)


def test_the_sample_grows_with_the_completed_applications(client, settings):
    """30 applications completed, the table asks for 28 answers: 27 are not enough."""
    settings.PADU_SKM_MIN_RESPONSES = 10
    village = make_agency()
    version = make_service(village, workflow=[{"role": "verifier"}])
    verifier = make_staff(village, Role.VERIFIER)
    start = dt.datetime(2027, 5, 3, 3, 0, tzinfo=dt.UTC)
    cases = [_completed_and_rated(village, version, verifier, start + dt.timedelta(hours=i)) for i in range(27)]
    citizen = make_citizen(village="32.04.05.2001").user
    with time_machine.travel(start + dt.timedelta(days=1), tick=False):
        for _ in range(3):  # completed, not rated
            app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
            app = application_act(actor=Actor(user=citizen), application=app, action="submit")
            cases.append(application_act(actor=Actor(user=verifier), application=app, action="approve"))
    index = client.get("/api/v1/satisfaction", {"agency": village.slug, "start": "2027-05-01", "end": "2027-05-31"})
    assert (index.json()["population"], index.json()["required"], index.json()["published"]) == (30, 28, False)
    with time_machine.travel(start + dt.timedelta(days=2), tick=False):
        survey_submit(actor=Actor(user=citizen), application=cases[-1], scores=ALL)
    index = client.get("/api/v1/satisfaction", {"agency": village.slug, "start": "2027-05-01", "end": "2027-05-31"})
    assert (index.json()["responses"], index.json()["published"]) == (28, True)


def test_a_paper_questionnaire_entered_later_counts_when_it_was_filled_in(client, counter_case, settings):
    settings.PADU_SKM_MIN_RESPONSES = 1
    village, app, desk, _verifier, _citizen = counter_case
    officer = Actor(user=desk)
    with pytest.raises(InvalidInput) as future:
        survey_submit(actor=officer, application=app, scores=ALL, at=timezone.now() + dt.timedelta(hours=1))
    assert future.value.code == "time_in_future"
    with pytest.raises(InvalidInput) as early:
        survey_submit(actor=officer, application=app, scores=ALL, at=app.completed_at - dt.timedelta(minutes=1))
    assert early.value.code == "survey_before_completion"
    assert not SurveyResponse.objects.exists()
    filled_in = app.completed_at + dt.timedelta(minutes=30)
    with time_machine.travel(app.completed_at + dt.timedelta(days=3), tick=False):  # entered three days on
        assert survey_submit(actor=officer, application=app, scores=ALL, at=filled_in).created_at == filled_in
