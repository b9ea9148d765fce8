"""Each structure signs its badges with its own Ed25519 key, made the first time it is needed.

Rotation: `rotate` retires the active key and makes a new one; retired keys keep their public
half in the JWKS, so the badges they signed still verify.
"""

from __future__ import annotations

import json
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey
from sqlalchemy import select

from preuves.badges import urls
from preuves.badges.models import IssuerKey
from preuves.core.models import utcnow
from preuves.extensions import db

ALG = "EdDSA"


@contextmanager
def _eddsa() -> Iterator[None]:
    # RFC 9864 names the algorithm "Ed25519"; OB 3.0 verifiers and VC-JOSE still expect "EdDSA"
    # (the same Ed25519 signature), so we keep it and quiet joserfc's deprecation notice.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="EdDSA is deprecated")
        yield


def active_key(structure_id: uuid.UUID) -> IssuerKey:
    """The structure's current key, made (and flushed) on first need."""
    query = select(IssuerKey).where(
        IssuerKey.structure_id == structure_id, IssuerKey.retired_at.is_(None)
    )
    found = db.session.scalars(query.order_by(IssuerKey.created_at.desc())).first()
    return found or _new_key(structure_id)


def rotate(structure_id: uuid.UUID) -> IssuerKey:
    """Retire the current key (it stays published) and make a new one."""
    for old in keys_of(structure_id):
        old.retired_at = old.retired_at or utcnow()
    return _new_key(structure_id)


def keys_of(structure_id: uuid.UUID) -> list[IssuerKey]:
    query = select(IssuerKey).where(IssuerKey.structure_id == structure_id)
    return list(db.session.scalars(query.order_by(IssuerKey.created_at)))


def public_jwk(key: IssuerKey) -> dict[str, Any]:
    """The public half as a JWK, with its `kid` (the URL that serves it) and use."""
    return key.public_jwk | {"kid": urls.key(key.structure_id, key.id), "alg": ALG, "use": "sig"}


def sign(key: IssuerKey, claims: dict[str, Any]) -> str:
    """A compact JWS of the claims: header alg EdDSA, typ JWT, kid the key's URL."""
    header = {"alg": ALG, "kid": urls.key(key.structure_id, key.id), "typ": "JWT"}
    payload = json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode()
    private = OKPKey.import_key(key.private_pem)
    with _eddsa():
        return jws.serialize_compact(header, payload, private, algorithms=[ALG])


def verify(token: str, jwk: dict[str, Any]) -> dict[str, Any] | None:
    """The claims when the token's signature verifies with this public JWK, else None."""
    try:
        public = OKPKey.import_key({k: jwk[k] for k in ("kty", "crv", "x")})
        with _eddsa():
            found = jws.deserialize_compact(token, public, algorithms=[ALG])
        claims = json.loads(found.payload)
    except (JoseError, ValueError, KeyError, TypeError):
        return None
    return claims if isinstance(claims, dict) else None


def header_of(token: str) -> dict[str, Any]:
    """The token's protected header, not verified (to pick the key it names)."""
    try:
        with _eddsa():
            return dict(jws.extract_compact(token.encode()).protected)
    except (JoseError, ValueError, TypeError):
        return {}


def _new_key(structure_id: uuid.UUID) -> IssuerKey:
    generated = OKPKey.generate_key("Ed25519")
    key = IssuerKey(
        structure_id=structure_id,
        private_pem=generated.as_pem(private=True).decode(),
        public_jwk=generated.as_dict(private=False),
        created_at=utcnow(),
    )
    db.session.add(key)
    db.session.flush()
    return key
