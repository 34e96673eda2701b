"""HTTP at the edge: everything between an API Gateway event and a feature's service, and only
that. app.py's routes call it to learn who is calling (`caller`, with `token_verifier`), to turn
a request into checked values (`request_parsing`, `page_cursor`), and to turn a domain error into
its status code (`errors`); `middleware` puts logs, traces and metrics around every route,
`openapi` (with `openapi_parts`, `openapi_schemas` and `openapi_people`) describes the API,
and `photo_page` answers a photo's address, /p/<id>, with the site's page and the photo's link
preview (HTML, where every other route answers JSON).

The edge uses `shared` and the features (`photos`, `people`, `avatars`, `comments`, `feeds`,
`notifications`: their request and answer types, and the messages they refuse with); no feature
uses the edge. It is the only package
that imports Chalice. `openapi_accounts` describes the routes of `accounts` (data exports).
"""
