"""The two WebAuthn ceremonies (py_webauthn), with every refusal given its own problem code.

User verification is required of everyone; credentials are discoverable (passkeys), so a
sign-in needs no name typed: the authenticator says whose credential it holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import webauthn
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from preuves.core.errors import Problem
from preuves.identity.ceremonies import check_challenge_of
from preuves.identity.models import Ceremony
from preuves.identity.settings import origins, rp_id, setting
from preuves.people.models import Person

REQUIRED = UserVerificationRequirement.REQUIRED

# py_webauthn says what failed only in its message: the words that name each check.
_MESSAGES = (
    ("origin", "webauthn_origin"),
    ("RP ID hash", "webauthn_rp_id"),
    ("sign count", "webauthn_counter"),
    ("User verification is required", "webauthn_user_verification"),
)


def creation_options(person: Person, exclude: list[str]) -> tuple[bytes, dict]:
    """Options for navigator.credentials.create(): resident key and UV required."""
    options = webauthn.generate_registration_options(
        rp_id=rp_id(),
        rp_name=setting("WEBAUTHN_RP_NAME"),
        user_id=person.id.bytes,
        user_name=person.email or f"{person.given_name} {person.family_name}",
        user_display_name=f"{person.given_name} {person.family_name}",
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED, user_verification=REQUIRED
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=webauthn.base64url_to_bytes(c)) for c in exclude
        ],
    )
    return options.challenge, json.loads(webauthn.options_to_json(options))


def request_options() -> tuple[bytes, dict]:
    """Options for navigator.credentials.get(): discoverable, so no allowCredentials."""
    options = webauthn.generate_authentication_options(rp_id=rp_id(), user_verification=REQUIRED)
    return options.challenge, json.loads(webauthn.options_to_json(options))


def verify_creation(ceremony: Ceremony, credential: Any) -> Any:
    """Check a RegistrationResponseJSON against the ceremony; the verified registration."""
    check_challenge_of(ceremony, _client_data(credential))
    with refusals_mapped():
        return webauthn.verify_registration_response(
            credential=credential,
            expected_challenge=webauthn.base64url_to_bytes(ceremony.challenge),
            expected_rp_id=rp_id(),
            expected_origin=origins(),
            require_user_verification=True,
        )


def verify_assertion(ceremony: Ceremony, credential: Any, public_key: bytes, count: int) -> Any:
    """Check an AuthenticationResponseJSON for a known passkey; the verified authentication."""
    check_challenge_of(ceremony, _client_data(credential))
    with refusals_mapped():
        return webauthn.verify_authentication_response(
            credential=credential,
            expected_challenge=webauthn.base64url_to_bytes(ceremony.challenge),
            expected_rp_id=rp_id(),
            expected_origin=origins(),
            credential_public_key=public_key,
            credential_current_sign_count=count,
            require_user_verification=True,
        )


def credential_id_of(credential: Any) -> str:
    """The credential's id (base64url), as sent; refused when missing."""
    raw = credential.get("rawId") or credential.get("id") if isinstance(credential, dict) else None
    if not isinstance(raw, str) or not raw:
        raise Problem("webauthn_invalid", "The credential has no id.")
    return raw


def user_handle_of(credential: dict) -> str | None:
    """The user handle the authenticator returned with a discoverable credential."""
    response = credential.get("response")
    handle = response.get("userHandle") if isinstance(response, dict) else None
    return handle if isinstance(handle, str) and handle else None


def encode(data: bytes) -> str:
    return bytes_to_base64url(data)


def _client_data(credential: Any) -> str:
    response = credential.get("response") if isinstance(credential, dict) else None
    data = response.get("clientDataJSON") if isinstance(response, dict) else None
    if not isinstance(data, str):
        raise Problem("webauthn_invalid", "The credential has no clientDataJSON.")
    return data


@contextmanager
def refusals_mapped() -> Iterator[None]:
    """Turn py_webauthn's exceptions into problems, one code for each check that failed.

    Anything it raises on a malformed credential (CBOR, base64, missing keys) is the client's
    mistake, never a 500.
    """
    try:
        yield
    except Problem:
        raise
    except Exception as error:
        message = str(error)
        code = next((c for words, c in _MESSAGES if words in message), "webauthn_invalid")
        raise Problem(code, f"WebAuthn refused: {message[:300]}") from None
