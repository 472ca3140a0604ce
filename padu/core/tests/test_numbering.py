import datetime as dt
import threading

import pytest
from django.db import connection, transaction

from padu.core.actors import OPERATOR, Actor
from padu.core.errors import Forbidden, InvalidInput, NotFound
from padu.core.models import AuditEvent, NumberCounter
from padu.core.numbering import number_peek, number_take
from padu.core.roles import Role
from padu.core.services import letter_numbering_set, number_pattern_set
from tests.factories import make_agency, make_staff

PATTERN = "[nomor,3]/[kode]/[kode_desa]/[bulan_romawi]/[tahun]"


@pytest.fixture
def village(db):
    agency = make_agency()
    number_pattern_set(actor=OPERATOR, agency=agency, kind="sk-domisili", pattern=PATTERN, classification_code="470")
    return agency


def test_numbers_follow_the_pattern_in_order(village):
    when = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)
    assert number_take(agency=village, kind="sk-domisili", when=when) == "001/470/2001/XI/2026"
    assert number_take(agency=village, kind="sk-domisili", when=when) == "002/470/2001/XI/2026"


def test_a_yearly_pattern_restarts_in_january_in_local_time(village):
    number_take(agency=village, kind="sk-domisili", when=dt.datetime(2026, 12, 31, 10, tzinfo=dt.UTC))
    # 31 Dec 17:30 UTC is already 1 January 2027 in WIB.
    first_of_year = number_take(
        agency=village, kind="sk-domisili", when=dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC)
    )
    assert first_of_year == "001/470/2001/I/2027"


def test_a_never_reset_pattern_keeps_counting(village):
    number_pattern_set(actor=OPERATOR, agency=village, kind="reg", pattern="REG-[nomor,5]", reset="never")
    assert number_take(agency=village, kind="reg", when=dt.datetime(2026, 12, 31, tzinfo=dt.UTC)) == "REG-00001"
    assert number_take(agency=village, kind="reg", when=dt.datetime(2027, 6, 1, tzinfo=dt.UTC)) == "REG-00002"


def test_a_rolled_back_document_leaves_no_gap(village):
    with pytest.raises(RuntimeError), transaction.atomic():
        number_take(agency=village, kind="sk-domisili")
        raise RuntimeError("the document could not be created")
    assert number_take(agency=village, kind="sk-domisili").startswith("001/")


@pytest.mark.parametrize(
    "pattern", ["[nomor]/[kode]/[huruf]", "[kode]/[tahun]", "[nomor]/[nomor]", "[nomor,3]/[kode]/[bulan_romawi]"]
)
def test_bad_patterns_are_refused(village, pattern):
    with pytest.raises(InvalidInput) as err:
        number_pattern_set(actor=OPERATOR, agency=village, kind="x", pattern=pattern)
    assert err.value.code == "number_pattern_invalid"


def test_a_kind_without_a_pattern_is_a_clear_error(village):
    with pytest.raises(NotFound) as err:
        number_take(agency=village, kind="unknown-kind")
    assert err.value.code == "number_pattern_missing"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_threads_never_duplicate_or_skip_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locking under real concurrency is proven on PostgreSQL (DATABASE_URL)")
    agency = make_agency()
    number_pattern_set(actor=OPERATOR, agency=agency, kind="sk", pattern="[nomor]/[tahun]")
    threads, per_thread = 12, 15
    taken: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            for _ in range(per_thread):
                with transaction.atomic():
                    number = number_take(agency=agency, kind="sk")
                with lock:
                    taken.append(number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors
    numbers = sorted(int(n.split("/")[0]) for n in taken)
    assert numbers == list(range(1, threads * per_thread + 1))
    assert NumberCounter.objects.get(agency=agency, kind="@agenda").last == threads * per_thread


# ---- one agenda per agency and year (issue: four different letters all got 001/470/...) ----

LETTER = "[nomor,3]/[kode]/[kode_instansi]/[bulan_romawi]/[tahun]"
NOV = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def office(db):
    agency = make_agency(code="DS-CKL")
    for kind, code in (("sk-domisili", "400.12.2"), ("sk-pindah", "400.12.2.2"), ("sk-usaha", "500")):
        number_pattern_set(actor=OPERATOR, agency=agency, kind=kind, pattern=LETTER, classification_code=code)
    return agency


def test_different_letter_kinds_share_one_agenda_counter(office):
    taken = [number_take(agency=office, kind=kind, when=NOV) for kind in ("sk-domisili", "sk-usaha", "sk-domisili")]
    assert taken == [
        "001/400.12.2/DS-CKL/XI/2026",
        "002/500/DS-CKL/XI/2026",
        "003/400.12.2/DS-CKL/XI/2026",
    ]
    # The next year starts a new agenda.
    assert number_take(agency=office, kind="sk-pindah", when=NOV.replace(year=2027)) == "001/400.12.2.2/DS-CKL/XI/2027"


def test_per_classification_numbers_each_code_on_its_own_counter(office):
    letter_numbering_set(actor=OPERATOR, agency=office, scope="classification")
    office.refresh_from_db()
    number_pattern_set(actor=OPERATOR, agency=office, kind="sk-kelahiran", pattern=LETTER, classification_code="500")
    taken = [
        number_take(agency=office, kind=kind, when=NOV)
        for kind in ("sk-domisili", "sk-usaha", "sk-domisili", "sk-kelahiran", "sk-pindah")
    ]
    assert taken == [
        "001/400.12.2/DS-CKL/XI/2026",
        "001/500/DS-CKL/XI/2026",
        "002/400.12.2/DS-CKL/XI/2026",
        "002/500/DS-CKL/XI/2026",  # same code as sk-usaha: the same counter
        "001/400.12.2.2/DS-CKL/XI/2026",
    ]


def test_changing_the_scope_mid_year_never_repeats_a_number(office):
    for kind in ("sk-domisili", "sk-usaha", "sk-domisili"):
        number_take(agency=office, kind=kind, when=NOV)
    letter_numbering_set(actor=OPERATOR, agency=office, scope="classification")
    office.refresh_from_db()
    # 001 and 003 with 400.12.2 were given by the agenda: the code's counter goes on after 3.
    assert number_take(agency=office, kind="sk-domisili", when=NOV) == "004/400.12.2/DS-CKL/XI/2026"
    assert number_take(agency=office, kind="sk-pindah", when=NOV) == "004/400.12.2.2/DS-CKL/XI/2026"
    letter_numbering_set(actor=OPERATOR, agency=office, scope="agency")
    office.refresh_from_db()
    assert number_take(agency=office, kind="sk-usaha", when=NOV) == "005/500/DS-CKL/XI/2026"
    event = AuditEvent.objects.filter(verb="letter_numbering.set").order_by("-pk").first()
    assert event is not None and event.changes["scope"] == {"from": "classification", "to": "agency"}


def test_per_classification_needs_the_code_in_every_coded_pattern(office):
    number_pattern_set(
        actor=OPERATOR, agency=office, kind="sk-lama", pattern="[nomor,3]/DS/[tahun]", classification_code="400.12"
    )
    with pytest.raises(InvalidInput) as err:
        letter_numbering_set(actor=OPERATOR, agency=office, scope="classification")
    assert err.value.code == "number_pattern_invalid" and "sk-lama" in str(err.value.message)
    office.refresh_from_db()
    assert "letter_numbering" not in office.settings  # nothing half-written
    number_pattern_set(actor=OPERATOR, agency=office, kind="sk-lama", pattern=LETTER, classification_code="400.12")
    letter_numbering_set(actor=OPERATOR, agency=office, scope="classification")
    office.refresh_from_db()
    with pytest.raises(InvalidInput) as err:
        number_pattern_set(
            actor=OPERATOR, agency=office, kind="sk-baru", pattern="[nomor]/[tahun]", classification_code="500"
        )
    assert err.value.code == "number_pattern_invalid"


def test_only_the_agency_admin_chooses_the_numbering(office):
    clerk = make_staff(office, Role.FRONT_DESK)
    with pytest.raises(Forbidden):
        letter_numbering_set(actor=Actor(user=clerk), agency=office, scope="classification")
    admin = make_staff(office, Role.AGENCY_ADMIN)
    letter_numbering_set(actor=Actor(user=admin), agency=office, scope="classification")
    office.refresh_from_db()
    assert office.settings["letter_numbering"] == "classification"
    with pytest.raises(InvalidInput) as err:
        letter_numbering_set(actor=Actor(user=admin), agency=office, scope="per-kind")
    assert err.value.code == "number_scope_invalid"


def test_peeking_shows_the_next_number_without_taking_it(office):
    assert number_peek(agency=office, kind="sk-usaha", when=NOV) == "001/500/DS-CKL/XI/2026"
    number_take(agency=office, kind="sk-domisili", when=NOV)
    assert number_peek(agency=office, kind="sk-usaha", when=NOV) == "002/500/DS-CKL/XI/2026"
    assert number_peek(agency=office, kind="sk-usaha", when=NOV) == "002/500/DS-CKL/XI/2026"
    assert number_take(agency=office, kind="sk-usaha", when=NOV) == "002/500/DS-CKL/XI/2026"
    assert number_peek(agency=office, kind="no-such-kind", when=NOV) is None


def test_the_upgrade_continues_the_agenda_after_every_kind_counter(office):
    """The data migration: counters kept per kind before the upgrade (sk-domisili reached 4,
    sk-usaha 6 in 2026) start the agenda at 6, so no letter signed after it repeats a number."""
    import importlib

    from django.apps import apps

    NumberCounter.objects.create(agency=office, kind="sk-domisili", period="2026", last=4)
    NumberCounter.objects.create(agency=office, kind="sk-usaha", period="2026", last=6)
    NumberCounter.objects.create(agency=office, kind="sk-usaha", period="2025", last=2)
    migration = importlib.import_module("padu.core.migrations.0003_numbering_scope")
    migration.start_agendas(apps, None)
    agendas = dict(NumberCounter.objects.filter(agency=office, kind="@agenda").values_list("period", "last"))
    assert agendas == {"2026": 6, "2025": 2}
    assert number_take(agency=office, kind="sk-domisili", when=NOV) == "007/400.12.2/DS-CKL/XI/2026"
