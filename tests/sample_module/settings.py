"""The test settings plus the one line that installs the sample module."""

from config.test_settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.sample_module"]  # noqa: F405

# This run happens inside the main test run, beside it: its own test database on PostgreSQL
# (the main run's is test_<name>) and its own cache, so neither disturbs the other.
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": "test_padu_sample_module"}  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sample"}}
