"""An account's whole life beyond its profile: a person takes their data with them (an export,
written off the request path by its own function) or leaves (an erasure, run step by step from
the table's stream until nothing names the account).

Uses `shared`; the export also reads `people` (the profile) and `comments` (a comment's
public id)."""
