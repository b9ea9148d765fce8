"""Issue 7, first acceptance point: from a capture on the candidate's tablet to a dossier that
is complete for the jury, in the support worker's workspace.

Three browser contexts share one live server: Léa's tablet (an enrolled device, she signs in by
her photo), Marc's laptop (a support worker with a passkey, through an invitation) and, for the
testimony, a tutor's phone with no account. axe-core runs on every workspace screen on the way.
Where another area's screen is not in the build yet, the step goes through that device's own
sync client in the page (the same `lib/sync` module instance the app uses), so the records take
the very path the screens will take: queued on the device, pushed, pulled by the other side.
"""

from __future__ import annotations

import io
import json
import uuid
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from browser.conftest import LiveServer, add_virtual_authenticator
from browser.identity_steps import portrait_png
from factories import auth, create_person, create_structure, enrol_device, token_for, upload_blob
from preuves.extensions import db
from preuves.frameworks.importer import import_framework
from preuves.media import blobs

pytestmark = pytest.mark.browser

KITCHEN = (
    Path(__file__).resolve().parents[2]
    / "backend/preuves/demo/data/frameworks/aide-de-cuisine.json"
)
PWA_SRC = Path(__file__).resolve().parents[2] / "pwa" / "src"


def has_screens(area: str, *files: str) -> bool:
    """Whether another area's screens are in this build (they land while this test is written)."""
    return all((PWA_SRC / "screens" / area / name).is_file() for name in files)


@dataclass
class World:
    app: Flask
    structure_id: uuid.UUID
    admin_token: str
    lea_id: uuid.UUID
    lea_token: str
    claire_name: str
    version_id: uuid.UUID
    device_credential: str

    def call(self, method: str, path: str, body: Any = None) -> Any:
        """A set-up call as the structure's admin (a script with a bearer token)."""
        db.session.expire_all()
        response = self.app.test_client().open(
            path, method=method, json=body, headers=auth(self.admin_token)
        )
        assert response.status_code < 300, (path, response.status_code, response.get_data(True))
        return response.get_json(silent=True)


def build_world(app: Flask) -> World:
    structure = create_structure("ESAT Les Tilleuls")
    admin = create_person("Nadia", "Benali", roles={structure: ["admin"]})
    claire = create_person("Claire", "Martin", roles={structure: ["lead"]})
    lea = create_person("Léa", "Petit", roles={structure: ["candidate"]})
    lea.birth_date = None
    lea.portrait_sha256 = blobs.put_bytes(portrait_png())
    version = import_framework(json.loads(KITCHEN.read_text()), structure.id, "published")
    db.session.commit()
    _device, credential = enrol_device(structure, claire)
    return World(
        app,
        structure.id,
        token_for(admin),
        lea.id,
        token_for(lea),
        "Claire Martin",
        version.id,
        credential,
    )


def title(page: Page) -> Any:
    return page.locator("#screen h1")


# --- the devices' own sync client, for the steps whose screens are not in the build yet ---

SYNC_PUT = """async ([type, record]) => {
  const { startSync } = await import('/lib/sync/index.js');
  const me = await (await fetch('/api/v1/me', { credentials: 'same-origin' })).json();
  const sync = await startSync({ personId: me.person.id });
  await sync.put(type, record);
  sync.client.requestSync();
}"""

SYNC_SETTLED = """async () => {
  const { startSync } = await import('/lib/sync/index.js');
  const me = await (await fetch('/api/v1/me', { credentials: 'same-origin' })).json();
  const sync = await startSync({ personId: me.person.id });
  sync.client.requestSync();
  const { pending, rejected, rejections } = await sync.queries.counts();
  if (rejected) throw new Error(JSON.stringify(rejections));
  return pending === 0;
}"""

SYNC_GET = """async ([type, id]) => {
  const { startSync } = await import('/lib/sync/index.js');
  const me = await (await fetch('/api/v1/me', { credentials: 'same-origin' })).json();
  const sync = await startSync({ personId: me.person.id });
  sync.client.requestSync();
  return (await sync.queries.get(type, id)) ?? null;
}"""


def put_record(page: Page, record_type: str, record: dict[str, Any]) -> None:
    page.evaluate(SYNC_PUT, [record_type, record])


def wait_sent(page: Page) -> None:
    """Until the device's outbox is empty (every mutation answered); a refusal fails the test."""
    page.wait_for_function(SYNC_SETTLED, polling=250, timeout=20_000)


def wait_on_device(page: Page, record_type: str, record_id: str) -> dict[str, Any]:
    """Until the record has reached this device's copy, then the record."""
    page.wait_for_function(SYNC_GET, arg=[record_type, record_id], polling=250, timeout=20_000)
    return page.evaluate(SYNC_GET, [record_type, record_id])


def tone_wav() -> bytes:
    """Half a second of a quiet tone, a real WAV the server's content check accepts."""
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\x00\x10" * 4000)
    return out.getvalue()


def png_photo() -> bytes:
    return portrait_png()


# --- the journey's steps ---


Audit = Callable[[str, Page], None]


def marc_accepts_invitation(world: World, context: BrowserContext, base: str) -> Page:
    """Marc, support worker, opens his invitation link and creates his passkey."""
    invitation = world.call(
        "POST",
        "/api/v1/invitations",
        {
            "structure_id": str(world.structure_id),
            "role": "support_worker",
            "given_name": "Marc",
            "family_name": "Dupont",
            "email": "marc.dupont@tilleuls.example",
        },
    )
    page = context.new_page()
    add_virtual_authenticator(context, page)
    path = invitation["url"].split("://", 1)[1].split("/", 1)[1]
    page.goto(f"{base}/{path}")
    page.get_by_role("button", name="Créer ma clé d'accès").click()
    expect(title(page)).to_have_text("Bonjour Marc !")
    return page


def marc_opens_dossier(page: Page, base: str, audit: Audit) -> str:
    """From his list of candidates, Marc opens Léa's RAE dossier at the workstation."""
    page.goto(f"{base}/#/dossiers")
    expect(title(page)).to_have_text("Mes candidats et leurs dossiers")
    lea = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Léa Petit"))
    expect(lea).to_contain_text("Pas encore de dossier.")
    audit("dossiers", page)
    lea.get_by_role("link", name="Ouvrir un dossier pour Léa Petit").click()
    expect(title(page)).to_have_text("Ouvrir un dossier")
    expect(page.get_by_text("Le dossier est pour Léa Petit.")).to_be_visible()
    page.get_by_role("button", name="Ouvrir le dossier").click()
    expect(page.get_by_role("alert")).to_contain_text("Choisissez la démarche.")
    page.get_by_role("radio", name="RAE").check()
    page.get_by_role("radio", name="Au poste de travail").check()
    document = json.loads(KITCHEN.read_text())
    page.get_by_label("Le référentiel").select_option(
        label=f"{document['title']}, version {document['version']}"
    )
    audit("new-dossier", page)
    page.get_by_role("button", name="Ouvrir le dossier").click()
    expect(title(page)).to_have_text("Le dossier de Léa Petit")
    expect(page.get_by_text("Le dossier est ouvert.")).to_be_visible()
    expect(page.get_by_role("heading", name="Le dossier n'est pas encore complet")).to_be_visible()
    expect(page.get_by_text("Aucune compétence n'est choisie pour le jury.")).to_be_visible()
    # The timeline: engagement is next; Marc marks it done.
    engagement = page.locator(".step").first
    expect(engagement).to_contain_text("C'est la prochaine étape.")
    page.get_by_role("button", name="Engagement : c'est fait").click()
    expect(engagement).to_contain_text("Fait le")
    expect(page.locator(".step").nth(1)).to_contain_text("C'est la prochaine étape.")
    audit("dossier", page)
    dossier_id = page.url.rsplit("/", 1)[1]
    wait_sent(page)
    return dossier_id


def lea_signs_in_on_tablet(world: World, context: BrowserContext, base: str) -> Page:
    """The workshop's tablet (enrolled by Claire); Léa taps her photo."""
    context.add_cookies(
        [{"name": "preuves_device", "value": world.device_credential, "url": base}]
    )
    tablet = context.new_page()
    tablet.goto(f"{base}/")
    expect(title(tablet)).to_have_text("Qui êtes-vous ?")
    tablet.get_by_role("button", name="Léa", exact=True).click()
    expect(title(tablet)).to_have_text("Bonjour Léa !")
    return tablet


def lea_captures(world: World, tablet: Page, dossier_id: str, competency_id: str) -> str:
    """Léa takes a photo of her work and says what she can do (self-positioning)."""
    wait_on_device(tablet, "dossier", dossier_id)
    evidence_id = str(uuid.uuid4())
    # Until the capture screens land: the photo goes up by tus (as the tablet's queue does),
    # the record through the tablet's own sync client.
    sha256 = upload_blob(world.app, world.lea_token, _dossier(dossier_id), png_photo())
    put_record(
        tablet,
        "evidence",
        {
            "id": evidence_id,
            "dossier_id": dossier_id,
            "kind": "photo",
            "media_sha256": sha256,
            "media_type": "image/png",
            "task": "mettre sa tenue",
            "caption_text": "Je mets ma tenue de cuisine.",
            "competency_ids": [],
            "people_in_picture": "nobody",
            "captured_at": "2026-11-23T09:00:00Z",
        },
    )
    put_record(
        tablet,
        "positioning",
        {
            "id": str(uuid.uuid4()),
            "dossier_id": dossier_id,
            "kind": "self",
            "taken_at": "2026-11-23T09:05:00Z",
            "items": [{"competency_id": competency_id, "level_key": "avec-de-l-aide"}],
        },
    )
    wait_sent(tablet)
    return evidence_id


def _dossier(dossier_id: str) -> Any:
    from preuves.dossiers.models import Dossier

    db.session.expire_all()
    return db.session.get(Dossier, uuid.UUID(dossier_id))


def person_named(given_name: str) -> Any:
    from preuves.people.models import Person

    db.session.expire_all()
    return db.session.scalar(select(Person).where(Person.given_name == given_name))


def marc_links_and_annotates(
    world: World, marc: Page, dossier_id: str, evidence_id: str, competency_id: str
) -> str:
    """Marc ties the photo to its competency and tells Léa, by voice, what he saw."""
    wait_on_device(marc, "evidence", evidence_id)
    # Until the review screens land: his voice note goes up by tus, the annotation (a link to the
    # competency, with a voice body) through his own sync client.
    voice = upload_blob(world.app, token_for(person_named("Marc")), _dossier(dossier_id), tone_wav())
    annotation_id = str(uuid.uuid4())
    put_record(
        marc,
        "annotation",
        {
            "id": annotation_id,
            "dossier_id": dossier_id,
            "evidence_id": evidence_id,
            "kind": "comment",
            "body_audio_sha256": voice,
            "competency_ids": [competency_id],
        },
    )
    wait_sent(marc)
    return annotation_id


def marc_copositions(marc: Page, base: str, dossier_id: str, audit: Audit) -> None:
    """Side by side with Léa's view, Marc gives his own: one snapshot, a level and a comment."""
    marc.goto(f"{base}/#/dossier/{dossier_id}")
    expect(title(marc)).to_have_text("Le dossier de Léa Petit")
    marc.get_by_role("link", name="Le co-positionnement").click()
    expect(title(marc)).to_have_text("Le co-positionnement de Léa Petit")
    tenue = marc.get_by_role("listitem").filter(
        has=marc.get_by_role("heading", name="Je mets ma tenue de cuisine.", exact=True)
    )
    expect(tenue.locator(".side").first).to_contain_text("Avec de l'aide")
    expect(tenue).to_contain_text("Seul le candidat a répondu.")
    # The photo Marc linked shows under the competency it shows.
    expect(tenue.get_by_role("link", name="mettre sa tenue", exact=False)).to_be_visible()
    audit("copositioning", marc)
    view = marc.get_by_role("group", name="Votre avis : Je mets ma tenue de cuisine.")
    view.get_by_role("radio", name="Seul ou seule (Acquis en autonomie)").check()
    view.get_by_label("Votre commentaire écrit").fill("Léa met sa tenue seule, sans oubli.")
    marc.get_by_role("button", name="Enregistrer mon avis").click()
    expect(marc.get_by_text("Votre avis est enregistré.")).to_be_visible()
    expect(tenue).to_contain_text("↑ L'accompagnement voit 1 niveau de plus que Léa Petit.")
    expect(tenue.locator(".side").nth(1)).to_contain_text("Seul ou seule")
    history = marc.locator(".history > li")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("co-positionnement par Marc Dupont")
    audit("copositioning-saved", marc)
    wait_sent(marc)


def marc_completes(
    world: World, marc: Page, dossier_id: str, evidence_id: str, competency_id: str
) -> None:
    """The jury's selection and the signed commitment letter (other areas' screens)."""
    dossier = wait_on_device(marc, "dossier", dossier_id)
    put_record(marc, "dossier", {**dossier, "selection": {competency_id: [evidence_id]}})
    letter = "c" * 64
    for role, name in (
        ("candidate", "Léa Petit"),
        ("lead", world.claire_name),
        ("support_worker", "Marc Dupont"),
    ):
        put_record(
            marc,
            "signature",
            {
                "id": str(uuid.uuid4()),
                "dossier_id": dossier_id,
                "document_kind": "commitment_letter",
                "document_sha256": letter,
                "signer_name": name,
                "signer_role": role,
                "signed_at": "2026-11-23T10:00:00Z",
            },
        )
    wait_sent(marc)


def tutor_gives_testimony(marc: Page, dossier_id: str, competency_id: str) -> None:
    """A placement tutor's testimony (the letters area's one-time link, when it lands)."""
    put_record(
        marc,
        "testimony",
        {
            "id": str(uuid.uuid4()),
            "dossier_id": dossier_id,
            "kind": "testimony",
            "author_name": "Paul Girard",
            "author_role": "Tuteur de stage",
            "body_text": "Léa met sa tenue chaque matin sans qu'on le lui dise.",
            "competency_ids": [competency_id],
            "given_at": "2026-11-23T10:30:00Z",
        },
    )
    wait_sent(marc)


def dossier_shows_complete(marc: Page, base: str, dossier_id: str, audit: Audit) -> None:
    marc.goto(f"{base}/#/dossier/{dossier_id}")
    expect(marc.get_by_role("heading", name="Le dossier est complet pour le jury")).to_be_visible()
    audit("dossier-complete", marc)
    marc.get_by_role("button", name="Le dossier est prêt pour le jury").click()
    expect(marc.get_by_text("Le dossier est marqué prêt pour le jury.")).to_be_visible()
    wait_sent(marc)


def lea_hears_annotation(tablet: Page, annotation_id: str) -> None:
    """Back on the tablet, Marc's voice note has arrived for Léa."""
    annotation = wait_on_device(tablet, "annotation", annotation_id)
    assert annotation["body_audio_sha256"]
    status = tablet.evaluate(
        "(sha) => fetch(`/api/v1/media/${sha}`, {credentials: 'same-origin'}).then(r => r.status)",
        annotation["body_audio_sha256"],
    )
    assert status == 200


def test_capture_on_tablet_to_complete_dossier(
    app: Flask, live_server: LiveServer, browser: Browser, axe: Callable[[Page], list[dict]]
) -> None:
    world = build_world(app)
    base = live_server.url
    found: dict[str, list[dict]] = {}

    def audit(name: str, page: Page) -> None:
        if violations := axe(page):
            found[name] = violations

    laptop = browser.new_context(locale="fr-FR", service_workers="allow")
    tablet_context = browser.new_context(locale="fr-FR", service_workers="allow")
    try:
        marc = marc_accepts_invitation(world, laptop, base)
        dossier_id = marc_opens_dossier(marc, base, audit)
        competency_id = _competency_id(world, "mettre-sa-tenue")
        tablet = lea_signs_in_on_tablet(world, tablet_context, base)
        evidence_id = lea_captures(world, tablet, dossier_id, competency_id)
        annotation_id = marc_links_and_annotates(
            world, marc, dossier_id, evidence_id, competency_id
        )
        marc_copositions(marc, base, dossier_id, audit)
        tutor_gives_testimony(marc, dossier_id, competency_id)
        marc_completes(world, marc, dossier_id, evidence_id, competency_id)
        dossier_shows_complete(marc, base, dossier_id, audit)
        lea_hears_annotation(tablet, annotation_id)
        assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
    finally:
        laptop.close()
        tablet_context.close()


def _competency_id(world: World, key: str) -> str:
    from preuves.frameworks.children import child_id

    return str(child_id(world.version_id, "competency", key))
