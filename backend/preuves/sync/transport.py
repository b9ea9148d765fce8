"""Bodies of sync requests and answers: gzip both ways, JSON with bounds."""

from __future__ import annotations

import gzip
import zlib
from typing import Any

import orjson
from flask import Response, request

from preuves.core import jsonguards, jsontext
from preuves.core.errors import Problem

MIN_GZIP_BYTES = 1024  # smaller answers gain nothing from compression
GZIP_LEVEL = 1


def json_body(limit: int) -> Any:
    """The request's JSON (gzip accepted), at most `limit` bytes once decompressed."""
    if not request.is_json:
        raise Problem("unsupported_media_type", "Send the batch as application/json.")
    raw = request.get_data(cache=False)
    encoding = request.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding == "gzip":
        raw = _gunzip(raw, limit)
    elif encoding != "identity":
        raise Problem("unsupported_media_type", f"Content-Encoding {encoding} is not accepted.")
    if len(raw) > limit:
        raise Problem("batch_too_large", f"The batch is over {limit} bytes of JSON.")
    try:
        body = orjson.loads(raw)  # strict: NaN, lone surrogates or 1,024 levels deep are refused
    except orjson.JSONDecodeError:
        raise Problem("invalid_batch", "The body is not JSON (UTF-8).") from None
    jsonguards.refuse_deep(body, code="invalid_batch")
    return body


def _gunzip(raw: bytes, limit: int) -> bytes:
    """Decompress, stopping one byte past the limit: a small bomb never grows in memory."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(raw, limit + 1)
    except zlib.error:
        raise Problem("invalid_batch", "The gzip body is damaged.") from None
    if len(out) > limit:
        raise Problem("batch_too_large", f"The batch is over {limit} bytes once decompressed.")
    if not inflater.eof:
        raise Problem("invalid_batch", "The gzip body is cut short.")
    return out


def json_response(body: Any, status: int = 200) -> Response:
    """A JSON answer, gzip-compressed when the client accepts it."""
    data = jsontext.to_bytes(body)
    response = Response(data, status=status, mimetype="application/json")
    response.vary.add("Accept-Encoding")
    if len(data) >= MIN_GZIP_BYTES and request.accept_encodings["gzip"] > 0:
        # Level 1: a page of records is repetitive JSON, so it shrinks almost as much as
        # at level 5 or 9, several times faster (the answer waits on it).
        response.set_data(gzip.compress(data, compresslevel=GZIP_LEVEL))
        response.headers["Content-Encoding"] = "gzip"
    return response
