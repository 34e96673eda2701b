"""The account part of the OpenAPI document (chalicelib/edge/openapi.py puts it with the rest):
"download your data", its three routes and the export they answer with. Limits come from the
code that enforces them (chalicelib/accounts/exports.py).
"""

from chalicelib.accounts.exports import EXPORTS_PER_DAY, NO_SUCH_EXPORT
from chalicelib.edge.openapi_parts import SIGNED_IN, answer, errors, operation
from chalicelib.edge.page_cursor import ULID_PATTERN

EXPORT_ID = {
    "name": "export_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": f"^{ULID_PATTERN.pattern}$"},
    "description": f"A ULID; any other text, or another person's export: 404 {NO_SUCH_EXPORT}.",
}


def accounts_paths() -> dict:
    return {
        "/me/export": {
            "post": operation(
                "Ask for an archive of your data (any body is ignored); an export still in "
                "progress is answered again rather than started twice",
                SIGNED_IN,
                {"202": answer("The export, PENDING until its archive is written", "Export")}
                | errors(
                    401,
                    reasons={
                        429: f"{EXPORTS_PER_DAY} exports were started in the last 24 hours, or "
                        "too many requests; Retry-After says when to come back."
                    },
                ),
            )
        },
        "/me/exports": {
            "get": operation(
                "Your exports of the last 7 days, newest first (at most 10)",
                SIGNED_IN,
                {"200": answer("Your exports", "ExportList")} | errors(401),
            )
        },
        "/me/exports/{export_id}": {
            "get": operation(
                "One of your exports; once READY, with a link to its archive",
                SIGNED_IN,
                {"200": answer("The export", "Export")}
                | errors(401, 404, reasons={404: NO_SUCH_EXPORT}),
                [EXPORT_ID],
            )
        },
    }


def accounts_schemas() -> dict:
    return {
        "Export": {
            "type": "object",
            "required": ["id", "status", "requestedAt"],
            "properties": {
                "id": {"type": "string"},
                "status": {"enum": ["PENDING", "READY", "FAILED"]},
                "requestedAt": {"type": "string", "format": "date-time"},
                "readyAt": {"type": "string", "format": "date-time"},
                "url": {
                    "type": "string",
                    "description": "READY only: a presigned GET of the zip, valid for 24 hours "
                    "at most and never past expiresAt; read the export again for a fresh one. "
                    "Follow it as a link: the bucket allows no cross-origin reads.",
                },
                "expiresAt": {"type": "string", "format": "date-time"},
                "sizeBytes": {"type": "integer", "minimum": 0},
                "failureReason": {"type": "string"},
            },
        },
        "ExportList": {
            "type": "object",
            "required": ["items"],
            "properties": {
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Export"}}
            },
        },
    }
