"""The home page leads to the tasks people come for; every page's footer leads to the
contact, privacy and accessibility statements, which name who runs the installation."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _tasks(html: str) -> list[str]:
    section = html[html.index('class="task-list"') : html.index('id="find"')]
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h3>(.*?)</h3>", section, re.S)]


def test_the_home_page_starts_with_the_five_tasks_in_order(english):
    html = english.get("/").content.decode()
    assert _tasks(html) == [
        "Find a service",
        "Track an application",
        "Pay a bill",
        "Make a complaint",
        "Ask for public information",
    ]
    # The tasks come before the office directory.
    assert html.index('class="task-list"') < html.index('id="find"')


def test_each_task_form_sends_its_field_to_its_page(english):
    html = english.get("/").content.decode()
    forms = dict(re.findall(r'<form method="get" action="([^"]+)" class="task__form">.*?name="([a-z]+)"', html, re.S))
    assert forms == {"/layanan/": "q", "/lacak/": "number", "/bayar/": "code"}
    links = re.findall(r'<li class="task">\s*<h3><a href="([^"]+)">', html)
    assert links == ["/pengaduan/kirim/", "/ppid/"]


def test_a_task_form_lands_on_a_working_page(english):
    # A tracking number that does not exist is an error on the tracking page, not a crash.
    response = english.get("/lacak/", {"number": "AAAA-AAAA-A"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    catalogue = english.get("/layanan/", {"q": "domisili"})
    assert catalogue.status_code == 200
    assert 'value="domisili"' in catalogue.content.decode()  # the search is kept on the page


def test_every_page_footer_links_the_three_statements(english):
    for path in ("/", "/layanan/", "/pengaduan/", "/ppid/", "/bayar/"):
        footer = english.get(path).content.decode().split('<footer class="site-footer">')[1]
        assert '<a href="/kontak/">Contact</a>' in footer, path
        assert '<a href="/privasi/">Privacy</a>' in footer, path
        assert '<a href="/aksesibilitas/">Accessibility</a>' in footer, path


def test_the_contact_statement_names_the_operator_from_the_settings(english, settings):
    settings.PADU_OPERATOR_NAME = "Diskominfo Kabupaten Bandung"
    settings.PADU_CONTACT_EMAIL = "padu@bandungkab.go.id"
    settings.PADU_CONTACT_PHONE = "(022) 589-7432"
    settings.PADU_CONTACT_ADDRESS = "Jl. Raya Soreang Km. 17, Soreang"
    html = english.get("/kontak/").content.decode()
    assert "This website is run by Diskominfo Kabupaten Bandung." in html
    assert 'href="mailto:padu@bandungkab.go.id"' in html
    assert 'href="tel:0225897432"' in html
    assert "Jl. Raya Soreang Km. 17, Soreang" in html
    assert "has not published its contact details yet" not in html


def test_without_contact_details_the_page_says_so_instead_of_empty_lines(english, settings):
    settings.PADU_CONTACT_EMAIL = settings.PADU_CONTACT_PHONE = settings.PADU_CONTACT_ADDRESS = ""
    html = english.get("/kontak/").content.decode()
    assert "has not published its contact details yet" in html
    assert "mailto:" not in html


def test_the_privacy_and_accessibility_statements(english, settings):
    settings.PADU_OPERATOR_NAME = "Diskominfo Kabupaten Bandung"
    privacy = english.get("/privasi/").content.decode()
    assert "Law 27 of 2022 on Personal Data Protection" in privacy
    assert "Diskominfo Kabupaten Bandung runs the website" in privacy
    accessibility = english.get("/aksesibilitas/").content.decode()
    assert "WCAG 2.1 level AA" in accessibility
    assert 'href="/kontak/"' in accessibility


def test_the_pages_are_in_indonesian_by_default(client):
    response = client.get("/privasi/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "id"
    assert "<h1>Pernyataan privasi</h1>" in response.content.decode()
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _tasks(home) == [
        "Cari layanan",
        "Lacak permohonan",
        "Bayar tagihan",
        "Sampaikan pengaduan",
        "Minta informasi publik",
    ]


def test_the_statements_answer_get_only(client):
    assert client.post("/kontak/").status_code == 405
