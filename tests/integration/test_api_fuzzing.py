"""Requests generated from the API's own OpenAPI document (schemathesis), sent to the local stack
over HTTP, signed in: odd Unicode, huge numbers, wrong types, missing fields, unknown ids, every
boundary of every pattern and length, methods no route has. Whatever the bytes, never a 500, and
every error is {"Code", "Message"} with a message to act on.

Every one of schemathesis' checks runs on every answer too, so the document and the API cannot
drift apart: a request the document calls valid must not be refused (positive_data_acceptance),
one it calls invalid must be (negative_data_rejection), and every status and body must be one
the document lists. Its examples, coverage (boundaries) and fuzzing phases all run.

One route answers with a web page, not JSON: GET /p/{photo_id}, a photo's page, as the document
says; what refuses a request before the route runs answers in JSON there too.

Two answers are right although a check, which knows only the document, would flag them; the
one check is left out for exactly that answer, and every other check still runs on it:
- following yourself: the username is valid, but it is yours; the API answers 400 and says so
  (the document lists that 400 and its reason), which positive_data_acceptance would call a
  valid request refused.
- a method CloudFront does not forward (TRACE, QUERY): CloudFront refuses it with 403 before
  API Gateway could answer 405 (the local gateway does the same), which unsupported_method
  expects.

The number of generated requests per route is bounded (the coverage phase's boundary cases,
plus FUZZ_EXAMPLES random ones), so the run takes about 20 seconds on two cores; raise
FUZZ_EXAMPLES to search harder.
"""

import os
from urllib.parse import unquote

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings

import tests.support.schemathesis_formats  # noqa: F401  (page cursors schemathesis can make)
from chalicelib.shared.table_keys import username_key

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
# What CloudFront passes on to API Gateway (infra/template.yaml: the /api/* AllowedMethods).
METHODS_CLOUDFRONT_FORWARDS = {"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}
# The one route that answers HTML: a photo's page (chalicelib/edge/photo_page.py), with these
# statuses; what stops a request before it runs (a throttle's 429, a body of a type the app
# does not take, 415) is JSON, as on every route.
PHOTO_PAGE = "/p/{photo_id}"
PHOTO_PAGE_STATUSES = {200, 404, 503}


@pytest.fixture(scope="session")
def fuzzing_user(client):
    # Named "0", the first username the coverage phase tries, so that following yourself is
    # among the requests sent and the exception for it is exercised, not only written.
    return client.sign_up_and_in("0")


@pytest.fixture(scope="session")
def served_schema(local_stack, fuzzing_user):
    """The document as the API serves it, so what is checked is what clients read. The ID token
    is given for the document's security scheme, not as a header on every request: so
    schemathesis sends it where the document asks for it and can leave it out on purpose."""
    config = schemathesis.Config.from_dict(
        {"auth": {"openapi": {"cognitoIdToken": {"api_key": fuzzing_user.id_token}}}}
    )
    return schemathesis.openapi.from_url(
        f"{local_stack.site_url}/api/openapi.json", config=config, timeout=10
    )


schema = schemathesis.pytest.from_fixture("served_schema")


@pytest.fixture(autouse=True)
def node_id_for_schemathesis(request):
    """schemathesis 4.32 names each route's subtest by rewriting the test's `_nodeid`, an
    attribute pytest 9.2 no longer has; giving it one again is all it needs."""
    request.node._nodeid = request.node.nodeid


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_given_any_generated_request_then_the_api_answers_as_its_document_says(
    case, fuzzing_user, client
):
    if (case.method.upper(), case.path) == ("DELETE", "/me") and "Authorization" in (
        case.headers or {}
    ):
        # Deleting the fuzzing user would leave every later request without an account: each
        # DELETE /me sent with a token deletes a throwaway account of its own instead.
        case.headers["Authorization"] = client.sign_up_and_in().id_token
    response = case.call(timeout=10)

    excluded_checks = []
    if _refuses_following_yourself(case, response, fuzzing_user.username):
        excluded_checks.append(schemathesis.checks.positive_data_acceptance)
    if _refused_by_cloudfront(case, response):
        excluded_checks.append(schemathesis.checks.unsupported_method)
    # Every other check, on every answer (checks that send requests of their own, without the
    # token say, send them with the same timeout).
    case.validate_response(
        response, transport_kwargs={"timeout": 10}, excluded_checks=excluded_checks
    )
    assert response.status_code < 500, response.text
    if _answered_by_the_photo_page(case, response):
        (content_type,) = response.headers["content-type"]
        assert content_type.startswith("text/html"), response.headers
    elif response.status_code >= 400:
        error = response.json()
        assert set(error) == {"Code", "Message"}, error
        assert isinstance(error["Message"], str) and error["Message"], error


def _answered_by_the_photo_page(case, response) -> bool:
    """An answer of the photo page's route itself: a web page, whatever its status."""
    route = (case.method.upper(), case.path)
    return route == ("GET", PHOTO_PAGE) and response.status_code in PHOTO_PAGE_STATUSES


def _refuses_following_yourself(case, response, username: str) -> bool:
    """The API's answer to following yourself: a valid username, but yours (400)."""
    if case.path != "/users/{username}/follow" or response.status_code != 400:
        return False
    # Path parameters are kept percent-encoded; usernames are one person in any capitals.
    named = (case.path_parameters or {}).get("username")
    return (
        isinstance(named, str)
        and username_key(unquote(named)) == username_key(username)
        and "cannot follow yourself" in response.json()["Message"]
    )


def _refused_by_cloudfront(case, response) -> bool:
    """CloudFront's answer to a method it does not forward: 403, before API Gateway could
    answer 405 (the local gateway answers the same)."""
    return case.method.upper() not in METHODS_CLOUDFRONT_FORWARDS and response.status_code == 403
