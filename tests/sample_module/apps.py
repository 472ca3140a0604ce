from django.apps import AppConfig


class SampleConfig(AppConfig):
    name = "tests.sample_module"
    label = "sample"
    verbose_name = "Notice board"
    default_auto_field = "django.db.models.BigAutoField"
    manifest = "tests.sample_module.manifest.MANIFEST"
