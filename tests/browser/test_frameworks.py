"""Issue 7, points 6 to 8, in the browser: a bad framework file refused with its line, a good one
imported; a new version of a published framework, a wording rewritten, a pictogram picked,
published while the dossier keeps the old version; an AFEST journal entry; RSFP pairings.
axe-core runs on the frameworks, framework, journal and pairings screens."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from browser.conftest import LiveServer, add_virtual_authenticator
from browser.page_steps import title
from factories import auth, create_dossier, create_person, create_structure, token_for
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.frameworks.children import child_id
from preuves.frameworks.importer import import_framework
from preuves.frameworks.models import Competency, FrameworkVersion
from preuves.journal.models import JournalEntry
from preuves.pairings.models import StructurePairing

pytestmark = pytest.mark.browser

KITCHEN = (
    Path(__file__).resolve().parents[2]
    / "backend/preuves/demo/data/frameworks/aide-de-cuisine.json"
)


def build(app: Flask) -> dict:
    structure = create_structure("ESAT Les Tilleuls")
    admin = create_person("Nadia", "Benali", roles={structure: ["admin"]})
    lea = create_person("Léa", "Petit", roles={structure: ["candidate"]})
    version = import_framework(json.loads(KITCHEN.read_text()), structure.id, "published")
    dossier = create_dossier(structure, lea, version, scheme="afest")
    partner = create_structure("ESAT du Port")
    partner_lead = create_person("Paul", "Girard", roles={partner: ["lead"]})
    db.session.commit()
    db.session.add(
        StructurePairing(
            structure_id=partner.id,
            partner_id=structure.id,
            trade="aide-de-cuisine",
            status="pending",
            asked_by_id=partner_lead.id,
        )
    )
    db.session.commit()
    return {
        "app": app,
        "structure": structure.id,
        "admin": token_for(admin),
        "version": version.id,
        "dossier": dossier.id,
    }


def lead_signs_in(world: dict, browser: Browser, base: str) -> Page:
    """Marc, the structure's lead, accepts his invitation and creates his passkey."""
    client = world["app"].test_client()
    invitation = client.post(
        "/api/v1/invitations",
        json={
            "structure_id": str(world["structure"]),
            "role": "lead",
            "given_name": "Marc",
            "family_name": "Dupont",
            "email": "marc@tilleuls.example",
        },
        headers=auth(world["admin"]),
    ).get_json()
    context = browser.new_context(locale="fr-FR", service_workers="allow")
    page = context.new_page()
    add_virtual_authenticator(context, page)
    page.goto(f"{base}/{invitation['url'].split('://', 1)[1].split('/', 1)[1]}")
    page.get_by_role("button", name="Créer ma clé d'accès").click()
    expect(title(page)).to_have_text("Bonjour Marc !")
    return page


def wait_sent(page: Page) -> None:
    """Until the device's outbox is empty; a refusal fails the test."""
    page.evaluate(
        """async () => {
      const { startSync } = await import('/lib/sync/index.js');
      const me = await (await fetch('/api/v1/me', { credentials: 'same-origin' })).json();
      const sync = await startSync({ personId: me.person.id });
      const until = Date.now() + 20000;
      for (;;) {
        sync.client.requestSync();
        const { pending, rejected, rejections } = await sync.queries.counts();
        if (rejected) throw new Error(JSON.stringify(rejections));
        if (pending === 0) return;
        if (Date.now() > until) throw new Error('still sending');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }"""
    )


def import_bad_then_good(page: Page, base: str, audit: Callable[[str, Page], None]) -> None:
    page.goto(f"{base}/#/frameworks")
    expect(title(page)).to_have_text("Les référentiels")
    expect(page.get_by_role("link", name="Aide de cuisine", exact=False)).to_be_visible()
    audit("frameworks", page)
    text = KITCHEN.read_text()
    broken = text.replace('"kind": "trade",', '"kind": "trade"', 1)
    bad_line = broken[: broken.index('"kind": "trade"')].count("\n") + 2
    file = {"name": "cuisine.json", "mimeType": "application/json"}
    page.set_input_files("#framework-file", files=[file | {"buffer": broken.encode()}])
    page.get_by_role("button", name="Envoyer le fichier").click()
    errors = page.locator("#framework-errors")
    expect(errors).to_contain_text("Le fichier n'est pas du JSON correct")
    expect(errors.locator(".framework-line-bad .framework-error-text")).to_contain_text(
        f"Ligne {bad_line}, colonne"
    )
    audit("frameworks-errors", page)
    good = json.loads(text) | {"slug": "plonge", "title": "Plonge", "version": "1"}
    page.set_input_files("#framework-file", files=[file | {"buffer": json.dumps(good).encode()}])
    page.get_by_role("button", name="Envoyer le fichier").click()
    expect(
        page.get_by_text("Le référentiel Plonge est ajouté. C'est la version 1.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Plonge, version 1")).to_be_visible()


def edit_and_publish(page: Page, base: str, world: dict, audit) -> str:
    document = json.loads(KITCHEN.read_text())
    page.goto(f"{base}/#/framework/{world['version']}")
    expect(title(page)).to_have_text(f"{document['title']}, version 2024.1")
    audit("framework-published", page)
    page.get_by_role("button", name="Faire une nouvelle version pour changer les phrases").click()
    expect(title(page)).to_have_text(f"{document['title']}, version 2024.2")
    draft_id = page.url.rsplit("/", 1)[1]
    first = document["blocks"][0]["competencies"][0]
    item = page.locator("li[data-pointer='/blocks/0/competencies/0']")
    item.get_by_label("La phrase facile à lire").fill("Je mets mon tablier et ma charlotte.")
    item.get_by_role("button", name="Image, photo et voix").click()
    grid = item.get_by_role("group", name="Les images")
    expect(grid).to_be_visible()
    audit("framework-draft-tools", page)
    grid.get_by_role("button", name="Choisir l'image 1F9D1-200D-1F373").click()
    page.get_by_role("button", name="Enregistrer les changements").click()
    expect(page.get_by_text("Les changements sont gardés.")).to_be_visible()
    page.get_by_role("button", name="Publier cette version").click()
    expect(page.get_by_text("La version 2024.2 est publiée.")).to_be_visible()
    wait_sent(page)
    db.session.rollback()  # a fresh snapshot: the live server wrote since
    new_id = uuid.UUID(draft_id)
    assert db.session.get(FrameworkVersion, new_id).status == "published"
    row = db.session.get(Competency, child_id(new_id, "competency", first["key"]))
    assert (row.easy_wording, row.pictogram) == (
        "Je mets mon tablier et ma charlotte.",
        "openmoji:1F9D1-200D-1F373",
    )
    old = db.session.get(Competency, child_id(world["version"], "competency", first["key"]))
    assert old.easy_wording == first["easy_wording"]
    assert db.session.get(Dossier, world["dossier"]).framework_version_id == world["version"]
    return draft_id


def journal_entry(page: Page, base: str, world: dict, audit) -> None:
    page.goto(f"{base}/#/journal/{world['dossier']}")
    expect(title(page)).to_have_text("Le journal de formation au poste de travail")
    expect(page.get_by_text("Le journal est vide pour le moment.")).to_be_visible()
    audit("journal", page)
    page.get_by_role("button", name="Pendant le travail").click()
    page.get_by_label("Le travail que je fais").fill("Mettre la table")
    page.get_by_label("Ou j'écris").fill("Léa compte les assiettes sans aide.")
    page.get_by_role("button", name="J'envoie").click()
    expect(page.get_by_text("C'est gardé dans le journal.")).to_be_visible()
    during = page.locator(".journal-phase-during")
    expect(during).to_contain_text("Léa compte les assiettes sans aide.")
    expect(during).to_contain_text("Le travail : Mettre la table")
    audit("journal-entry", page)
    wait_sent(page)
    db.session.rollback()
    entry = db.session.scalar(
        select(JournalEntry).where(JournalEntry.dossier_id == world["dossier"])
    )
    assert (entry.author_role, entry.phase, entry.work_situation) == (
        "trainer",
        "during",
        "Mettre la table",
    )


def pairing_accepted(page: Page, base: str, audit) -> None:
    page.goto(f"{base}/#/pairings")
    expect(title(page)).to_have_text("Les jumelages RSFP")
    card = page.locator(".pairing").first
    expect(card).to_contain_text("Jumelage avec ESAT du Port")
    audit("pairings", page)
    card.get_by_role("button", name="Accepter le jumelage").click()
    expect(page.get_by_text("Le jumelage est accepté.")).to_be_visible()
    expect(page.locator(".pairing").first).to_contain_text("Accepté par les deux responsables.")
    audit("pairings-accepted", page)
    db.session.rollback()  # a fresh snapshot: the live server wrote since
    assert db.session.scalar(select(StructurePairing.status)) == "accepted"


def test_frameworks_journal_and_pairings(
    app: Flask, live_server: LiveServer, browser: Browser, axe: Callable[[Page], list[dict]]
) -> None:
    world = build(app)
    base = live_server.url
    found: dict[str, list[dict]] = {}

    def audit(name: str, page: Page) -> None:
        if violations := axe(page):
            found[name] = violations

    page = lead_signs_in(world, browser, base)
    try:
        import_bad_then_good(page, base, audit)
        edit_and_publish(page, base, world, audit)
        journal_entry(page, base, world, audit)
        pairing_accepted(page, base, audit)
        assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
    finally:
        page.context.close()
