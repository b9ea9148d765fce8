"""A software passkey authenticator for tests: real ES256 keys, real CBOR, real signatures.

It answers the server's options as a browser with a platform authenticator would
(attestation "none", resident key, user verification), and every part of the answer can be
forged: the origin, the RP ID, the challenge, the signature counter, the UV flag, the user
handle, or another authenticator's credential.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

UP, UV, AT = 0x01, 0x04, 0x40


@dataclass
class SoftCredential:
    """One passkey held by the authenticator."""

    credential_id: bytes
    private_key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0

    @property
    def id(self) -> str:
        return bytes_to_base64url(self.credential_id)

    def cose_public_key(self) -> bytes:
        numbers = self.private_key.public_key().public_numbers()
        return cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )


@dataclass
class SoftAuthenticator:
    origin: str = "http://localhost"
    credentials: list[SoftCredential] = field(default_factory=list)
    aaguid: bytes = b"\x00" * 16

    # --- navigator.credentials.create() ---------------------------------------------------
    def create(self, public_key: dict[str, Any], **forge: Any) -> dict[str, Any]:
        """A RegistrationResponseJSON for these creation options.

        forge: origin, rp_id, challenge (str), uv (bool), credential (reuse a SoftCredential).
        """
        rp_id = forge.get("rp_id") or public_key["rp"]["id"]
        credential = forge.get("credential") or SoftCredential(
            credential_id=os.urandom(32),
            private_key=ec.generate_private_key(ec.SECP256R1()),
            rp_id=public_key["rp"]["id"],
            user_handle=base64url_to_bytes(public_key["user"]["id"]),
        )
        client_data = self._client_data("webauthn.create", public_key, forge)
        flags = UP | AT | (UV if forge.get("uv", True) else 0)
        attested = (
            self.aaguid
            + struct.pack(">H", len(credential.credential_id))
            + credential.credential_id
            + credential.cose_public_key()
        )
        auth_data = _rp_hash(rp_id) + bytes([flags]) + struct.pack(">I", 0) + attested
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        if "credential" not in forge:
            self.credentials.append(credential)
        return {
            "id": credential.id,
            "rawId": credential.id,
            "type": "public-key",
            "response": {
                "clientDataJSON": bytes_to_base64url(client_data),
                "attestationObject": bytes_to_base64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }

    # --- navigator.credentials.get() ------------------------------------------------------
    def get(self, public_key: dict[str, Any], **forge: Any) -> dict[str, Any]:
        """An AuthenticationResponseJSON for these request options (discoverable).

        forge: origin, rp_id, challenge, uv, credential (which passkey answers),
        sign_count (the counter to report), user_handle (bytes or None to leave it out),
        credential_id (claim another id than the key that signs).
        """
        credential = forge.get("credential") or self._for_rp(public_key["rpId"])
        rp_id = forge.get("rp_id") or public_key["rpId"]
        if "sign_count" in forge:
            count = forge["sign_count"]
        else:
            credential.sign_count += 1
            count = credential.sign_count
        flags = UP | (UV if forge.get("uv", True) else 0)
        auth_data = _rp_hash(rp_id) + bytes([flags]) + struct.pack(">I", count)
        client_data = self._client_data("webauthn.get", public_key, forge)
        signature = credential.private_key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        handle = forge.get("user_handle", credential.user_handle)
        claimed = forge.get("credential_id", credential.id)
        response = {
            "clientDataJSON": bytes_to_base64url(client_data),
            "authenticatorData": bytes_to_base64url(auth_data),
            "signature": bytes_to_base64url(signature),
        }
        if handle is not None:
            response["userHandle"] = bytes_to_base64url(handle)
        return {
            "id": claimed,
            "rawId": claimed,
            "type": "public-key",
            "response": response,
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }

    def _for_rp(self, rp_id: str) -> SoftCredential:
        for credential in reversed(self.credentials):
            if credential.rp_id == rp_id:
                return credential
        raise LookupError(f"no passkey for {rp_id}")

    def _client_data(self, kind: str, public_key: dict[str, Any], forge: dict[str, Any]) -> bytes:
        data = {
            "type": kind,
            "challenge": forge.get("challenge") or public_key["challenge"],
            "origin": forge.get("origin") or self.origin,
            "crossOrigin": False,
        }
        return json.dumps(data, separators=(",", ":")).encode()


def _rp_hash(rp_id: str) -> bytes:
    return hashlib.sha256(rp_id.encode()).digest()
