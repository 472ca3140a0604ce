"""Imports with a diff before apply: Dukcapil's SIAK export, Buku Induk Penduduk sheets and the
Padu template (XLSX or CSV) are read into new / changed / same / missing / invalid rows, which
the register officer applies in one transaction or discards.

- formats.py: the container (XLSX, CSV; .xls refused), layout detection, `RawRow`;
  siak.py, bip.py, template.py: each layout's reader; words.py: words → codes.
- batches.py: `import_upload`, `import_discard`; diff.py: `import_analyse` (the task's work);
  apply.py: `import_apply`; selectors.py: the keepers' reads; samples.py: made-up files.
"""

from padu.registries.imports.apply import import_apply
from padu.registries.imports.batches import import_discard, import_upload
from padu.registries.imports.diff import import_analyse
from padu.registries.imports.selectors import batch_of, batch_rows, batches_of

__all__ = [
    "batch_of",
    "batch_rows",
    "batches_of",
    "import_analyse",
    "import_apply",
    "import_discard",
    "import_upload",
]
