"""Issue 7, first acceptance point: from a capture on the candidate's tablet to a dossier that
is complete for the jury, in the support worker's workspace.

Three browser contexts share one live server: Léa's tablet (an enrolled device with a fake
camera and microphone; she signs in by her photo), Marc's laptop (a support worker with a passkey,
through an invitation) and, for the testimony, a tutor's phone with no account. Each area's own
screens are used: capture and positioning (issue 6), review, letters, and the workspace's.
axe-core runs on every workspace screen on the way; the conflicts screen has its own test below.
"""

from __future__ import annotations

import json
import uuid
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
from browser.page_steps import title
from factories import auth, create_person, create_structure, enrol_device, token_for
from preuves.extensions import db
from preuves.frameworks.importer import import_framework
from preuves.media import blobs

pytestmark = pytest.mark.browser

KITCHEN = (
    Path(__file__).resolve().parents[2]
    / "backend/preuves/demo/data/frameworks/aide-de-cuisine.json"
)
PWA_SRC = Path(__file__).resolve().parents[2] / "pwa" / "src"


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


def new_page(context: BrowserContext) -> Page:
    """A page that keeps its uncaught script errors, for the test to check at the end."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    return page


def person_named(given_name: str) -> Any:
    from preuves.people.models import Person

    db.session.expire_all()
    return db.session.scalar(select(Person).where(Person.given_name == given_name))


# --- the devices' own sync client, for the steps whose screens are not in the build yet ---

# Every helper reaches the app's own sync client: the same module URL is the same instance, and
# startSync() returns the one the app started for the signed-in person.
SYNC = """const { startSync } = await import('/lib/sync/index.js');
  const me = await (await fetch('/api/v1/me', { credentials: 'same-origin' })).json();
  const sync = await startSync({ personId: me.person.id });"""

# Ask for a sync and look again until the state is reached (30 s at most), then answer.
SYNC_WAIT = f"""async ([check, args]) => {{
  {SYNC}
  const until = Date.now() + 30000;
  for (;;) {{
    sync.client.requestSync();
    const found = await (CHECKS[check])(sync, ...args);
    if (found) return found;
    if (Date.now() > until) {{
      const waiting = (await sync.queries.outbox())
        .map((e) => [e.type, e.state, e.last_error?.code]);
      throw new Error(`still waiting: ${{check}} ${{args}} ${{JSON.stringify(waiting)}}`);
    }}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }}
}}""".replace(
    "CHECKS",
    """({
    async sent(sync) {
      const { pending, rejected, rejections } = await sync.queries.counts();
      if (rejected) throw new Error(JSON.stringify(rejections));
      return pending === 0;
    },
    record: (sync, type, id) => sync.queries.get(type, id),
    async some(sync, type, dossierId) {
      const found = (await sync.queries.listByDossier(dossierId)).filter((r) => r.type === type);
      return found.length ? found.map((r) => r.record) : null;
    },
  })""",
)


def wait_sent(page: Page) -> None:
    """Until the device's outbox is empty (every mutation answered); a refusal fails the test."""
    page.evaluate(SYNC_WAIT, ["sent", []])


def wait_on_device(page: Page, record_type: str, record_id: str) -> dict[str, Any]:
    """Until the record has reached this device's copy, then the record."""
    return page.evaluate(SYNC_WAIT, ["record", [record_type, record_id]])


def wait_for_type(page: Page, record_type: str, dossier_id: str) -> list[dict[str, Any]]:
    """Until records of a type have reached this device's copy of a dossier, then those."""
    return page.evaluate(SYNC_WAIT, ["some", [record_type, dossier_id]])


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
    page = new_page(context)
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
    context.add_cookies([{"name": "preuves_device", "value": world.device_credential, "url": base}])
    tablet = new_page(context)
    tablet.goto(f"{base}/")
    expect(title(tablet)).to_have_text("Qui êtes-vous ?")
    tablet.get_by_role("button", name="Léa", exact=True).click()
    expect(title(tablet)).to_have_text("Bonjour Léa !")
    return tablet


def tap(page: Page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def lea_captures(tablet: Page, base: str, dossier_id: str) -> str:
    """Léa takes a photo of her work (the fake camera), ties it, tells it; then she says what she
    can do on the first statement. Returns the evidence's id."""
    wait_on_device(tablet, "dossier", dossier_id)
    tablet.goto(f"{base}/#/photo")
    expect(tablet.get_by_role("status").filter(has_text="La caméra est prête.")).to_be_visible()
    tap(tablet, "Photo")
    expect(title(tablet)).to_have_text("Je regarde ma photo")
    evidence_id = tablet.evaluate("location.hash").split("/")[-1]
    tap(tablet, "Je garde")
    expect(title(tablet)).to_have_text("Qu'est-ce que je montre ?")
    tap(tablet, "Je suis propre et en tenue")
    tap(tablet, "Je mets ma tenue de cuisine.")
    expect(title(tablet)).to_have_text("Qui est sur l'image ?")
    tap(tablet, "Personne d'autre")
    expect(title(tablet)).to_have_text("Je raconte")
    tablet.get_by_label("Je peux l'écrire ici").fill("Je mets ma tenue de cuisine.")
    tap(tablet, "J'ai fini")
    expect(title(tablet)).to_have_text("C'est gardé !")
    # Self-positioning: the first statement, then she stops for today.
    tablet.goto(f"{base}/#/position")
    expect(title(tablet)).to_have_text("Je dis ce que je sais faire")
    expect(tablet.locator(".statement-text")).to_have_text("Je mets ma tenue de cuisine.")
    tap(tablet, "Avec de l'aide")
    tablet.get_by_role("button", name="J'arrête pour aujourd'hui").click()
    expect(tablet.get_by_text("Mes réponses sont gardées.")).to_be_visible()
    wait_sent(tablet)
    return evidence_id


def record_voice(scope: Any) -> None:
    """Record a few seconds on the fake microphone with the capture area's recorder."""
    scope.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(scope.get_by_role("timer")).not_to_have_text("0:00", timeout=10_000)
    scope.get_by_role("button", name="Arrêter", exact=True).click()
    expect(scope.get_by_role("button", name="Écouter", exact=True)).to_be_visible()


def marc_links_and_annotates(marc: Page, base: str, dossier_id: str, evidence_id: str) -> None:
    """The photo shows in Marc's workspace; he ties it to one more competency and tells Léa,
    by voice, what he saw (the review area's screen)."""
    wait_on_device(marc, "evidence", evidence_id)
    marc.goto(f"{base}/#/dossier/{dossier_id}")
    expect(marc.locator(".evidence-count")).to_have_text("1 preuve.")
    marc.get_by_role("link", name="Les preuves", exact=True).click()
    marc.goto(f"{base}/#/evidence/{dossier_id}/{evidence_id}")
    marc.get_by_label("Compétence", exact=True).select_option(label="Je me lave les mains.")
    marc.get_by_role("button", name="Relier", exact=True).click()
    expect(marc.get_by_text("C'est fait. La preuve est reliée.")).to_be_visible()
    remark = marc.locator("form").filter(
        has=marc.get_by_role("heading", name="Ajouter une remarque")
    )
    record_voice(remark)
    remark.get_by_role("button", name="Enregistrer la remarque").click()
    expect(marc.get_by_text("C'est fait. La remarque est enregistrée.")).to_be_visible()
    wait_sent(marc)


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
    # The photo shows under both competencies it is tied to (Léa's choice, Marc's link).
    expect(tenue.locator(".thumbs li")).to_have_count(1)
    hands = marc.get_by_role("listitem").filter(
        has=marc.get_by_role("heading", name="Je me lave les mains.", exact=True)
    )
    expect(hands.locator(".thumbs li")).to_have_count(1)
    audit("copositioning", marc)
    view = marc.get_by_role("group", name="Votre avis : Je mets ma tenue de cuisine.")
    view.get_by_role("radio", name="Seul ou seule (Acquis en autonomie)").check()
    view.get_by_label("Votre commentaire écrit").fill("Léa met sa tenue seule, sans oubli.")
    view.get_by_role("button", name="Commenter avec ma voix : Je mets ma tenue de cuisine.").click()
    record_voice(view)
    marc.get_by_role("button", name="Enregistrer mon avis").click()
    expect(marc.get_by_text("Votre avis est enregistré.")).to_be_visible()
    expect(tenue).to_contain_text("↑ L'accompagnement voit 1 niveau de plus que Léa Petit.")
    expect(tenue.locator(".side").nth(1)).to_contain_text("Seul ou seule")
    history = marc.locator(".history > li")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("co-positionnement par Marc Dupont")
    audit("copositioning-saved", marc)
    wait_sent(marc)
    [snapshot] = [p for p in server_positionings(dossier_id) if p.kind == "co"]
    assert snapshot.author_id == person_named("Marc").id
    [item] = snapshot.items
    assert item["level_key"] == "seul" and item["comment_audio_sha256"]
    assert item["comment_text"] == "Léa met sa tenue seule, sans oubli."


def server_positionings(dossier_id: str) -> list[Any]:
    from preuves.positionings.models import Positioning

    db.session.expire_all()
    return list(db.session.scalars(select(Positioning).filter_by(dossier_id=uuid.UUID(dossier_id))))


def tutor_gives_testimony(marc: Page, tutor: Page, base: str, dossier_id: str) -> None:
    """Marc asks Paul, Léa's placement tutor, through a one-time link (the letters area);
    Paul answers on his own phone, with no account."""
    marc.goto(f"{base}/#/testimonies/{dossier_id}")
    marc.get_by_role("checkbox", name="Je mets ma tenue de cuisine.").check()
    marc.get_by_label("Nom de la personne qui témoigne").fill("Paul Girard")
    marc.get_by_label("Son rôle").fill("Tuteur de stage")
    marc.get_by_role("button", name="Créer le lien").click()
    link = marc.get_by_label("Le lien à donner").input_value()
    path = link.split("://", 1)[1].split("/", 1)[1]
    tutor.goto(f"{base}/{path}")
    expect(title(tutor)).to_have_text("Un témoignage pour Léa")
    tutor.get_by_label("Ce que vous avez vu").fill(
        "Léa met sa tenue chaque matin sans qu'on le lui dise."
    )
    tutor.get_by_label("J'accepte que mon témoignage soit dans le dossier").check()
    tutor.get_by_role("button", name="Envoyer mon témoignage").click()
    expect(title(tutor)).to_have_text("Merci pour votre témoignage")
    [testimony] = wait_for_type(marc, "testimony", dossier_id)
    assert testimony["author_name"] == "Paul Girard"


def marc_chooses_for_jury(marc: Page, base: str, dossier_id: str, competency_id: str) -> None:
    """The photo goes before the jury for "Je mets ma tenue" (the review area's screen)."""
    marc.goto(f"{base}/#/selection/{dossier_id}")
    section = marc.locator(f'[data-competency-id="{competency_id}"]')
    section.get_by_role("button", name=re_text("Ajouter :")).click()
    marc.get_by_role("button", name="Enregistrer le choix").click()
    expect(marc.get_by_text("C'est enregistré.", exact=False)).to_be_visible()
    wait_sent(marc)


def letter_signed(marc: Page, base: str, dossier_id: str) -> None:
    """Léa, Claire and Marc sign the commitment letter, each with a cross (the letters area)."""
    marc.goto(f"{base}/#/letter/{dossier_id}")
    for role in ("Le candidat", "La direction", "L'accompagnateur"):
        marc.get_by_role("button", name=f"Signer : {role}").click()
        marc.get_by_role("button", name="Je signe avec une croix").click()
        marc.get_by_role("button", name="Je valide ma signature").click()
        expect(marc.get_by_text("C'est signé.", exact=False)).to_be_visible()
    expect(marc.get_by_text("Tout le monde a signé cette lettre.")).to_be_visible()
    wait_sent(marc)


def dossier_shows_complete(marc: Page, base: str, dossier_id: str, audit: Audit) -> None:
    marc.goto(f"{base}/#/dossier/{dossier_id}")
    expect(marc.get_by_role("heading", name="Le dossier est complet pour le jury")).to_be_visible()
    audit("dossier-complete", marc)
    marc.get_by_role("button", name="Le dossier est prêt pour le jury").click()
    expect(marc.get_by_text("Le dossier est marqué prêt pour le jury.")).to_be_visible()
    wait_sent(marc)


def lea_hears_annotation(tablet: Page, base: str, dossier_id: str) -> None:
    """Back on the tablet, Léa finds Marc's voice note on her photo and listens to it."""
    annotations = wait_for_type(tablet, "annotation", dossier_id)
    [voice] = [a["body_audio_sha256"] for a in annotations if a.get("body_audio_sha256")]
    tablet.goto(f"{base}/#/proofs")
    expect(title(tablet)).to_have_text("Mes preuves")
    tablet.locator(".proof-card").first.click()
    expect(title(tablet)).to_have_text("Ma preuve")
    said = tablet.locator(".said").filter(has_text="Mon accompagnateur a laissé un message vocal.")
    expect(said).to_be_visible()
    with tablet.expect_response(lambda r: f"/api/v1/media/{voice}" in r.url) as played:
        said.get_by_role("button").click()
    assert played.value.status in (200, 206)


MEDIA_PERMISSIONS = ["camera", "microphone"]


def test_capture_on_tablet_to_complete_dossier(
    app: Flask,
    live_server: LiveServer,
    browser: Browser,
    media_browser: Browser,
    axe: Callable[[Page], list[dict]],
) -> None:
    world = build_world(app)
    base = live_server.url
    found: dict[str, list[dict]] = {}

    def audit(name: str, page: Page) -> None:
        if violations := axe(page):
            found[name] = violations

    def new_context(on: Browser, media: bool) -> BrowserContext:
        permissions = MEDIA_PERMISSIONS if media else []
        return on.new_context(locale="fr-FR", service_workers="allow", permissions=permissions)

    laptop = new_context(media_browser, True)
    tablet_context = new_context(media_browser, True)
    phone = new_context(browser, False)
    try:
        marc = marc_accepts_invitation(world, laptop, base)
        dossier_id = marc_opens_dossier(marc, base, audit)
        tenue = _competency_id(world, "mettre-sa-tenue")
        tablet = lea_signs_in_on_tablet(world, tablet_context, base)
        evidence_id = lea_captures(tablet, base, dossier_id)
        marc_links_and_annotates(marc, base, dossier_id, evidence_id)
        marc_copositions(marc, base, dossier_id, audit)
        tutor_gives_testimony(marc, phone.new_page(), base, dossier_id)
        marc_chooses_for_jury(marc, base, dossier_id, tenue)
        letter_signed(marc, base, dossier_id)
        dossier_shows_complete(marc, base, dossier_id, audit)
        lea_hears_annotation(tablet, base, dossier_id)
        assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
        assert marc.errors == [] and tablet.errors == []  # type: ignore[attr-defined]
    finally:
        laptop.close()
        tablet_context.close()
        phone.close()


def _competency_id(world: World, key: str) -> str:
    from preuves.frameworks.children import child_id

    return str(child_id(world.version_id, "competency", key))


def test_conflict_shown_and_resolved(
    app: Flask, live_server: LiveServer, browser: Browser, axe: Callable[[Page], list[dict]]
) -> None:
    """Marc and the admin change the same dossier's steps: Marc sees both versions and keeps his;
    the conflict leaves the server's list and his device's."""
    from factories import create_dossier
    from preuves.dossiers.models import Dossier
    from preuves.frameworks.models import FrameworkVersion
    from preuves.people.models import Person
    from preuves.structures.models import Structure

    world = build_world(app)
    base = live_server.url
    laptop = browser.new_context(locale="fr-FR", service_workers="allow")
    try:
        marc = marc_accepts_invitation(world, laptop, base)
        dossier = create_dossier(
            db.session.get(Structure, world.structure_id),
            db.session.get(Person, world.lea_id),
            db.session.get(FrameworkVersion, world.version_id),
            support_worker=person_named("Marc"),
        )
        db.session.commit()
        marc.goto(f"{base}/#/dossier/{dossier.id}")
        expect(title(marc)).to_have_text("Le dossier de Léa Petit")
        # Meanwhile, on another device, the engagement gets a date.
        record = world.call("GET", f"/api/v1/records/dossier/{dossier.id}")
        steps = [dict(step) for step in record["steps"]]
        steps[0]["planned_on"] = "2026-12-01"
        world.call(
            "PUT",
            f"/api/v1/records/dossier/{dossier.id}",
            {"record": {**record, "steps": steps}, "base_rev": record["rev"]},
        )
        # Marc, not yet aware of it, marks the engagement done: both changed the steps.
        # With the keyboard alone; the focus stays on the step's button, drawn again.
        marc.get_by_role("button", name="Engagement : c'est fait").focus()
        marc.keyboard.press("Enter")
        expect(marc.get_by_text("L'étape Engagement est faite.")).to_be_visible()
        expect(marc.locator("#toggle-engagement")).to_be_focused()
        wait_sent(marc)
        notice = marc.get_by_role("link", name=re_text("Deux personnes ont changé ce dossier"))
        expect(notice).to_be_visible()
        notice.click()
        expect(title(marc)).to_have_text("Les conflits à régler")
        card = marc.locator(".conflict")
        expect(card).to_have_count(1)
        expect(card.get_by_role("heading")).to_have_text("Dossier : dossier RAE de Léa Petit")
        expect(card.get_by_role("rowheader", name="Étapes")).to_be_visible()
        assert axe(marc) == []
        mine = card.get_by_role("radio", name=re_text("Version de cet appareil, Étapes"))
        mine.focus()
        marc.keyboard.press("Space")
        expect(mine).to_be_checked()
        card.get_by_role("button", name="Garder mes choix").focus()
        marc.keyboard.press("Enter")
        expect(marc.get_by_text("C'est réglé. Le conflit est fermé.")).to_be_visible()
        expect(marc.get_by_text("Aucun conflit. Tout va bien.")).to_be_visible()
        assert world.call("GET", f"/api/v1/sync/conflicts?dossier_id={dossier.id}") == {
            "conflicts": []
        }
        assert (
            marc.evaluate(
                f"async () => {{ {SYNC} return (await sync.queries.conflicts()).length; }}"
            )
            == 0
        )
        db.session.expire_all()
        kept = db.session.get(Dossier, dossier.id).steps[0]
        assert kept["done_on"] is not None  # Marc's version of the steps won
    finally:
        laptop.close()


def re_text(text: str) -> Any:
    import re

    return re.compile(re.escape(text))
