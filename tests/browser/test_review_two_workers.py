"""Issue 7, second acceptance point: two support workers edit the same dossier's selection
offline, in two browser contexts; after sync both edits survive, and the one true conflict (the
same competency's list changed on both sides) is shown and resolved on the selection screen.
Also: the gallery, one piece and the selection screen pass axe with zero violations, and a link
made on a piece reaches the server as an annotation."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from factories import (
    add_dossier_member,
    competency_ids,
    create_dossier,
    create_person,
    create_structure,
    link_blob,
)
from preuves.config import REPO_ROOT
from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.dossiers.models import Dossier
from preuves.evidence.models import Annotation, Evidence
from preuves.extensions import db
from preuves.frameworks.importer import import_framework
from preuves.identity.sessions import open_session

pytestmark = pytest.mark.browser

FRAMEWORK = REPO_ROOT / "backend/preuves/demo/data/frameworks/aide-de-cuisine.json"
PHOTO = Path(__file__).resolve().parents[2] / "pwa" / "src" / "icons" / "icon-192.png"
OUTBOX = """async () => {
  const sync = await (await import('/lib/sync/index.js')).startSync();
  return sync.queries.outbox();
}"""
UPLOADS = """() => new Promise((resolve) => {
  const request = indexedDB.open('preuves-media');
  request.onsuccess = () => {
    const all = request.result.transaction('uploads').objectStore('uploads').getAll();
    all.onsuccess = () => resolve(JSON.stringify(all.result));
  };
})"""
LOCAL_ANNOTATIONS = """async () => {
  const sync = await (await import('/lib/sync/index.js')).startSync();
  return sync.queries.listByType('annotation');
}"""
SYNC_NOW = """async () => {
  const sync = await (await import('/lib/sync/index.js')).startSync();
  await sync.client.syncNow();
  return (await sync.queries.counts()).pending;
}"""


@dataclass
class Dossiers:
    dossier_id: str
    workers: dict[str, uuid.UUID]
    competencies: list[str]  # ids of the framework's first three competencies
    evidence: dict[str, str]  # caption -> id
    photo_id: str


def _evidence(dossier: Dossier, author_id: uuid.UUID, caption: str, **extra) -> str:
    row = Evidence(
        id=uuid7(),
        dossier_id=dossier.id,
        author_id=author_id,
        kind=extra.pop("kind", "text"),
        caption_text=caption,
        people_in_picture="nobody",
        captured_at=utcnow(),
        rev=1,
        changed_at=utcnow(),
        **extra,
    )
    db.session.add(row)
    return str(row.id)


def build_dossier() -> Dossiers:
    """A candidate's RAE dossier on the cooking framework, two support workers on it, four
    written pieces the candidate tied to the first competencies, and one photo."""
    structure = create_structure()
    candidate = create_person("Léa", "Martin", roles={structure: ["candidate"]})
    alice = create_person("Alice", "Moreau", roles={structure: ["support_worker"]})
    bruno = create_person("Bruno", "Petit", roles={structure: ["support_worker"]})
    version = import_framework(json.loads(FRAMEWORK.read_text()), structure.id, "published")
    dossier = create_dossier(structure, candidate, version, alice)
    add_dossier_member(dossier, bruno)
    ids = [str(i) for i in competency_ids(version)[:3]]
    evidence = {
        caption: _evidence(dossier, candidate.id, caption, competency_ids=ids)
        for caption in ("Je mets ma veste.", "Je lave mes mains.", "Je range le frigo.")
    }
    evidence["Je coupe les légumes."] = _evidence(
        dossier, candidate.id, "Je coupe les légumes.", competency_ids=[]
    )
    sha = link_blob(PHOTO.read_bytes(), dossier, "image/png")
    photo_id = _evidence(
        dossier,
        candidate.id,
        "Ma table est prête.",
        kind="photo",
        media_sha256=sha,
        media_type="image/png",
        competency_ids=[],
    )
    db.session.commit()
    return Dossiers(
        str(dossier.id), {"alice": alice.id, "bruno": bruno.id}, ids, evidence, photo_id
    )


def signed_in(browser: Browser, base_url: str, person_id: uuid.UUID) -> BrowserContext:
    """A support worker's own browser, signed in by a session cookie (as after a passkey)."""
    context = browser.new_context(
        locale="fr-FR", service_workers="allow", permissions=["microphone"]
    )
    session = open_session(person_id, "passkey")
    db.session.commit()
    cookie = {"name": "preuves_session", "value": session.token, "url": base_url}
    context.add_cookies([cookie | {"httpOnly": True, "sameSite": "Strict"}])
    return context


def all_sent(page: Page, attempts: int = 40) -> None:
    """Sync until the outbox is empty (a record waits for its media's upload first)."""
    for _ in range(attempts):
        if page.evaluate(SYNC_NOW) == 0:
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"still waiting: {page.evaluate(OUTBOX)} {page.evaluate(UPLOADS)}")


def open_screen(context: BrowserContext, url: str, controlled: bool = False) -> Page:
    """A tab on `url`; `controlled`: wait until the service worker controls it (offline use)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    page.goto(url)
    if controlled:
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    return page


def section(page: Page, competency_id: str):
    return page.locator(f'section[data-competency-id="{competency_id}"]')


def add(page: Page, competency_id: str, caption: str) -> None:
    section(page, competency_id).get_by_role("button", name=f"Ajouter : {caption}").click()


def save(page: Page) -> None:
    page.get_by_role("button", name="Enregistrer le choix").click()
    expect(page.get_by_text("C'est enregistré.")).to_be_visible()


def server_selection(dossier_id: str) -> dict:
    db.session.remove()
    return db.session.get(Dossier, uuid.UUID(dossier_id)).selection


def test_two_workers_offline_both_choices_survive_and_the_conflict_is_resolved(
    restartable_server, browser: Browser, axe
) -> None:
    data = build_dossier()
    first, second, third = data.competencies
    ev = data.evidence
    url = f"{restartable_server.url}/#/selection/{data.dossier_id}"
    contexts = [signed_in(browser, restartable_server.url, data.workers[n]) for n in data.workers]
    try:
        alice, bruno = (open_screen(context, url, controlled=True) for context in contexts)
        for page in (alice, bruno):
            expect(page.get_by_role("heading", level=1)).to_have_text("Les preuves pour le jury")
            expect(
                section(page, first).get_by_role("button", name="Ajouter : Je mets ma veste.")
            ).to_be_visible()
        assert axe(alice) == []

        # The Wi-Fi is gone, for both (the service workers' requests included).
        restartable_server.stop()
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(restartable_server.url + "/", timeout=5)

        # Alice: the first competency (two pieces, the second moved up, by keyboard) and the third.
        add(alice, first, "Je mets ma veste.")
        add(alice, first, "Je lave mes mains.")
        expect(alice.get_by_text("Changement pas encore enregistré.")).to_have_count(1)
        moved = section(alice, first).get_by_role("button", name="Monter : Je lave mes mains.")
        moved.focus()
        alice.keyboard.press("Enter")
        chosen = section(alice, first).locator("ol li")
        expect(chosen).to_have_count(2)
        expect(chosen.first).to_contain_text("Je lave mes mains.")
        add(alice, third, "Je range le frigo.")
        save(alice)

        # Bruno: the second competency, and the third with another piece: a true conflict.
        add(bruno, second, "Je lave mes mains.")
        add(bruno, third, "Je mets ma veste.")
        save(bruno)
        assert alice.evaluate(SYNC_NOW) == 1 and bruno.evaluate(SYNC_NOW) == 1  # still waiting

        restartable_server.start()
        assert alice.evaluate(SYNC_NOW) == 0
        assert bruno.evaluate(SYNC_NOW) == 0
        assert server_selection(data.dossier_id) == {
            first: [ev["Je lave mes mains."], ev["Je mets ma veste."]],
            third: [ev["Je range le frigo."]],
        }

        # Bruno sees the conflict on his screen: every other change is kept, he picks a list.
        panel = bruno.locator(".review-conflict")
        expect(panel.get_by_role("heading", name="Deux choix en même temps")).to_be_visible()
        assert axe(bruno) == []
        panel.get_by_role("radio", name="La liste de Bruno Petit").check()
        panel.get_by_role("button", name="Garder ce choix").click()
        expect(bruno.get_by_text("C'est fait. Le choix est gardé.")).to_be_visible()
        expect(panel).to_have_count(0)
        assert server_selection(data.dossier_id) == {
            first: [ev["Je lave mes mains."], ev["Je mets ma veste."]],
            second: [ev["Je lave mes mains."]],
            third: [ev["Je mets ma veste."]],
        }

        # Alice's device receives the result of both.
        alice.evaluate(SYNC_NOW)
        expect(section(alice, second).locator("ol li")).to_contain_text(["Je lave mes mains."])
        expect(section(alice, third).locator("ol li")).to_contain_text(["Je mets ma veste."])
        assert alice.errors == [] and bruno.errors == []  # type: ignore[attr-defined]
    finally:
        for context in contexts:
            context.close()


def test_gallery_and_piece_link_remark_by_voice_and_pass_axe(
    live_server, media_browser: Browser, axe
) -> None:
    data = build_dossier()
    base = live_server.url
    context = signed_in(media_browser, base, data.workers["alice"])
    try:
        page = open_screen(context, f"{base}/#/evidence/{data.dossier_id}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Les preuves de Léa Martin")
        cards = page.locator(".review-card")
        expect(cards).to_have_count(5)
        page.get_by_label("Montrer").select_option("unlinked")
        expect(cards).to_have_count(2)
        assert axe(page) == []

        page.get_by_role("link", name="Ma table est prête.").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Photo du")
        expect(page.get_by_text("Personne d'autre n'est sur l'image.")).to_be_visible()
        expect(page.get_by_text("Léa Martin")).to_be_visible()
        page.get_by_role("button", name="Agrandir").click()
        expect(page.get_by_text("Taille : 2 sur 5")).to_be_visible()
        page.get_by_label("Compétence", exact=True).select_option(data.competencies[1])
        page.get_by_role("button", name="Relier", exact=True).click()
        expect(page.get_by_text("C'est fait. La preuve est reliée.")).to_be_visible()
        expect(page.get_by_role("button", name="Enlever ce lien")).to_be_visible()

        # "À refaire", said by voice: the candidate will hear it.
        page.get_by_role("radio", name="À refaire").check()
        recorder = page.locator(".voice-recorder")
        recorder.get_by_role("button", name="Enregistrer", exact=True).click()
        # A second of voice at least (a state of the page, not a sleep): a few bytes are no sound.
        expect(recorder.get_by_role("timer")).not_to_have_text("0:00", timeout=10_000)
        recorder.get_by_role("button", name="Arrêter").click()
        expect(recorder.get_by_role("button", name="Écouter", exact=True)).to_be_visible()
        page.get_by_role("button", name="Enregistrer la remarque").click()
        expect(
            page.get_by_text("C'est fait. Le candidat va entendre votre message.")
        ).to_be_visible()
        expect(page.locator(".review-remark-a_refaire audio")).to_have_count(1)
        assert axe(page) == []
        page.evaluate(SYNC_NOW)

        # The link reached the server as a bare annotation.
        db.session.remove()
        rows = db.session.execute(
            select(Annotation.kind, Annotation.competency_ids).where(
                Annotation.evidence_id == uuid.UUID(data.photo_id)
            )
        ).all()
        assert ("validated", [data.competencies[1]]) in [tuple(row) for row in rows]
        # The voice went by tus under <annotationId>/body_audio_sha256, then the record that
        # names it by its hash: the candidate's tablet can now play it.
        [redo] = [a for a in page.evaluate(LOCAL_ANNOTATIONS) if a["kind"] == "a_refaire"]
        all_sent(page)
        db.session.remove()
        stored = db.session.get(Annotation, uuid.UUID(redo["id"]))
        assert stored.body_audio_sha256 == redo["body_audio_sha256"]
        audio = page.evaluate(
            "(url) => fetch(url).then((r) => [r.status, r.headers.get('Content-Type')])",
            f"/api/v1/media/{redo['body_audio_sha256']}",
        )
        assert audio[0] == 200 and audio[1].startswith("audio/"), audio
        assert page.errors == []  # type: ignore[attr-defined]
    finally:
        context.close()
