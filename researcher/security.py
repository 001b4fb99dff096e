"""Response headers every page gets: CSP without inline script, nosniff, no framing."""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml",
                "application/manifest+json")


def compress(response: Response) -> Response:
    """Gzip text responses of 1 KB or more: the field page must load fast on a weak signal."""
    if (
        response.status_code != 200
        or "Content-Encoding" in response.headers
        or "gzip" not in request.headers.get("Accept-Encoding", "")
        or not (response.mimetype or "").startswith(COMPRESSIBLE)
    ):
        return response
    response.direct_passthrough = False  # static files too: read them (they are small)
    body = response.get_data()
    if len(body) < 1024:
        return response
    response.set_data(gzip.compress(body, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    response.headers.add("Vary", "Accept-Encoding")
    return response


#: Bodies up to this size are read to the end before a 413 is answered, so that the client,
#: still sending, reads the answer instead of a broken connection.
DRAIN_LIMIT = 64 * 1024 * 1024


def close_after_refusing_a_body(response: Response) -> Response:
    """A request refused as too large (413), or failed (5xx), may be answered before its body
    was read:
    the body is drained (up to DRAIN_LIMIT) so the client sees the answer, and the client is
    told to open a new connection, so what is left can never be read as the next request."""
    if response.status_code == 413 or response.status_code >= 500:
        length = request.content_length or 0
        if length <= DRAIN_LIMIT:
            stream = request.environ.get("wsgi.input")
            remaining = length
            while stream is not None and remaining > 0:
                chunk = stream.read(min(remaining, 1 << 16))
                if not chunk:
                    break
                remaining -= len(chunk)
        response.headers["Connection"] = "close"
    return response


def init_security(app: Flask) -> None:
    app.after_request(close_after_refusing_a_body)
    app.after_request(add_security_headers)
    app.after_request(compress)
