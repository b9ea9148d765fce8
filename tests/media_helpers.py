"""Shared ground for the upload and media tests: a structure with a dossier, sample files."""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from typing import Any

from PIL import Image

from factories import auth, create_dossier, create_framework, create_person, create_structure
from preuves.extensions import db

TUS = {"Tus-Resumable": "1.0.0"}
OCTETS = {"Content-Type": "application/offset+octet-stream"}


@dataclass
class Ground:
    dossier: Any
    token: str
    candidate_token: str
    outsider_token: str


def build_ground(name: str = "Val") -> Ground:
    from factories import token_for

    structure = create_structure(f"ESAT {name}")
    worker = create_person("Karim", name, roles={structure: ["support_worker"]})
    candidate = create_person("Léa", name, roles={structure: ["candidate"]})
    framework = create_framework(structure, slug=f"cuisine-{name.lower()}")
    dossier = create_dossier(structure, candidate, framework, worker)
    other = create_structure(f"IME {name}")
    outsider = create_person("Sophie", name, roles={other: ["lead", "admin", "support_worker"]})
    db.session.commit()
    return Ground(dossier, token_for(worker), token_for(candidate), token_for(outsider))


def metadata(**pairs: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in pairs.items())


def jpeg(seed: int = 0, size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (seed % 256, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def create(client: Any, token: str, length: int, **meta: str) -> Any:
    headers = auth(token) | TUS | {"Upload-Length": str(length)}
    return client.post("/api/v1/uploads", headers=headers | {"Upload-Metadata": metadata(**meta)})


def patch(client: Any, token: str, url: str, offset: int, body: bytes, **headers: str) -> Any:
    sent = auth(token) | TUS | OCTETS | {"Upload-Offset": str(offset)} | headers
    return client.patch(url, data=body, headers=sent)


def checksum(body: bytes, algorithm: str = "sha256") -> str:
    digest = hashlib.new(algorithm, body).digest()
    return f"{algorithm} {base64.b64encode(digest).decode()}"
