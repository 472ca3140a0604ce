"""Public pages of the population register (statistics, the citizen's own record); each part's
patterns live beside its views."""

from padu.registries.web import books, imports, linking, residents, statistics

urlpatterns = [
    *residents.public_urlpatterns,
    *imports.public_urlpatterns,
    *books.public_urlpatterns,
    *statistics.public_urlpatterns,
    *linking.public_urlpatterns,
]
