"""Console pages of the population register, under /konsol/penduduk/; each part's patterns live
beside its views."""

from padu.registries.web import books, households, imports, linking, residents, statistics

urlpatterns = [
    *residents.console_urlpatterns,
    *imports.console_urlpatterns,
    *books.console_urlpatterns,
    *statistics.console_urlpatterns,
    *linking.console_urlpatterns,
    *households.console_urlpatterns,
]
