"""Testimony requests: staff ask, list and withdraw; the witness reads the link and answers.

The routes are in blueprint.py.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Any

from flask import Response, jsonify, request

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity import ratelimit
from preuves.identity.invitations import qr_svg
from preuves.identity.principal import current_principal
from preuves.identity.refusals import logs_refusals
from preuves.identity.requests import body, client_ip
from preuves.identity.settings import origins
from preuves.identity.tokens import hash_token
from preuves.policy.guard import checked, public
from preuves.testimonies import answers, links, operations
from preuves.testimonies.schemas import request_json


@checked("operations.staff_dossier: policy may create a testimony in the dossier")
def ask_testimony(dossier_id: uuid.UUID) -> tuple[Response, int]:
    """Ask a witness for a testimony: a one-time link and its QR code, shown once."""
    asked, token = operations.ask(current_principal(), dossier_id, body())
    db.session.commit()
    url = origins()[0].rstrip("/") + operations.TESTIMONY_PATH + token
    payload = request_json(asked) | {"url": url, "token": token, "qr_svg": qr_svg(url)}
    return jsonify(payload), 201


@checked("operations.staff_dossier: policy may create a testimony in the dossier")
def list_testimony_requests(dossier_id: uuid.UUID) -> Response:
    """The dossier's testimony requests, newest first, without their tokens."""
    found = operations.for_dossier(current_principal(), dossier_id)
    db.session.commit()  # the audited read
    return jsonify({"requests": [request_json(asked) for asked in found]})


@checked("operations.staff_dossier: policy may create a testimony in the dossier")
def withdraw_testimony_request(dossier_id: uuid.UUID, request_id: uuid.UUID) -> Response:
    """Withdraw a link that was not used yet."""
    operations.withdraw(current_principal(), dossier_id, request_id)
    db.session.commit()
    return Response(status=204)


@public("shows a first name and competencies to whoever holds the one-time link")
@logs_refusals
def show_testimony_link(token: str) -> Response:
    """What the witness is asked to testify about."""
    _limit(token)
    return jsonify(answers.public_view(links.live(token)))


@public("a witness with no account answers through the one-time link, once")
@logs_refusals
def give_testimony(token: str) -> tuple[Response, int]:
    """Give the testimony (text and/or a voice message, the witness's name and role)."""
    _limit(token)
    request.max_content_length = answers.max_audio_bytes() * 2
    answer, audio, declared = _answer()
    testimony = answers.give(token, answer, audio, declared)
    db.session.commit()
    return jsonify({"id": str(testimony.id), "given_at": testimony.given_at.isoformat()}), 201


def _limit(token: str) -> None:
    # The invitation links' limits: per address, and per link (docs/letters.md).
    ratelimit.hit("invite_ip", client_ip())
    ratelimit.hit("invite", "testimony:" + hash_token(token))


def _answer() -> tuple[dict[str, Any], bytes | None, str | None]:
    """The answer from a form (multipart, with an `audio` file) or JSON (`audio_base64`)."""
    if request.mimetype == "multipart/form-data":
        form = request.form
        upload = request.files.get("audio")
        answer = {name: form.get(name) for name in ("text", "witness_name", "witness_role")}
        answer["consent_to_share"] = form.get("consent_to_share") in ("true", "1", "on")
        audio = upload.read() if upload else None
        return answer, audio or None, upload.mimetype if upload else None
    data = body()
    encoded = data.get("audio_base64")
    if encoded is None:
        return data, None, None
    try:
        audio = base64.b64decode(str(encoded), validate=True)
    except (binascii.Error, ValueError):
        raise Problem("bad_request", "audio_base64 is not base64.") from None
    declared = data.get("audio_media_type")
    return data, audio or None, declared if isinstance(declared, str) else None
