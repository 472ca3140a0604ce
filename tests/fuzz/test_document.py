"""The OpenAPI document says what the API answers: the fuzzer checks every answer against it,
so a wrong document is a bug like a wrong answer."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.test import Client
from ninja import Schema

import config.api  # noqa: F401  (every router and its schemas loaded)

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def _document() -> dict[str, Any]:
    def no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), f"repeated keys in the document: {keys}"
        return dict(pairs)

    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content, object_pairs_hook=no_repeats)


def _schemas(cls: type) -> Iterator[type]:
    sub: type
    for sub in cls.__subclasses__():
        yield sub
        yield from _schemas(sub)


def test_every_schema_name_names_one_model():
    # The document keys schemas by class name: two models of one name would share one entry,
    # and every operation of the other would be documented with the wrong fields.
    modules: dict[str, set[str]] = defaultdict(set)
    for model in _schemas(Schema):
        if model.__module__.startswith("padu."):
            modules[model.__name__].add(model.__module__)
    assert {name: sorted(found) for name, found in modules.items() if len(found) > 1} == {}


def test_the_shared_problems_are_declared_as_problem_json():
    paths = _document()["paths"]
    # An operation with input and a body, behind authentication.
    submit = paths["/api/v1/complaints"]["post"]["responses"]
    assert {"201", "400", "401", "403", "413", "422"} <= set(submit)
    assert submit["422"]["content"] == PROBLEM and submit["401"]["content"] == PROBLEM
    assert submit["201"]["content"] == {"application/json": {"schema": {"$ref": "#/components/schemas/ComplaintOut"}}}
    # A public read with a path parameter: no authentication problems, and no body problems.
    region = paths["/api/v1/regions/{code}"]["get"]["responses"]
    assert sorted(region) == ["200", "404", "422"]
    assert region["404"]["content"] == PROBLEM
    # A public upload: the unreadable form is a 400, the too-large file a 413.
    verify = paths["/api/v1/documents/verify"]["post"]["responses"]
    assert sorted(verify) == ["200", "400", "413", "422"]


def test_a_download_declares_its_file_once():
    download = _document()["paths"]["/api/v1/files/{file_id}"]["get"]["responses"]
    assert download["200"] == {"description": "The file", "content": {"application/octet-stream": {}}}
