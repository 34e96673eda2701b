"""An account's whole life beyond its profile: a person takes their data with them (an export,
written off the request path by its own function) or leaves (an erasure, run step by step from
the table's stream until nothing names the account).

The export (exports.py, export_store.py, export_queue.py, export_job.py, export_contents.py,
export_archive.py, export_presenter.py) uses `shared`, and reads `people` (the profile) and
`comments` (a comment's public id).

The erasure (erasure.py, erasure_store.py, erasure_chain.py, erasure_steps.py) removes what the
account made through the stores of the features that own it, so counts stay exact: `photos`
(photos, likes), `comments`, `people` (follows, names, profiles, and the mark that hides the
account in every list); and `shared` below them all.
"""
