"""Framework files sent from the PWA or a script: JSON body or file upload."""

from __future__ import annotations

import re
import uuid
from types import SimpleNamespace

from flask import Blueprint, Response, jsonify, request

from preuves import policy
from preuves.core.errors import Problem
from preuves.core.vocab import FRAMEWORK_STATUSES, STAFF_ROLES
from preuves.extensions import db
from preuves.frameworks import media, operations
from preuves.identity.principal import Principal, current_principal
from preuves.media import serving
from preuves.media.models import Blob
from preuves.policy.guard import checked

bp = Blueprint("frameworks", __name__, url_prefix="/api/v1/frameworks")

MAX_FILE = 2 * 1024 * 1024  # the largest shipped framework is 40 kB
HEX64 = re.compile(r"^[0-9a-f]{64}$")


@bp.post("/import")
@checked("policy.authorize(create, framework_version) in the structure: its staff")
def import_framework_file() -> Response:
    """Import a framework file into one of the caller's structures."""
    principal = current_principal()
    version = operations.import_file(principal, _text(), _structure(principal), _status())
    db.session.commit()
    body = {
        "id": str(version.id),
        "slug": version.slug,
        "version": version.version,
        "status": version.status,
        "title": version.title,
    }
    return jsonify(body), 201


@bp.post("/media")
@checked("policy.authorize(create, framework_version) in the structure: its staff")
def send_media() -> Response:
    """Keep a workstation photo or a recorded wording for the structure's frameworks."""
    principal = current_principal()
    structure_id = _structure(principal)
    policy.authorize(principal, "create", "framework_version", _probe(structure_id))
    data = request.get_data(cache=False)
    if len(data) > media.MAX_BYTES:
        raise Problem("too_large", f"A framework medium is at most {media.MAX_BYTES} bytes.")
    sha256, media_type = media.store(structure_id, data, request.content_type)
    db.session.commit()
    return jsonify({"sha256": sha256, "media_type": media_type}), 201


@bp.get("/media/<sha256>")
@checked("frameworks.media.readable: a role in the structure, or a framework of it readable")
def get_media(sha256: str) -> Response:
    """A framework's photo or recorded wording."""
    blob = db.session.get(Blob, sha256) if HEX64.match(sha256) else None
    if blob is None or not media.readable(current_principal(), sha256):
        raise Problem("not_found", f"No framework medium {sha256[:64]}.")
    return serving.serve(blob.sha256, blob.media_type, blob.size)


def _probe(structure_id: uuid.UUID) -> SimpleNamespace:
    return SimpleNamespace(id=None, structure_id=structure_id)


def _text() -> str:
    upload = request.files.get("file")
    data = upload.read(MAX_FILE + 1) if upload else request.get_data(cache=False)
    if len(data) > MAX_FILE:
        raise Problem("too_large", f"A framework file is at most {MAX_FILE} bytes.")
    if not data.strip():
        raise Problem("framework_not_json", "The request holds no framework file.", errors=[])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Problem(
            "framework_not_json", f"The file is not UTF-8 text: {error.reason}."
        ) from None


def _structure(principal: Principal) -> uuid.UUID:
    """The structure named by `structure_id`, or the caller's only staff structure."""
    named = request.args.get("structure_id") or request.form.get("structure_id")
    if named:
        try:
            return uuid.UUID(named)
        except ValueError:
            raise Problem("bad_request", "structure_id is not a UUID.") from None
    staff_of = [s for s, roles in principal.roles.items() if roles & STAFF_ROLES]
    if not staff_of:
        raise Problem("forbidden", "Only the staff of a structure import frameworks.")
    if len(staff_of) != 1:
        raise Problem("bad_request", "Name the structure: structure_id=<uuid>.")
    return staff_of[0]


def _status() -> str:
    status = request.args.get("status") or request.form.get("status") or "published"
    if status not in FRAMEWORK_STATUSES or status == "retired":
        raise Problem("bad_request", "status is draft or published.")
    return status
