"""Testimonies become EndorsementCredentials, signed as VC-JWT and carried in the badge's
`endorsementJwt`.

The witness has no key, so the structure signs: the endorsement's issuer is the structure,
and its `endorsementComment` quotes the witness by name and role (docs/badges.md says why
`endorsementJwt` rather than `endorsement`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from preuves.badges import urls, vcjwt
from preuves.badges.credentials import issuer_profile, timestamp
from preuves.badges.models import IssuerKey
from preuves.structures.models import Structure
from preuves.testimonies.models import Testimony

ORAL = "Témoignage donné par un message vocal."


def endorsement(
    structure: Structure, badge_id: uuid.UUID, issued: datetime, testimony: Testimony
) -> dict[str, Any]:
    """The EndorsementCredential of one testimony about the badge."""
    said = (testimony.body_text or "").strip()
    quote = f"« {said} »" if said else ORAL
    return {
        "@context": list(urls.CONTEXTS),
        "id": f"urn:uuid:{uuid.uuid5(badge_id, str(testimony.id))}",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": f"Témoignage de {testimony.author_name}",
        "description": (
            f"{structure.name} rapporte le témoignage de {testimony.author_name} "
            f"({testimony.author_role}), donné le {testimony.given_at.strftime('%d/%m/%Y')}."
        ),
        "issuer": issuer_profile(structure),
        "validFrom": timestamp(issued),
        "credentialSubject": {
            "id": f"urn:uuid:{badge_id}",
            "type": ["EndorsementSubject"],
            "endorsementComment": f"{quote} ({testimony.author_name}, {testimony.author_role})",
        },
        "credentialSchema": [
            {"id": urls.ENDORSEMENT_SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}
        ],
    }


def signed_endorsements(
    key: IssuerKey,
    structure: Structure,
    badge_id: uuid.UUID,
    issued: datetime,
    testimonies: list[Testimony],
) -> list[str]:
    return [
        vcjwt.sign_credential(key, endorsement(structure, badge_id, issued, t)) for t in testimonies
    ]
