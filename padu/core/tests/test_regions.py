import pytest
from django.core.management import call_command

from padu.core.models import Region
from padu.core.regions import regions_load
from padu.core.selectors import region_search
from padu.core.text import search_key

pytestmark = pytest.mark.django_db


def test_the_whole_tree_loads_once(capsys):
    counts = regions_load()
    assert (counts["provinces"], counts["regencies"], counts["villages"]) == (38, 514, 83762)
    assert counts["districts"] > 7000
    assert Region.objects.count() == counts["total"] == counts["created"]
    again = regions_load()
    assert (again["created"], again["updated"]) == (0, 0)
    bandung = Region.objects.get(code="32.04")
    assert (bandung.name, bandung.type, bandung.parent_id) == ("Kabupaten Bandung", "kabupaten", "32")
    village = Region.objects.get(code="32.04.05.2001")
    assert (village.name, village.postal_code, village.type) == ("Cileunyi Kulon", "40621", "desa")
    # Everything under Kabupaten Bandung is a prefix query on the code.
    inside = Region.objects.filter(code__startswith="32.04.")
    assert inside.filter(level=3).count() == 31
    assert not inside.filter(code__startswith="32.73").exists()
    # Search ignores case and accents.
    assert [r.code for r in region_search("CILEUNYI KULON")] == ["32.04.05.2001"]
    assert "32.04.05" in [r.code for r in region_search("cîleunyi", level=3)]
    call_command("regions", "load", "--no-progress")
    assert "created 0, updated 0" in capsys.readouterr().out


def test_search_key_folds_accents_case_and_punctuation():
    assert search_key("Kota Bau-Bau") == "kota bau bau"
    assert search_key("CÌANJUR") == "cianjur"
