"""The OpenAPI document did not change when PPID and publications left padu.information: their
operations keep the ids they were published with (clients are generated from them)."""

from __future__ import annotations

from config.api import api


def _operation_ids() -> set[str]:
    schema = api.get_openapi_schema()
    return {op["operationId"] for path in schema["paths"].values() for op in path.values()}


def test_moved_operations_keep_their_published_ids():
    ids = _operation_ids()
    assert "padu_information_publications_api_staff_legal_list" in ids
    assert "padu_information_ppid_api_request_create" in ids
    assert not {i for i in ids if i.startswith(("padu_ppid_", "padu_publications_"))}


def test_other_operations_keep_theirs():
    assert "padu_services_api_application_start" in _operation_ids()
