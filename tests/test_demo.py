import pytest
from django.core.management import call_command
from django.utils import timezone

from padu.accounts.demo import AGENCIES, CITIZENS
from padu.accounts.models import CitizenProfile, User
from padu.core.audit import audit_verify
from padu.core.identifiers import validate_nik
from padu.core.models import Agency, AuditEvent, Membership, PersonalDataAccess
from padu.core.roles import Role
from padu.documents.models import IssuedDocument
from padu.services.models import Application, ServiceVersion, SurveyResponse
from padu.services.selectors import satisfaction_public
from tests.factories import load_regions

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Agency.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
        PersonalDataAccess.objects.count(),
        Application.objects.count(),
    )


def test_the_demo_seeds_kabupaten_bandung_once(capsys):
    load_regions([spec.region for spec in AGENCIES] + [c[6] for c in CITIZENS])
    call_command("demo", "--skip-regions")
    first = _counts()
    out = capsys.readouterr().out
    assert "kades.cileunyikulon@padu.test" in out and "padu-demo-2026" in out
    # Staff added by the areas' seeds are printed too, with their two-factor mark.
    assert "kaban.bapenda@padu.test" in out and "atasan.ppid.diskominfo@padu.test" in out
    # Every role has someone to log in as, every citizen a valid NIK.
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    for profile in CitizenProfile.objects.all():
        validate_nik(profile.nik)
    village = Agency.objects.get(slug="desa-cileunyi-kulon")
    assert [a.slug for a in Agency.objects.filter(pk__in=village.tree_path.strip("/").split("/"))] == [
        "pemkab-bandung",
        "kecamatan-cileunyi",
        "desa-cileunyi-kulon",
    ]
    # The village letter pack: eight published letters, cases at every stage, one overdue.
    assert ServiceVersion.objects.filter(status="published", service__agency=village).count() == 8
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == {"draft", "in_review", "returned", "rejected", "completed"}
    assert Application.objects.filter(status="in_review", due_at__lt=timezone.now()).exists()
    completed = Application.objects.filter(status="completed").order_by("pk")[0]
    assert completed.document is not None and completed.document.signer_name == "H. Ujang Suryana"
    # One agenda per office and year, Permendagri 83/2022 codes: no two letters share a number.
    numbers = list(IssuedDocument.objects.filter(agency=village).values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) and completed.document.number.startswith("001/400.12.2/DS-CKL/")
    # The service clock: a case paused now, and one paused, resumed and completed on time.
    assert Application.objects.filter(status="returned", paused_at__isnull=False).exists()
    resumed = Application.objects.get(status="completed", paused_working_days__gt=0)
    assert resumed.paused_working_days == 3 and resumed.completed_at and resumed.due_at
    assert resumed.completed_at <= resumed.due_at
    # The satisfaction survey: last year's letters rated with the respondent profile give a
    # published index; this year's ratings (the walk-in's on paper) are too few yet.
    assert SurveyResponse.objects.filter(source="paper", application__channel="counter").count() == 1
    assert SurveyResponse.objects.exclude(sex="").exclude(education="").count() >= 10
    skm = satisfaction_public(village, "sk-domisili")
    assert skm.previous is not None and skm.previous.grade == "B" and not skm.current.published
    # The counter: a walk-in citizen without email, served there, her letter handed over.
    walk_in = CitizenProfile.objects.get(user__email=None)
    assert walk_in.registered_at_agency == village and walk_in.claim_code
    counter_case = Application.objects.get(applicant=walk_in.user)
    assert (counter_case.channel, counter_case.status) == ("counter", "completed")
    assert counter_case.events.filter(action="handed_over").exists()
    assert f"kode klaim {walk_in.claim_code}" in out
    call_command("demo", "--skip-regions")
    assert _counts() == first
    assert "nothing new" in capsys.readouterr().out
    assert audit_verify()[1] == []


def test_the_demo_totp_code_is_six_digits(capsys):
    call_command("demo", "--totp")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()


def test_the_demo_shows_the_paid_fee_without_a_worker(settings, django_capture_on_commit_callbacks):
    """Hooks run as tasks in the worker, and the demo runs none: its paid fee is still told to
    the applicant once the demo commits (the queued task, run later, sends nothing again)."""
    from padu.notify.models import Message

    settings.TASKS = {**settings.TASKS, "default": settings.TASKS["database"]}  # queued, not run
    load_regions([spec.region for spec in AGENCIES] + [c[6] for c in CITIZENS])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", "--skip-regions")
    told = Message.objects.filter(template_key="fee.paid", channel="inapp")
    assert list(told.values_list("recipient__email", flat=True)) == ["warga@padu.test"]
