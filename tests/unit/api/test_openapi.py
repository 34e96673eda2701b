"""GET /openapi.json: an OpenAPI 3.1 document that describes exactly the routes app.py has."""

import schemathesis

from app import app
from chalicelib.edge.openapi import openapi_document


def test_given_the_document_then_it_names_every_route_of_the_app_and_no_other():
    described = {
        (path, method.upper())
        for path, operations in openapi_document()["paths"].items()
        for method in operations
    }
    routed = {(path, method) for path, methods in app.routes.items() for method in methods}

    assert described == routed


def test_given_the_document_then_it_is_valid_openapi_3_1():
    schema = schemathesis.openapi.from_dict(openapi_document())

    assert openapi_document()["openapi"] == "3.1.0"
    assert len(list(schema.get_all_operations())) == sum(len(m) for m in app.routes.values())


def test_given_a_request_for_the_document_then_the_api_serves_it(api):
    response = api.http.get("/openapi.json")

    assert response.status_code == 200
    assert response.json_body == openapi_document()
