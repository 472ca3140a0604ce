"""Imports with a diff before apply: formats recognised and mapped, bad files refused, each row
checked, the diff field by field, missing people listed, applying all or nothing, a re-import
that changes nothing, a stale diff refused, and who may do it."""

from __future__ import annotations

import pytest
from django.utils import translation

from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.roles import Role
from padu.registries.codes import Education, LifeStatus, MaritalStatus, Occupation, Relationship, Religion
from padu.registries.imports import import_analyse, import_apply, import_discard, import_upload
from padu.registries.imports.diff import load
from padu.registries.models import (
    Area,
    EventKind,
    Family,
    ImportBatch,
    ImportRow,
    ImportStatus,
    LifeEvent,
    Resident,
    ResidentChange,
    RowOutcome,
)
from padu.registries.tests import importfiles as files
from padu.registries.tests.factories import make_family
from tests.factories import actor_for, load_regions, make_agency, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def office():
    load_regions(["32.04.05.2001"])
    agency = make_agency()
    return agency, actor_for(make_staff(agency, Role.REGISTRAR))


def upload(office, content: bytes, name: str = "penduduk.csv") -> ImportBatch:
    agency, actor = office
    batch = import_upload(actor=actor, agency=agency, name=name, content=content)
    import_analyse(batch.pk)  # the task; in production it runs after the upload commits
    batch.refresh_from_db()
    return batch


def rows(batch: ImportBatch, outcome: str) -> list[ImportRow]:
    return list(ImportRow.objects.filter(batch=batch, outcome=outcome).order_by("line"))


def tallies(batch: ImportBatch) -> dict[str, int]:
    return {k: v for k, v in batch.counts.items() if k in RowOutcome.values}


def register_counts() -> tuple[int, int, int, int]:
    return Resident.objects.count(), LifeEvent.objects.count(), ResidentChange.objects.count(), Family.objects.count()


# ---- formats ----


@pytest.mark.parametrize(
    ("writer", "fmt"),
    [
        (files.siak_csv, "siak"),
        (files.siak_xlsx, "siak"),
        (files.bip_xlsx, "bip"),
        (files.template_csv, "padu"),
        (files.template_xlsx, "padu"),
    ],
)
def test_each_format_is_recognised_and_its_words_mapped_to_codes(office, writer, fmt):
    persons = files.people(2)
    persons[0] = persons[0].replace(religion="KRISTEN", education="SLTA/SEDERAJAT", occupation="PETANI/PEKEBUN")
    batch = upload(office, writer(persons))
    assert (batch.format, batch.status, batch.error) == (fmt, ImportStatus.READY, "")
    assert tallies(batch) == {"new": 8, "changed": 0, "same": 0, "missing": 0, "invalid": 0}
    head = load(rows(batch, "new")[0].data_sealed)["values"]
    assert head["nik"] == persons[0].nik
    assert (head["religion"], head["education"], head["occupation"]) == (
        Religion.PROTESTANT,
        Education.SENIOR,
        Occupation.FARMER,
    )
    assert (head["sex"], head["relationship"], head["marital_status"]) == ("L", Relationship.HEAD, 2)
    assert head["birth_date"] == persons[0].birth_date.isoformat()


def test_a_bip_sheet_infers_marital_status_and_says_so(office):
    batch = upload(office, files.bip_xlsx(files.people(1)))
    data = [load(r.data_sealed) for r in rows(batch, "new")]
    assert [d["values"]["marital_status"] for d in data] == [2, 2, 1, 1]  # head, wife, two children
    assert all(d["inferred"] == ["marital_status"] for d in data)
    assert all("inferred" in " ".join(d["warnings"]) for d in data)


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (files.pdf_file(), "import_format_unknown", "SIAK"),
        (b"", "import_file_invalid", "empty"),
        (b"   \n", "import_file_invalid", "empty"),
        (files.unknown_csv(), "import_format_unknown", "Padu template"),
        (files.xls_file(), "import_file_invalid", ".xlsx"),
    ],
)
def test_a_file_padu_cannot_read_is_refused_at_upload(office, content, code, words):
    agency, actor = office
    with pytest.raises(InvalidInput) as exc:
        import_upload(actor=actor, agency=agency, name="x", content=content)
    assert exc.value.code == code and words in str(exc.value.message)
    assert ImportBatch.objects.count() == 0


def test_a_file_over_20_mb_is_refused(office, monkeypatch):
    agency, actor = office
    monkeypatch.setattr("padu.registries.imports.batches.MAX_BYTES", 100)
    with pytest.raises(InvalidInput) as exc:
        import_upload(actor=actor, agency=agency, name="x.csv", content=files.siak_csv(files.people(1)))
    assert exc.value.code == "import_file_invalid" and ImportBatch.objects.count() == 0


def test_a_template_without_required_columns_fails_with_their_names(office):
    batch = upload(office, b"nik,no_kk,shdk,nama\n3204051403800001,3204051506240001,1,Budi\n")
    assert batch.status == ImportStatus.FAILED
    assert "jenis_kelamin" in batch.error and "tanggal_lahir" in batch.error
    assert ImportRow.objects.filter(batch=batch).count() == 0


# ---- rows checked ----


def test_a_bad_nik_and_a_broken_kk_are_invalid_with_their_lines(office):
    persons = files.people(3)
    persons[0] = persons[0].replace(nik="3204051403800")  # 13 digits
    persons[5] = persons[5].replace(relationship="KEPALA KELUARGA")  # second KK: a second head (the wife)
    persons[9] = persons[9].replace(religion="ATHEIS")
    batch = upload(office, files.siak_csv(persons))
    invalid = {r.line: r.errors for r in rows(batch, "invalid")}
    # Line 2 is the first person (line 1 is the header); the second KK is lines 6-9.
    assert any("NIK" in e for e in invalid[2])
    assert {6, 7, 8, 9} <= set(invalid)
    assert any("exactly one head" in e for e in invalid[6])
    assert any("allowed values" in e for e in invalid[11])
    # The first KK lost its head: its other members are refused with it, the third KK is fine.
    assert {3, 4, 5} <= set(invalid)
    assert tallies(batch)["new"] == 3 and tallies(batch)["invalid"] == 9


def test_the_same_nik_twice_and_a_kk_split_over_two_rts_are_invalid(office):
    persons = files.people(2)
    persons[7] = persons[7].replace(nik=persons[6].nik)
    persons[1] = persons[1].replace(rt="009")
    batch = upload(office, files.siak_csv(persons))
    invalid = {r.line: r.errors for r in rows(batch, "invalid")}
    assert any("same NIK" in e for e in invalid[8]) and any("same NIK" in e for e in invalid[9])
    assert any("disagree" in e for e in invalid[2])


def test_a_person_the_file_says_died_is_reported_never_imported(office):
    persons = files.people(1, children=0)
    persons.append(files.people(1, start=5, children=0)[0].replace(status="MATI", kk=persons[0].kk))
    batch = upload(office, files.siak_csv(persons))
    (dead,) = rows(batch, "invalid")
    assert "life event" in dead.errors[0]


# ---- the diff ----


def test_the_diff_lists_changes_field_by_field_and_missing_people(office):
    agency, actor = office
    family, people = make_family(agency, members=4)
    _other_family, others = make_family(agency, members=2)
    persons = files.register_persons(agency)
    assert len(persons) == 6
    persons = [p for p in persons if p.nik not in {o.nik for o in others}]  # the second KK left out
    head = next(i for i, p in enumerate(persons) if p.nik == people[0].nik)
    persons[head] = persons[head].replace(occupation="GURU", name=persons[head].name.upper())
    batch = upload(office, files.siak_csv(persons))
    assert tallies(batch) == {"new": 0, "changed": 1, "same": 3, "missing": 2, "invalid": 0}
    (changed,) = rows(batch, "changed")
    assert changed.resident_id == people[0].pk
    # Only the real change: capitals in the name are SIAK's habit, not a change.
    assert load(changed.changes_sealed) == {"occupation": [Occupation.PRIVATE_EMPLOYEE, Occupation.TEACHER]}
    assert {r.resident_id for r in rows(batch, "missing")} == {o.pk for o in others}


def test_applying_writes_new_and_changed_rows_in_one_event_with_areas_and_families(office):
    agency, actor = office
    _family, people = make_family(agency, members=2)
    persons = files.register_persons(agency)
    persons[0] = persons[0].replace(education="STRATA I")
    newcomers = files.people(1)
    batch = upload(office, files.siak_csv(persons + newcomers))
    assert tallies(batch)["new"] == 4 and tallies(batch)["changed"] == 1
    import_apply(actor=actor, agency=agency, batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED and batch.applied_by_id == actor.user_id
    event = LifeEvent.objects.get(import_batch=batch)
    assert (event.kind, event.resident_id) == (EventKind.IMPORT, None)
    people[0].refresh_from_db()
    assert people[0].education == Education.BACHELOR
    change = ResidentChange.objects.get(event=event, resident=people[0])
    assert (change.field, change.old, change.new) == ("education", "5", "8")
    head = Resident.objects.select_related("family", "area__parent__parent").get(
        nik_hash=rows(batch, "new")[0].nik_hash
    )
    family, rt = head.family, head.area
    assert family is not None and rt is not None and rt.parent is not None and rt.parent.parent is not None
    assert head.name == newcomers[0].name.upper() and family.kk_number == newcomers[0].kk
    assert head.marital_status == MaritalStatus.MARRIED and head.relationship == Relationship.HEAD
    assert rt.name == f"RT {int(newcomers[0].rt):03d}" and rt.parent.name == f"RW {int(newcomers[0].rw):03d}"
    assert rt.parent.parent.name == f"Dusun {newcomers[0].dusun.title()}"
    assert Resident.objects.filter(family=family).count() == 4
    # A new person enters the register on the day of the import event that brought them.
    assert head.registered_on == LifeEvent.objects.get(import_batch=batch).occurred_on


def test_reimporting_the_same_file_is_all_same_and_applying_it_changes_nothing(office):
    agency, actor = office
    content = files.siak_xlsx(files.people(3))
    first = upload(office, content, "siak.xlsx")
    import_apply(actor=actor, agency=agency, batch=first)
    areas = Area.objects.count()
    again = upload(office, content, "siak.xlsx")
    assert tallies(again) == {"new": 0, "changed": 0, "same": 12, "missing": 0, "invalid": 0}
    assert again.counts["same_file_as"] == first.pk
    before = register_counts()
    import_apply(actor=actor, agency=agency, batch=again)
    # Only the (empty) import event itself is written.
    assert register_counts() == (before[0], before[1] + 1, before[2], before[3])
    assert Area.objects.count() == areas


def test_a_half_bad_file_needs_consent_and_a_failure_mid_way_writes_nothing(office, monkeypatch):
    agency, actor = office
    persons = files.people(3)
    persons[0] = persons[0].replace(nik="12")
    batch = upload(office, files.siak_csv(persons))
    assert tallies(batch)["invalid"] == 4 and tallies(batch)["new"] == 8
    before = register_counts()
    with pytest.raises(InvalidInput) as exc:
        import_apply(actor=actor, agency=agency, batch=batch)
    assert exc.value.code == "import_file_invalid" and "without_invalid" in exc.value.errors

    from padu.registries.imports import apply as applying

    real = applying.resident_create
    calls = []

    def failing(**kw):
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return real(**kw)

    monkeypatch.setattr(applying, "resident_create", failing)
    with pytest.raises(RuntimeError):
        import_apply(actor=actor, agency=agency, batch=batch, without_invalid=True)
    assert register_counts() == before
    assert Area.objects.filter(agency=agency).count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY
    # Owner control: the same apply without the failure writes the 8 valid people.
    monkeypatch.setattr(applying, "resident_create", real)
    import_apply(actor=actor, agency=agency, batch=batch, without_invalid=True)
    assert Resident.objects.count() == before[0] + 8


def test_a_kk_the_register_would_break_refuses_the_whole_apply(office):
    agency, actor = office
    family, people = make_family(agency, members=3)
    intruder = files.people(1, start=40, children=0)[0].replace(kk=family.kk_number)  # a second head
    batch = upload(office, files.siak_csv([intruder]))
    assert tallies(batch)["new"] == 1
    before = register_counts()
    with pytest.raises(InvalidInput) as exc:
        import_apply(actor=actor, agency=agency, batch=batch)
    assert exc.value.code == "family_rules" and register_counts() == before


def test_a_stale_diff_is_refused_and_a_fresh_upload_is_not(office):
    agency, actor = office
    batch = upload(office, files.siak_csv(files.people(1)))
    make_family(agency, members=2)  # the register changes after the file was read
    with pytest.raises(Conflict) as exc:
        import_apply(actor=actor, agency=agency, batch=batch)
    assert exc.value.code == "import_stale"
    fresh = upload(office, files.siak_csv(files.people(1)))
    import_apply(actor=actor, agency=agency, batch=fresh)
    assert ImportBatch.objects.get(pk=fresh.pk).status == ImportStatus.APPLIED


def test_only_a_ready_batch_is_applied_and_a_discarded_one_keeps_nothing(office):
    agency, actor = office
    batch = upload(office, files.siak_csv(files.people(1)))
    import_discard(actor=actor, agency=agency, batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DISCARDED and ImportRow.objects.filter(batch=batch).count() == 0
    with pytest.raises(Conflict) as exc:
        import_apply(actor=actor, agency=agency, batch=batch)
    assert exc.value.code == "import_not_ready"
    with pytest.raises(Conflict):
        import_discard(actor=actor, agency=agency, batch=batch)


def test_a_resident_who_left_the_register_cannot_come_back_through_a_file(office):
    agency, actor = office
    _family, people = make_family(agency, members=2)
    Resident.objects.filter(pk=people[1].pk).update(life_status=LifeStatus.DEAD)
    persons = files.register_persons(agency)
    wife = persons[0].replace(
        nik=people[1].nik, name="Istri", sex="PEREMPUAN", relationship="ISTRI", birth_date=people[1].birth_date
    )
    batch = upload(office, files.siak_csv(persons + [wife]))
    (row,) = rows(batch, "invalid")
    assert "left the register" in row.errors[0]


# ---- who may ----


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.SUPERVISOR, Role.SIGNER])
def test_only_the_register_keepers_upload_apply_and_discard(office, role):
    agency, actor = office
    other = actor_for(make_staff(agency, role))
    content = files.siak_csv(files.people(1))
    with pytest.raises(Forbidden):
        import_upload(actor=other, agency=agency, name="x.csv", content=content)
    batch = upload(office, content)
    with pytest.raises(Forbidden):
        import_apply(actor=other, agency=agency, batch=batch)
    with pytest.raises(Forbidden):
        import_discard(actor=other, agency=agency, batch=batch)
    # Owner control: the agency's administrator keeps the register too.
    admin = actor_for(make_staff(agency, Role.AGENCY_ADMIN))
    import_apply(actor=admin, agency=agency, batch=batch)
    assert Resident.objects.filter(agency=agency).count() == 4


def test_another_villages_keeper_cannot_apply_this_villages_batch(office):
    agency, actor = office
    batch = upload(office, files.siak_csv(files.people(1)))
    other_agency = make_agency(name="Desa Lain", region="32.04.05.2002")
    other = actor_for(make_staff(other_agency, Role.REGISTRAR))
    with pytest.raises(ImportBatch.DoesNotExist):
        import_apply(actor=other, agency=other_agency, batch=batch)
    assert Resident.objects.count() == 0
