import re

from django.conf import settings


def test_every_setting_read_from_the_environment_is_listed_in_env_example():
    source = (settings.BASE_DIR / "config" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.[a-z]+)?\(\s*"([A-Z][A-Z0-9_]+)"', source))
    documented = (settings.BASE_DIR / ".env.example").read_text()
    assert len(read) > 30
    assert sorted(name for name in read if name not in documented) == []
