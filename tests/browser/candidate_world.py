"""The candidate's world for the candidate app's browser tests: an ESAT, its lead, Léa with a
dossier on the kitchen framework, an enrolled tablet where Léa signs in by her photo."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from playwright.sync_api import BrowserContext, Page, expect

from browser.identity_steps import portrait_png
from browser.page_steps import title
from factories import create_dossier, create_person, create_structure, enrol_device, token_for
from preuves.extensions import db
from preuves.frameworks.importer import import_framework
from preuves.media import blobs

KITCHEN = (
    Path(__file__).resolve().parents[2]
    / "backend/preuves/demo/data/frameworks/aide-de-cuisine.json"
)


@dataclass
class CandidateWorld:
    app: Flask
    structure: Any
    lead: Any
    lea: Any
    dossier_id: uuid.UUID
    version_id: uuid.UUID
    device_credential: str
    lea_token: str


def build_candidate_world(app: Flask) -> CandidateWorld:
    structure = create_structure("ESAT Les Tilleuls")
    lead = create_person("Claire", "Martin", roles={structure: ["lead"]})
    lea = create_person("Léa", "Petit", roles={structure: ["candidate"]})
    lea.portrait_sha256 = blobs.put_bytes(portrait_png())
    version = import_framework(json.loads(KITCHEN.read_text()), structure.id, "published")
    dossier = create_dossier(structure, lea, version, support_worker=lead)
    db.session.commit()
    _device, credential = enrol_device(structure, lead)
    return CandidateWorld(
        app, structure, lead, lea, dossier.id, version.id, credential, token_for(lea)
    )


def lea_on_tablet(world: CandidateWorld, context: BrowserContext, base: str) -> Page:
    """The workshop's tablet; Léa taps her photo (no picture sequence in this structure)."""
    context.add_cookies([{"name": "preuves_device", "value": world.device_credential, "url": base}])
    tablet = context.new_page()
    errors: list[str] = []
    tablet.on("pageerror", lambda error: errors.append(str(error)))
    tablet.errors = errors  # type: ignore[attr-defined]
    tablet.goto(f"{base}/")
    expect(title(tablet)).not_to_have_text("Bonjour !")
    tablet.get_by_role("button", name="Léa", exact=True).click()
    expect(title(tablet)).to_have_text("Bonjour Léa !")
    return tablet
