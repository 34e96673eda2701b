"""An export as JSON: what POST /me/export, GET /me/exports and GET /me/exports/{id} answer.

Request path: app.py -> chalicelib/accounts/exports.py (the export, with its download link) ->
here. Fields that do not apply are left out, not sent as null: `url`, `readyAt`, `expiresAt` and
`sizeBytes` only once the archive is READY, `failureReason` only when it FAILED.
"""

from chalicelib.accounts.exports import Export


def present(export: Export) -> dict:
    shown = {
        "id": export.id,
        "status": export.status,
        "requestedAt": export.requested_at,
        "readyAt": export.ready_at,
        "url": export.url,
        "expiresAt": export.expires_at,
        "sizeBytes": export.size_bytes,
        "failureReason": export.failure_reason,
    }
    return {name: value for name, value in shown.items() if value is not None}


def present_list(exports: list[Export]) -> dict:
    return {"items": [present(export) for export in exports]}
