"""Issue 8, point 2 and 3: a jury member from outside (no role in any structure) downloads a
session of two dossiers with real media, the network is cut (the server stopped: the service
worker's requests fail too), the page reloaded; the reader shows every competency and plays a
video and a voice from the device. The session screen and the reader pass axe. Then the access
is withdrawn (an assignment deleted on the server): back online, the next pull erases that
dossier's copy, records and media, and the reader says it is no longer available."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from factories import (
    auth,
    competency_ids,
    create_dossier,
    create_jury_session,
    create_person,
    create_structure,
    link_blob,
    token_for,
)
from media_samples import ogg_opus, webm_like_chrome
from preuves.config import REPO_ROOT
from preuves.core.ids import uuid7
from preuves.evidence.models import Evidence
from preuves.extensions import db
from preuves.frameworks.importer import import_framework
from preuves.identity.sessions import open_session
from preuves.juries.models import JuryAssignment
from preuves.media.derivatives import jobs, worker
from preuves.positionings.models import Positioning
from preuves.testimonies import models as testimonies

pytestmark = pytest.mark.browser

FRAMEWORK = REPO_ROOT / "backend/preuves/demo/data/frameworks/aide-de-cuisine.json"
AT = datetime(2027, 1, 10, 9, 30, tzinfo=UTC)
SYNC_NOW = """async () => {
  const sync = await (await import('/lib/sync/index.js')).startSync();
  await sync.client.syncNow();
}"""
STORED = """async (name) => new Promise((resolve, reject) => {
  const request = indexedDB.open(name);
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const db = request.result;
    const tx = db.transaction(['media', 'manifests']);
    const media = tx.objectStore('media').getAll();
    const manifests = tx.objectStore('manifests').getAll();
    tx.oncomplete = () => {
      db.close();
      resolve({
        media: media.result.map((m) => ({
          sha256: m.sha256, dossiers: m.dossier_ids, bytes: m.blob.size })),
        sessions: manifests.result.map((m) => ({ id: m.session_id, complete: m.complete,
          dossiers: m.manifest.dossiers.map((d) => d.dossier_id) })),
      });
    };
  };
})"""
LOCAL_RECORD = """async ([type, id]) => {
  const sync = await (await import('/lib/sync/index.js')).startSync();
  return (await sync.queries.get(type, id)) ?? null;
}"""
LISTEN_PROGRESS = """async () => {
  window.juryProgress = [];
  const { downloads } = await import('/lib/jury/download.js');
  downloads.addEventListener('progress', (event) => window.juryProgress.push(event.detail));
}"""
PLAYS = """async (element) => {
  element.muted = true;
  await element.play();
  const start = element.currentTime;
  await new Promise((resolve) => {
    const check = () => (element.currentTime > start && element.readyState >= 2
      ? resolve() : setTimeout(check, 50));
    check();
  });
  element.pause();
  const { readyState, currentTime, currentSrc: src } = element;
  return { readyState, currentTime, src };
}"""


@dataclass
class JuryWorld:
    juror_id: uuid.UUID
    lead_token: str
    session_id: str
    dossiers: dict[str, str]  # candidate given name -> dossier id
    assignments: dict[str, str]  # candidate given name -> assignment id
    competencies: int
    media: dict[str, set[str]]  # dossier id -> sha256 of its media
    originals: dict[str, int]  # sha256 -> size of the original bytes
    derived: tuple[str, str]  # Léa's video and the shared voice, which have web copies


def _evidence(dossier, author, kind: str, competency: uuid.UUID, **fields) -> Evidence:
    row = Evidence(id=uuid7(), dossier_id=dossier.id, author_id=author.id, kind=kind,
                   competency_ids=[str(competency)], people_in_picture="nobody",
                   captured_at=AT, rev=1, **fields)  # fmt: skip
    db.session.add(row)
    return row


def build_world(folder: Path) -> JuryWorld:
    """Two candidates' RAE dossiers on the cooking framework, each with a video, a voice and a
    spoken caption, positionings and a recorded testimony; a session with both, one juror from
    outside (no role anywhere), and the structure's lead."""
    structure = create_structure("ESAT Les Tilleuls")
    lead = create_person("Nadia", "Benali", roles={structure: ["lead"]})
    karim = create_person("Karim", "Haddad", roles={structure: ["support_worker"]})
    juror = create_person("Juliette", "Jury")
    version = import_framework(json.loads(FRAMEWORK.read_text()), structure.id, "published")
    ids = competency_ids(version)
    video = webm_like_chrome(folder / "video.webm", seconds=2).read_bytes()
    voice = ogg_opus(folder / "voice.ogg").read_bytes()
    dossiers, media, originals = {}, {}, {}
    for name, family in (("Léa", "Martin"), ("Sami", "Diallo")):
        candidate = create_person(name, family, roles={structure: ["candidate"]})
        dossier = create_dossier(structure, candidate, version, karim)
        # Each dossier's own bytes (a trailing byte differs), so each has its own media.
        own_video = link_blob(video + name.encode(), dossier, "video/webm")
        own_voice = link_blob(voice, dossier, "audio/ogg")
        caption = link_blob(voice + name.encode(), dossier, "audio/ogg")
        _evidence(dossier, candidate, "video", ids[0], media_sha256=own_video,
                  media_type="video/webm", caption_text="Je mets ma veste.",
                  caption_audio_sha256=caption)  # fmt: skip
        _evidence(dossier, candidate, "audio", ids[1], media_sha256=own_voice,
                  media_type="audio/ogg", caption_text="Je lave mes mains.")  # fmt: skip
        for kind, author, key in (("self", candidate, "seul"), ("co", karim, "avec-de-l-aide")):
            items = [{"competency_id": str(c), "level_key": key} for c in ids]
            db.session.add(Positioning(id=uuid7(), dossier_id=dossier.id, author_id=author.id,
                                       kind=kind, taken_at=AT, items=items, complete=True,
                                       rev=1))  # fmt: skip
        db.session.add(testimonies.Testimony(id=uuid7(), dossier_id=dossier.id, kind="testimony",
                                 author_name="Marc Dupuis", author_role="Chef de cuisine",
                                 body_text=f"{name} met sa tenue seul.",
                                 competency_ids=[str(ids[0])], given_at=AT, rev=1))  # fmt: skip
        dossiers[name] = dossier
        media[str(dossier.id)] = {own_video, own_voice, caption}
        originals |= {own_video: len(video) + len(name.encode()), own_voice: len(voice)}
        originals[caption] = len(voice) + len(name.encode())
        if name == "Léa":
            # Léa's video and the voice both dossiers hold get their web copies (H.264,
            # AAC): the device keeps those under the originals' hashes. The other media come
            # as originals, whose hashes the device checks.
            derived = (own_video, own_voice)
            jobs.enqueue_for_blob(own_video, "video/webm")
            jobs.enqueue_for_blob(own_voice, "audio/ogg")
    session = create_jury_session(structure, [juror], list(dossiers.values()))
    db.session.commit()
    worker.run(once=True, idle_seconds=0.1)
    assignments = {
        name: str(db.session.query(JuryAssignment).filter_by(dossier_id=d.id).one().id)
        for name, d in dossiers.items()
    }
    return JuryWorld(
        juror.id, token_for(lead), str(session.id),
        {name: str(d.id) for name, d in dossiers.items()}, assignments, len(ids), media,
        originals, derived,
    )  # fmt: skip


def signed_in_page(browser: Browser, base_url: str, person_id: uuid.UUID) -> Page:
    """The juror's browser, signed in by a session cookie (as after a passkey ceremony)."""
    context = browser.new_context(locale="fr-FR", service_workers="allow")
    session = open_session(person_id, "passkey")
    db.session.commit()
    cookie = {"name": "preuves_session", "value": session.token, "url": base_url}
    context.add_cookies([cookie | {"httpOnly": True, "sameSite": "Strict"}])
    return context.new_page()


def plays(page: Page, selector: str) -> dict:
    element = page.locator(selector).first.element_handle()
    played = page.evaluate(PLAYS, element)
    assert played["readyState"] >= 2 and played["currentTime"] > 0
    assert played["src"].startswith("blob:"), played  # from the device, not the server
    return played


def test_a_juror_reads_offline_then_loses_a_withdrawn_dossier(
    app, restartable_server, browser: Browser, axe, tmp_path: Path
) -> None:
    world = build_world(tmp_path)
    base = restartable_server.url
    page = signed_in_page(browser, base, world.juror_id)
    store = f"preuves-jury-{world.juror_id}"

    # Home shows the jury link to a member with no role; the sessions screen, sizes first.
    page.goto(base + "/#/home")
    page.get_by_role("link", name="Mes jurys").click()
    card = page.locator(f"article[data-session-id='{world.session_id}']")
    expect(card).to_have_attribute("data-state", "none")
    expect(card.locator(".jury-size")).to_have_text(
        re.compile(r"^Taille à télécharger : [\d,]+\s(ko|Mo)\.$")
    )
    for name in world.dossiers:
        expect(card.get_by_role("link", name=re.compile(name))).to_be_visible()
    expect(card.get_by_text("Reconnaissance des acquis de l'expérience")).to_be_visible()
    assert axe(page) == []

    page.evaluate(LISTEN_PROGRESS)
    card.get_by_role("button", name="Télécharger pour lire sans internet").click()
    expect(card).to_have_attribute("data-state", "downloaded", timeout=20_000)
    expect(card.locator(".jury-copy")).to_contain_text("Copie sur cet appareil")
    stored = page.evaluate(STORED, store)
    expected = set().union(*world.media.values())
    assert {m["sha256"] for m in stored["media"]} == expected
    web_copies = {
        m["sha256"] for m in stored["media"] if m["bytes"] != world.originals[m["sha256"]]
    }
    lea_video, voice = world.derived
    assert web_copies == {lea_video, voice}
    # Progress in bytes, up to the manifest's total, which is what the device now holds.
    progress = [p for p in page.evaluate("window.juryProgress") if p["phase"] in ("media", "done")]
    total = sum(m["bytes"] for m in stored["media"])
    assert progress[-1]["phase"] == "done"
    assert progress[-1]["bytesDone"] == progress[-1]["bytesTotal"] == total
    assert len({p["bytesDone"] for p in progress}) > 2
    assert stored["sessions"] == [
        {"id": world.session_id, "complete": True, "dossiers": list(world.dossiers.values())}
    ]

    # The network is cut; the page is reloaded from the service worker's copy.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
    restartable_server.stop()
    page.reload()
    expect(card).to_have_attribute("data-state", "downloaded")
    expect(page.locator(".jury-offline")).to_be_visible()

    lea = world.dossiers["Léa"]
    page.goto(f"{base}/#/jury-dossier/{world.session_id}/{lea}")
    reader = page.locator("section.jury-reader")
    expect(reader).to_have_attribute("data-state", "ready")
    expect(reader).to_have_attribute("data-copy", "complete")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Dossier de Léa"))
    expect(reader.locator("section.jury-competency h3")).to_have_count(world.competencies)
    expect(reader.locator("nav.jury-toc a")).to_have_count(world.competencies)
    first = reader.locator("section.jury-competency").first
    expect(first.get_by_text("Je mets ma veste.")).to_be_visible()
    expect(first.get_by_text("Marc Dupuis, Chef de cuisine", exact=False)).to_be_visible()
    expect(first.get_by_role("link", name=re.compile("^Décider"))).to_have_attribute(
        "href", re.compile(rf"^#/jury-decide/{world.session_id}/{lea}/")
    )
    plays(page, "section.jury-reader video")
    plays(page, "section.jury-reader audio.jury-audio")
    assert axe(page) == []

    # The table of contents moves the focus to the competency's heading, keyboard only.
    toc_link = reader.locator("nav.jury-toc a").nth(2)
    toc_link.focus()
    page.keyboard.press("Enter")
    expect(reader.locator("section.jury-competency h3").nth(2)).to_be_focused()

    # The lead withdraws Léa's dossier from the session; the juror's device is back online.
    restartable_server.start()
    response = app.test_client().delete(
        f"/api/v1/records/jury_assignment/{world.assignments['Léa']}?base_rev=1",
        headers=auth(world.lead_token),
    )
    assert response.status_code == 200, response.get_data(True)
    page.evaluate(SYNC_NOW)
    expect(reader).to_have_attribute("data-state", "unavailable")
    expect(page.get_by_text("Ce dossier n'est plus disponible sur cet appareil.")).to_be_visible()
    after = page.evaluate(STORED, store)
    assert {m["sha256"] for m in after["media"]} == world.media[world.dossiers["Sami"]]
    assert after["sessions"][0]["dossiers"] == [world.dossiers["Sami"]]
    assert page.evaluate(LOCAL_RECORD, ["dossier", lea]) is None
    # Sami's dossier is still read from the device.
    page.goto(f"{base}/#/jury-dossier/{world.session_id}/{world.dossiers['Sami']}")
    expect(reader).to_have_attribute("data-state", "ready")
    expect(reader).to_have_attribute("data-copy", "complete")

    # The juror erases what is left, after saying yes.
    page.goto(f"{base}/#/jury")
    expect(card).to_have_attribute("data-state", "downloaded")
    card.get_by_role("button", name="Effacer la copie").click()
    no = card.get_by_role("button", name="Non, garder")
    expect(no).to_be_focused()
    card.get_by_role("button", name="Oui, effacer").click()
    expect(card).to_have_attribute("data-state", "none")
    assert page.evaluate(STORED, store) == {"media": [], "sessions": []}
