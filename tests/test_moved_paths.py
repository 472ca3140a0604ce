"""Paths that moved when padu.information split: the Django admin's PPID pages went from
/admin/information/ to /admin/ppid/ with their models; the old addresses redirect."""

from __future__ import annotations

from django.urls import resolve


def test_the_old_admin_address_redirects_to_the_new_one(client):
    response = client.get("/admin/information/inforequest/5/change/?_changelist_filters=status%3Dsubmitted")
    assert response.status_code == 301
    assert response["Location"] == "/admin/ppid/inforequest/5/change/?_changelist_filters=status%3Dsubmitted"
    # The new address is the admin's own page for the model.
    assert resolve("/admin/ppid/inforequest/5/change/").url_name == "ppid_inforequest_change"


def test_site_pages_did_not_move(client):
    for path, name in (
        ("/ppid/", "ppid"),
        ("/berita/", "news"),
        ("/jdih/", "legal_list"),
        ("/konsol/ppid/", "console_ppid"),
    ):
        match = resolve(path)
        assert (match.namespace, match.url_name) == ("portal", name)
