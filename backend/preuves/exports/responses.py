"""How every export leaves: a download, never cached, never rendered by the browser."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import IO

from flask import Response

CHUNK = 1024 * 1024


def safe_name(*words: str, extension: str) -> str:
    """portfolio-lea-martin.zip: ASCII letters, digits and dashes only."""
    ascii_text = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80] or "export"
    return f"{slug}.{extension}"


def download(body: bytes | IO[bytes], media_type: str, filename: str) -> Response:
    """Bytes, or a rewound file streamed in chunks and closed at the end, as an attachment."""
    if isinstance(body, bytes):
        response = Response(body, mimetype=media_type)
    else:
        size = body.seek(0, 2)
        body.seek(0)
        response = Response(_chunks(body), mimetype=media_type, direct_passthrough=True)
        response.content_length = size
        response.call_on_close(body.close)  # a client that leaves before the end
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _chunks(body: IO[bytes]) -> Iterator[bytes]:
    """The file's bytes; closed once read to the end, even if nobody calls close()."""
    with body:
        while chunk := body.read(CHUNK):
            yield chunk
