import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from padu.core.models import Agency, AuditEvent
from tests.factories import load_regions

pytestmark = pytest.mark.django_db


def test_agency_create_from_the_command_line(capsys):
    load_regions(["32.04.05.2001"])
    call_command("agency", "create", "--name", "Pemerintah Kabupaten Bandung", "--kind", "pemda", "--region", "32.04")
    call_command(
        "agency",
        "create",
        "--name",
        "Kecamatan Cileunyi",
        "--kind",
        "kecamatan",
        "--region",
        "32.04.05",
        "--parent",
        "pemerintah-kabupaten-bandung",
        "--code",
        "KEC-CLY",
    )
    kecamatan = Agency.objects.get(slug="kecamatan-cileunyi")
    assert kecamatan.parent is not None and kecamatan.parent.slug == "pemerintah-kabupaten-bandung"
    assert kecamatan.time_zone == "Asia/Jakarta"
    assert AuditEvent.objects.get(agency_id=kecamatan.pk).actor_label == "operator"
    call_command("agency", "list")
    assert "  kecamatan-cileunyi" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "desa", "--region", "99.99"], "region_not_found"),
        (["--kind", "desa", "--region", "32.04"], "agency_region_mismatch"),
        (["--kind", "desa", "--region", "32.04.05.2001", "--parent", "nope"], "No agency with short name"),
    ],
)
def test_agency_create_refuses_bad_input_and_creates_nothing(args, message):
    load_regions(["32.04.05.2001"])
    with pytest.raises(CommandError, match=message):
        call_command("agency", "create", "--name", "Desa X", *args)
    assert not Agency.objects.exists()
