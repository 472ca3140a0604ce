"""The test settings plus the one line that installs the sample module."""

from config.test_settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.sample_module"]  # noqa: F405
