"""Issue 6, point 3: the candidate's capture screens in Chromium, with its fake camera and
microphone: a photo tied to a competency by tapping pictures, a short video finished after two
reloads (its draft in IndexedDB), a voice message; then, on a tablet with no camera at all, the
tablet's own camera app through the file input, in English. axe-core (target-size on) runs on
every capture screen in both languages; the video is driven with the keyboard alone.

Every capture ends as an evidence record on the server, whose media hash is the blob's.
"""

from __future__ import annotations

import hashlib
import io
import uuid

import pytest
from flask import Flask
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect

from browser.candidate_world import CandidateWorld, build_candidate_world, title
from browser.conftest import LiveServer, axe_violations
from factories import create_dossier
from preuves.evidence.models import Evidence
from preuves.extensions import db
from preuves.frameworks.models import Competency, FrameworkVersion
from preuves.media import blobs

pytestmark = pytest.mark.browser

KITCHEN_TITLE = "Aide de cuisine – référentiel d'exemple Preuves"

FOCUSED_NAME = """(() => {
  const element = document.activeElement;
  if (element.tagName === 'H1') return '';
  if (element.getAttribute('aria-label')) return element.getAttribute('aria-label');
  const copy = element.cloneNode(true);
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent.trim();
})()"""

DRAFTS = """() => new Promise((resolve, reject) => {
  const request = indexedDB.open('preuves-capture');
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const db = request.result;
    const all = db.transaction('drafts').objectStore('drafts').getAll();
    all.onsuccess = () => { db.close(); resolve(all.result.map((d) => ({
      id: d.id, kind: d.kind, kept: d.kept, hasBlob: Boolean(d.blob), sha256: d.sha256 }))); };
  };
})"""


DEVICE_STATE = """async () => {
  const { startSync } = await import('/lib/sync/index.js');
  const me = await (await fetch('/api/v1/me', { credentials: 'same-origin' })).json();
  const sync = await startSync({ personId: me.person.id });
  const uploads = await new Promise((resolve) => {
    const request = indexedDB.open('preuves-media');
    request.onsuccess = () => {
      const all = request.result.transaction('uploads').objectStore('uploads').getAll();
      all.onsuccess = () => { request.result.close(); resolve(all.result); };
    };
  });
  const counts = await sync.queries.counts();
  const outbox = await sync.queries.outbox();
  const sent = uploads.map(({ recordId, state, offset, size, error }) =>
    ({ recordId, state, offset, size, error }));
  return JSON.stringify({ counts, outbox, uploads: sent });
}"""


class Audit:
    """axe on each screen; every violation reported at the end, by screen."""

    def __init__(self) -> None:
        self.violations: dict[str, list[dict]] = {}

    def __call__(self, name: str, page: Page) -> None:
        found = axe_violations(page)
        if found:
            self.violations[name] = found


@pytest.fixture
def world(app: Flask) -> CandidateWorld:
    return build_candidate_world(app)


def sign_in(context: BrowserContext, world: CandidateWorld, base: str) -> Page:
    """Léa taps her photo on the workshop's tablet."""
    context.add_cookies([{"name": "preuves_device", "value": world.device_credential, "url": base}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    page.goto(f"{base}/")
    page.get_by_role("button", name="Léa", exact=True).click()
    expect(page.locator("a.tile-link").first).to_be_visible()
    return page


def press(page: Page, name: str, key: str = "Enter") -> None:
    """Tab to the control named `name` (the keyboard alone), then press `key`."""
    for _ in range(60):
        if page.evaluate(FOCUSED_NAME) == name:
            page.keyboard.press(key)
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"no control named {name!r} reached with Tab")


def tap(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def wait_clock_past_zero(page: Page) -> None:
    """The recording has run a second at least (a state of the page, not a sleep)."""
    expect(page.get_by_role("timer")).not_to_have_text("0:00", timeout=10_000)


def server_evidence(world: CandidateWorld, page: Page, evidence_id: str) -> Evidence:
    """Until the evidence has reached the server (the device pushes as soon as it may)."""

    def arrived() -> Evidence | None:
        db.session.rollback()  # a new read transaction, that sees the live server's commits
        return db.session.get(Evidence, uuid.UUID(evidence_id))

    for _ in range(80):
        found = arrived()
        if found is not None:
            return found
        page.wait_for_timeout(250)
    raise AssertionError(
        f"evidence {evidence_id} never reached the server; on the device: "
        f"{page.evaluate(DEVICE_STATE)}"
    )


def evidence_id_of(page: Page) -> str:
    """The id in #/capture/<id>."""
    return page.evaluate("location.hash").split("/")[-1]


def photo_tied_to_a_competency(page: Page, base: str, world: CandidateWorld, audit: Audit) -> str:
    page.goto(f"{base}/#/photo")
    expect(title(page)).to_have_text("Prendre une photo")
    expect(page.get_by_role("status").filter(has_text="La caméra est prête.")).to_be_visible()
    audit("fr:photo", page)
    tap(page, "Photo")
    expect(title(page)).to_have_text("Je regarde ma photo")
    tap(page, "Je recommence")  # a retake: the first photo is thrown away, never sent
    expect(page.get_by_role("status").filter(has_text="La caméra est prête.")).to_be_visible()
    assert page.evaluate(DRAFTS) == []
    tap(page, "Photo")
    expect(title(page)).to_have_text("Je regarde ma photo")
    evidence_id = evidence_id_of(page)
    assert page.evaluate(DRAFTS) == [
        {"id": evidence_id, "kind": "photo", "kept": False, "hasBlob": True, "sha256": None}
    ]
    audit("fr:preview", page)
    tap(page, "Je garde")
    expect(title(page)).to_have_text("Qu'est-ce que je montre ?")
    audit("fr:blocks", page)
    tap(page, "Je suis propre et en tenue")
    expect(title(page)).to_have_text("Je choisis ce que je fais")
    audit("fr:competencies", page)
    tap(page, "Je mets ma tenue de cuisine.")
    expect(title(page)).to_have_text("Qui est sur l'image ?")
    audit("fr:people", page)
    tap(page, "Oui, et elle est d'accord")
    expect(title(page)).to_have_text("Je raconte")
    audit("fr:caption", page)
    page.get_by_label("Je peux l'écrire ici").fill("Je mets mon tablier.")
    tap(page, "J'ai fini")
    expect(title(page)).to_have_text("C'est gardé !")
    audit("fr:done", page)
    assert page.evaluate(DRAFTS) == []
    return evidence_id


def video_by_keyboard_across_reloads(page: Page, base: str, audit: Audit) -> str:
    page.goto(f"{base}/#/video")
    expect(page.get_by_role("status").filter(has_text="La caméra est prête.")).to_be_visible()
    audit("fr:video", page)
    press(page, "Filmer")
    expect(page.get_by_role("status").filter(has_text="Je filme.")).to_be_visible()
    wait_clock_past_zero(page)
    audit("fr:video-recording", page)
    press(page, "Arrêter")
    expect(title(page)).to_have_text("Je regarde ma vidéo")
    evidence_id = evidence_id_of(page)
    page.reload()  # a reload at the preview: the video is still there
    expect(title(page)).to_have_text("Je regarde ma vidéo")
    press(page, "Je garde")
    expect(title(page)).to_have_text("Qu'est-ce que je montre ?")
    page.reload()  # a reload half-way through the questions: back where it was
    expect(title(page)).to_have_text("Qu'est-ce que je montre ?")
    [draft] = page.evaluate(DRAFTS)
    assert draft["kept"] and not draft["hasBlob"] and len(draft["sha256"]) == 64
    # The home screen of the video tiles offers to finish it, too.
    page.goto(f"{base}/#/video")
    expect(page.get_by_text("J'ai une preuve à finir.")).to_be_visible()
    press(page, "Finir ma preuve")
    expect(title(page)).to_have_text("Qu'est-ce que je montre ?")
    press(page, "Je ne sais pas")
    expect(title(page)).to_have_text("Qui est sur l'image ?")
    press(page, "Personne d'autre")
    expect(title(page)).to_have_text("Je raconte")
    press(page, "Enregistrer")  # the caption, told, then told again
    wait_clock_past_zero(page)
    press(page, "Arrêter")
    press(page, "Refaire")
    expect(page.get_by_role("status").filter(has_text="J'enregistre.")).to_be_visible()
    wait_clock_past_zero(page)
    press(page, "Arrêter")
    expect(page.get_by_text("Mon message vocal est prêt.")).to_be_visible()
    audit("fr:caption-recorded", page)
    press(page, "J'ai fini")
    expect(title(page)).to_have_text("C'est gardé !")
    return evidence_id


def voice_message(page: Page, base: str, audit: Audit) -> str:
    page.goto(f"{base}/#/voice")
    expect(title(page)).to_have_text("Dire avec ma voix")
    audit("fr:voice", page)
    tap(page, "Enregistrer")
    expect(page.get_by_role("status").filter(has_text="J'enregistre.")).to_be_visible()
    wait_clock_past_zero(page)
    tap(page, "Arrêter")
    expect(title(page)).to_have_text("J'écoute mon message vocal")
    evidence_id = evidence_id_of(page)
    tap(page, "Je garde")
    tap(page, "Je ne sais pas")
    expect(title(page)).to_have_text("Je raconte")  # no image-rights question for a voice
    tap(page, "J'ai fini")
    expect(title(page)).to_have_text("C'est gardé !")
    return evidence_id


def same_bytes_on_server_sha(sha256: str) -> None:
    assert blobs.exists(sha256)
    with blobs.open_blob(sha256) as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == sha256


def same_bytes_on_server(evidence: Evidence) -> None:
    same_bytes_on_server_sha(evidence.media_sha256)


def test_photo_video_and_voice_with_the_fake_camera(
    media_context: BrowserContext, live_server: LiveServer, world: CandidateWorld
) -> None:
    audit = Audit()
    page = sign_in(media_context, world, live_server.url)
    photo_id = photo_tied_to_a_competency(page, live_server.url, world, audit)
    video_id = video_by_keyboard_across_reloads(page, live_server.url, audit)
    voice_id = voice_message(page, live_server.url, audit)

    photo = server_evidence(world, page, photo_id)
    competency = (
        db.session.query(Competency)
        .filter_by(version_id=world.version_id, key="mettre-sa-tenue")
        .one()
    )
    assert (photo.kind, photo.media_type, photo.people_in_picture) == (
        "photo",
        "image/jpeg",
        "someone_consenting",
    )
    assert [str(c) for c in photo.competency_ids] == [str(competency.id)]
    assert photo.caption_text == "Je mets mon tablier."
    assert photo.author_id == world.lea.id
    same_bytes_on_server(photo)

    video = server_evidence(world, page, video_id)
    assert (video.kind, video.people_in_picture, video.competency_ids) == ("video", "nobody", [])
    assert video.media_type in {"video/webm", "video/mp4"}
    same_bytes_on_server(video)
    assert video.caption_audio_sha256 not in {None, video.media_sha256}
    same_bytes_on_server_sha(video.caption_audio_sha256)

    voice = server_evidence(world, page, voice_id)
    assert (voice.kind, voice.people_in_picture) == ("audio", "nobody")
    assert voice.media_type.startswith("audio/")
    same_bytes_on_server(voice)

    assert page.errors == []  # type: ignore[attr-defined]
    assert audit.violations == {}


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


def test_no_camera_uses_the_tablet_camera_app_in_english(
    browser: Browser, live_server: LiveServer, world: CandidateWorld
) -> None:
    """No camera in this Chromium: a sentence says so and the file input takes the photo. Léa
    has two dossiers here, so she is asked which one, by tapping."""
    audit = Audit()
    version = db.session.get(FrameworkVersion, world.version_id)
    afest = create_dossier(world.structure, world.lea, version, scheme="afest")
    db.session.commit()
    context = browser.new_context(locale="en-GB", service_workers="allow")
    try:
        page = sign_in(context, world, live_server.url)
        base = live_server.url
        for route, heading in (("video", "Film"), ("voice", "Tell with my voice")):
            page.goto(f"{base}/#/{route}")
            expect(title(page)).to_have_text(heading)
            if route == "voice":
                tap(page, "Record")
            expect(page.get_by_role("alert")).to_contain_text("microphone or the camera")
            audit(f"en:{route}", page)
        page.goto(f"{base}/#/photo")
        expect(page.get_by_role("alert")).to_contain_text("I use the tablet's camera app.")
        audit("en:photo", page)
        with page.expect_file_chooser() as chooser:
            tap(page, "The tablet's camera app")
        data = jpeg()
        chooser.value.set_files({"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": data})
        expect(title(page)).to_have_text("I look at my photo")
        evidence_id = evidence_id_of(page)
        audit("en:preview", page)
        # The framework's own words stay as the structure wrote them (in French).
        tap(page, "I keep it")
        expect(title(page)).to_have_text("For which dossier?")
        audit("en:dossier", page)
        page.get_by_role("button", name=KITCHEN_TITLE, exact=True).first.click()
        for button, heading in (
            ("Je suis propre et en tenue", "I choose what I do"),
            ("I do not know", "Who is in the picture?"),
            ("Yes, I did not ask", "I tell"),
            ("I am done", "It is kept!"),
        ):
            tap(page, button)
            expect(title(page)).to_have_text(heading)
            audit(f"en:{heading}", page)
        evidence = server_evidence(world, page, evidence_id)
        assert evidence.media_sha256 == hashlib.sha256(data).hexdigest()
        assert (evidence.kind, evidence.people_in_picture) == ("photo", "someone_not_asked")
        assert evidence.dossier_id in {world.dossier_id, afest.id}
        assert page.errors == []  # type: ignore[attr-defined]
        assert audit.violations == {}
    finally:
        context.close()
