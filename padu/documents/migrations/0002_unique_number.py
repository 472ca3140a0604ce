"""A letter number identifies one letter: (agency, number) becomes unique for issued documents.

Before this, numbers were counted per letter kind, so letters of different kinds could carry
the same number. Such letters are signed PDFs and stay exactly as issued (the number printed
in them cannot change without breaking the signature): the first one signed keeps the
number in the register, each later one is registered as "<number> (2)", "(3)", ... in the
order they were signed, so the register and the QR check still find every letter, and an
officer comparing it with the paper sees which letter is which. The migration prints how
many it renamed. Letter templates also learn how they were written (plain text or HTML).
"""

from django.db import migrations, models
from django.db.models import Count

MAX_NUMBER = 100


def _free(IssuedDocument, agency_id: int, number: str, start: int) -> tuple[str, int]:
    k = start
    while True:
        suffix = f" ({k})"
        candidate = number[: MAX_NUMBER - len(suffix)] + suffix
        if not IssuedDocument.objects.filter(agency_id=agency_id, number=candidate).exists():
            return candidate, k
        k += 1


def rename_duplicates(apps, schema_editor):
    IssuedDocument = apps.get_model("documents", "IssuedDocument")
    twice = (
        IssuedDocument.objects.values("agency_id", "number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("agency_id", "number")
    )
    renamed = 0
    for row in twice:
        same = IssuedDocument.objects.filter(agency_id=row["agency_id"], number=row["number"]).order_by(
            "signed_at", "pk"
        )
        k = 2
        for document in list(same)[1:]:
            document.number, k = _free(IssuedDocument, row["agency_id"], row["number"], k)
            document.save(update_fields=["number"])
            k += 1
            renamed += 1
    if renamed:
        print(f"\n  {renamed} issued letter(s) shared a number with an earlier one; registered as '<number> (2)', ...")


class Migration(migrations.Migration):
    # The renaming commits before the constraint is added: PostgreSQL refuses to alter a table
    # with pending (deferred foreign-key) trigger events from rows changed in the same transaction.
    atomic = False

    dependencies = [("documents", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="lettertemplate",
            name="body_format",
            field=models.CharField(
                choices=[("text", "Plain text with placeholders"), ("html", "HTML (for experts)")],
                default="html",
                max_length=4,
                verbose_name="written as",
            ),
        ),
        migrations.AddField(
            model_name="lettertemplate",
            name="body_text",
            field=models.TextField(blank=True, verbose_name="body as written"),
        ),
        migrations.RunPython(rename_duplicates, migrations.RunPython.noop, atomic=True),
        migrations.AddConstraint(
            model_name="issueddocument",
            constraint=models.UniqueConstraint(fields=("agency", "number"), name="documents_issued_number_unique"),
        ),
    ]
