"""Public pages shared from the cache: what anonymous visitors get again, and what is never
shared (signed-in pages, one-off messages, pages with a visitor's CSRF token)."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse

from padu.core.actors import Actor
from padu.core.roles import Role
from padu.core.tracking import new_tracking_number
from padu.core.web.pagecache import page_key, shared_page
from padu.services import selectors
from padu.services.models import Application, ApplicationStatus
from padu.services.services import application_act, application_start, service_retire
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff
from tests.waiting import until

pytestmark = pytest.mark.django_db


def test_catalogue_is_served_again_without_queries_and_shows_a_publish_at_once(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    agency = make_agency()
    make_service(agency, name="Surat Keterangan Domisili", slug="domisili")
    client = Client()
    first = client.get("/layanan/", {"q": "surat"})
    with django_assert_num_queries(0):
        again = client.get("/layanan/", {"q": "surat"})
    assert again.content == first.content
    assert "csrfmiddlewaretoken" not in again.content.decode()
    assert "csrftoken" not in again.cookies

    with django_capture_on_commit_callbacks(execute=True):
        fresh = make_service(agency, name="Surat Pengantar SKCK", slug="skck")
    assert "Surat Pengantar SKCK" in client.get("/layanan/", {"q": "surat"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        service_retire(actor=Actor(user=make_staff(agency, Role.AGENCY_ADMIN)), service=fresh.service)
    assert "Surat Pengantar SKCK" not in client.get("/layanan/", {"q": "surat"}).content.decode()


def test_each_language_and_query_has_its_own_copy():
    agency = make_agency()
    make_service(agency, name="Surat Keterangan Domisili", slug="domisili")
    client = Client()
    assert "Layanan" in client.get("/layanan/").content.decode()
    assert "No service matches" not in client.get("/layanan/", {"q": "domisili"}).content.decode()
    client.get("/bahasa/en/")
    english = client.get("/layanan/").content.decode()
    assert 'lang="en"' in english and "Find the service you need" in english
    assert "No service matches your search." in client.get("/layanan/", {"q": "paspor"}).content.decode()


def test_signed_in_people_get_their_own_page():
    agency = make_agency()
    make_service(agency)
    citizen = make_citizen().user
    client = Client()
    client.get("/layanan/")  # an anonymous copy is now cached
    client.force_login(citizen)
    html = client.get("/layanan/").content.decode()
    assert reverse("account_logout") in html  # the signed-in menu, not the cached anonymous page
    assert reverse("account_login") not in html


def test_tracking_page_is_shared_until_the_case_moves(django_assert_num_queries):
    agency = make_agency()
    version = make_service(agency)
    citizen = make_citizen().user
    verifier = make_staff(agency, Role.VERIFIER)
    draft = application_start(actor=Actor(user=citizen), version=version, answers=dict(GOOD_ANSWERS))
    application = application_act(actor=Actor(user=citizen), application=draft, action="submit")
    client = Client()
    url = f"/lacak/{application.tracking_number}/"
    before = client.get(url).content
    with django_assert_num_queries(0):
        assert client.get(url).content == before
    application_act(actor=Actor(user=verifier), application=application, action="reject", note="Bukan warga desa ini.")
    after = client.get(url).content
    assert after != before and b"tag--red" in after and b"tag--red" not in before
    unknown = new_tracking_number()
    unknown_path = f"/lacak/{unknown}/"
    assert client.get(unknown_path).status_code == 404
    assert cache.get(page_key("track_status", "id", unknown_path, [])) is None  # a 404 is not kept as a page
    # Other spellings of the address are answered, but only the canonical page is shared.
    typed = f"/lacak/{application.tracking_number.lower().replace('-', '')}/"
    assert b"tag--red" in client.get(typed).content
    assert client.get(url + "?utm_source=sms").status_code == 200


def _anonymous_get(path: str = "/x/") -> object:
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def test_a_page_that_used_a_csrf_token_is_never_shared():
    calls: list[int] = []

    def build_with_form() -> HttpResponse:
        calls.append(1)
        get_token(request)  # type: ignore[arg-type]
        return HttpResponse("<form>…</form>", content_type="text/html; charset=utf-8")

    request = _anonymous_get()
    shared_page(request, "form", [], build_with_form)  # type: ignore[arg-type]
    request = _anonymous_get()
    shared_page(request, "form", [], build_with_form)  # type: ignore[arg-type]
    assert len(calls) == 2


def test_a_page_with_a_message_waiting_is_never_shared():
    template = engines["django"].from_string("{% for m in messages %}{{ m }}{% endfor %}")
    request = _anonymous_get()
    request._messages.add(25, "Permohonan terkirim.")  # type: ignore[attr-defined]

    def page(req: object) -> HttpResponse:
        def build() -> HttpResponse:
            return HttpResponse(template.render({"messages": req._messages}), content_type="text/html")  # type: ignore[attr-defined]

        return shared_page(req, "msg", [], build)  # type: ignore[arg-type]

    assert b"Permohonan terkirim." in page(request).content
    assert b"Permohonan terkirim." not in page(_anonymous_get()).content


def test_error_pages_are_not_shared():
    calls: list[int] = []

    def build() -> HttpResponse:
        calls.append(1)
        return HttpResponse("gone", status=410, content_type="text/html")

    for _ in range(2):
        assert shared_page(_anonymous_get(), "err", [], build).status_code == 410  # type: ignore[arg-type]
    assert len(calls) == 2


def test_a_publish_by_another_worker_shows_here_as_soon_as_it_is_announced(on_redis):
    listener, other = on_redis
    agency = make_agency()
    make_service(agency, name="Surat Keterangan Domisili", slug="domisili")
    client = Client()
    client.get("/layanan/")
    version = selectors.catalogue_version()
    # Another worker publishes: the shared version is replaced; until it is announced this
    # worker keeps its own.
    cache.set(selectors.CATALOGUE_VERSION_KEY, "published-elsewhere", None)
    assert selectors.catalogue_version() == version
    other.publish(listener.channel, json.dumps([selectors.CATALOGUE_VERSION_KEY]))
    assert until(lambda: selectors.catalogue_version() == "published-elsewhere")


def test_a_case_moved_by_another_worker_leaves_this_workers_memory(on_redis):
    listener, other = on_redis
    agency = make_agency()
    version = make_service(agency)
    citizen = make_citizen().user
    draft = application_start(actor=Actor(user=citizen), version=version, answers=dict(GOOD_ANSWERS))
    application = application_act(actor=Actor(user=citizen), application=draft, action="submit")
    client = Client()
    url = f"/lacak/{application.tracking_number}/"
    api = f"/api/v1/tracking/{application.tracking_number}"
    before = client.get(url).content
    assert client.get(api).json()["status"] == "in_review"
    # Another worker rejects the case and forgets its page and status (Redis, then the channel).
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.REJECTED)
    keys = [page_key("track_status", code, url, []) for code, _name in settings.LANGUAGES]
    keys += [selectors._tracking_key(application.tracking_number, code) for code, _name in settings.LANGUAGES]
    other.delete(*[caches["default"].make_key(key) for key in keys])
    assert client.get(url).content == before  # still this worker's copy: not yet announced
    other.publish(listener.channel, json.dumps(keys))
    assert until(lambda: b"tag--red" in client.get(url).content)
    assert client.get(api).json()["status"] == "rejected"
