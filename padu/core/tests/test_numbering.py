import datetime as dt
import threading

import pytest
from django.db import connection, transaction

from padu.core.actors import OPERATOR
from padu.core.errors import InvalidInput, NotFound
from padu.core.models import NumberCounter
from padu.core.numbering import number_take
from padu.core.services import number_pattern_set
from tests.factories import make_agency

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


@pytest.mark.parametrize("pattern", ["[nomor]/[kode]/[huruf]", "[kode]/[tahun]", "[nomor]/[nomor]"])
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
    assert NumberCounter.objects.get(agency=agency, kind="sk").last == threads * per_thread
