"""Serve stored bytes: Range requests, a strong ETag (the SHA-256), private caching, and
headers that keep a browser from ever running what it downloads."""

from __future__ import annotations

import mimetypes

from flask import Response, request, send_file

from preuves.core.errors import Problem, problem_response
from preuves.media import blobs, settings
from preuves.media.store import BlobStore, FileStore

# Only types that render as a picture, a sound, a video or a PDF; never HTML, SVG or script.
SAFE_TYPES = frozenset(
    {
        "image/jpeg",
        "image/png",
        "image/webp",
        "image/heic",
        "image/heif",
        "video/mp4",
        "video/quicktime",
        "video/webm",
        "audio/mp4",
        "audio/aac",
        "audio/ogg",
        "audio/webm",
        "audio/mpeg",
        "audio/wav",
        "application/pdf",
    }
)
FALLBACK = "application/octet-stream"


def safe_type(media_type: str | None) -> str:
    """The type to send: a known safe one, or bytes to download."""
    return media_type if media_type in SAFE_TYPES else FALLBACK


def serve(sha256: str, media_type: str | None, size: int) -> Response:
    """The stored bytes with their safe headers; a single range when asked for (206/416)."""
    content_type = safe_type(media_type)
    if _unsatisfiable(size):
        refused = problem_response(Problem("range_not_satisfiable", f"The file has {size} bytes."))
        refused.headers["Content-Range"] = f"bytes */{size}"
        return refused
    store = blobs.store()
    try:
        if isinstance(store, FileStore):
            response = send_file(
                store.path(sha256), mimetype=content_type, conditional=True, etag=sha256
            )
        else:
            response = _streamed(store, sha256, content_type, size)
    except FileNotFoundError:
        raise Problem("not_found", "These bytes are not in the store.") from None
    return _safe_headers(response, sha256, content_type)


def _unsatisfiable(size: int) -> bool:
    """A single range that falls outside the bytes (checked before any file is opened)."""
    wanted = request.range
    return wanted is not None and len(wanted.ranges) == 1 and wanted.range_for_length(size) is None


def _streamed(store: BlobStore, sha256: str, content_type: str, size: int) -> Response:
    """From a store with no local file (S3): ask it for just the range wanted."""
    if request.if_none_match.contains(sha256):
        return Response(status=304)
    start, stop, status = 0, size, 200
    wanted = request.range
    bounds = wanted.range_for_length(size) if wanted and len(wanted.ranges) == 1 else None
    if bounds is not None:
        (start, stop), status = bounds, 206
    response = Response(
        store.read_range(sha256, start, stop - start), status=status, mimetype=content_type
    )
    response.content_length = stop - start
    response.accept_ranges = "bytes"
    if status == 206:
        response.headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"
    return response


def _safe_headers(response: Response, sha256: str, content_type: str) -> Response:
    response.set_etag(sha256)
    response.headers["Cache-Control"] = f"private, max-age={int(settings.setting('MEDIA_MAX_AGE'))}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers.pop("Expires", None)
    inline = content_type.split("/")[0] in ("image", "audio", "video")
    disposition = "inline" if inline else "attachment"
    extension = mimetypes.guess_extension(content_type) or ""
    response.headers["Content-Disposition"] = f'{disposition}; filename="{sha256}{extension}"'
    return response
