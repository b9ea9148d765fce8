"""Issue 7, points 2 and 5: the commitment letter signed on the device (a drawn mark, a cross)
and a testimony given through its one-time link by a tutor with no account (text and voice).

Two browser contexts share one live server: the support worker's (signed in), and the tutor's
phone (no session, a fake microphone). axe-core runs on the letter, testimonies and public
testimony screens.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select

from browser.conftest import LiveServer
from browser.page_steps import OUTBOX_EMPTY, draw_on, no_violations, title
from factories import add_dossier_member, create_dossier, create_person, create_structure
from preuves.consents.models import Signature
from preuves.extensions import db
from preuves.frameworks.importer import import_framework
from preuves.identity.sessions import open_session
from preuves.media.models import Blob
from preuves.testimonies import models as testimonies

pytestmark = pytest.mark.browser

KITCHEN = (
    Path(__file__).resolve().parents[2]
    / "backend/preuves/demo/data/frameworks/aide-de-cuisine.json"
)

# Until the device's outbox is empty; a refusal fails the test.


def world(app: Flask) -> dict:
    structure = create_structure("Les Ateliers du Parc")
    create_person("Nadia", "Benali", roles={structure: ["lead"]})
    sam = create_person("Sam", "Moreau", roles={structure: ["support_worker"]})
    lea = create_person("Léa", "Martin", roles={structure: ["candidate"]})
    version = import_framework(json.loads(KITCHEN.read_text()), structure.id, "published")
    dossier = create_dossier(structure, lea, version, sam)
    dossier.opened_on = date(2026, 3, 1)
    session = open_session(sam.id, "passkey")
    db.session.commit()
    return {"structure": structure, "dossier": dossier, "session": session.token}


def sign_letter(page: Page, base: str, dossier_id: str, axe) -> None:
    page.goto(f"{base}/#/letter/{dossier_id}")
    expect(title(page)).to_have_text("Lettre d'engagement")
    expect(page.get_by_text("Je m’appelle Léa Martin.")).to_be_visible()
    expect(page.get_by_text("Mon dossier commence le 1er mars 2026.")).to_be_visible()
    expect(page.get_by_text("Signatures à faire : 3.")).to_be_visible()

    page.get_by_role("button", name="Signer : Le candidat").click()
    validate = page.get_by_role("button", name="Je valide ma signature")
    expect(validate).to_be_disabled()
    draw_on(page, page.get_by_role("img", name="Cadre pour dessiner la signature"))
    expect(validate).to_be_enabled()
    no_violations(axe, page, "letter, with its signature pad open")
    validate.click()
    expect(page.get_by_text("Léa Martin a signé le")).to_be_visible()

    expect(page.get_by_role("img", name="La signature de Léa Martin")).to_be_visible()

    # The support worker signs with the cross, by keyboard alone: no gesture without a button.
    # locator.press focuses and presses in one step: a redraw brought by the sync (the
    # candidate's signature coming back from the server) cannot take the focus in between.
    for name in ("Signer : L'accompagnateur", "Je signe avec une croix", "Je valide ma signature"):
        page.get_by_role("button", name=name).press("Enter")
    expect(page.get_by_text("Sam Moreau a signé le")).to_be_visible()
    expect(page.get_by_text("Signatures à faire : 1.")).to_be_visible()
    page.evaluate(OUTBOX_EMPTY)


def signatures_reached_the_server(dossier_id: str, shown_hash: str) -> None:
    db.session.expire_all()
    found = db.session.scalars(
        select(Signature).where(Signature.dossier_id == uuid.UUID(dossier_id))
    ).all()
    assert sorted(s.signer_role for s in found) == ["candidate", "support_worker"]
    assert {s.document_sha256[:16] for s in found} == {shown_hash}
    for signature in found:
        mark = db.session.get(Blob, signature.mark_sha256)
        assert (mark.media_type, mark.kind) == ("image/png", "photo")


def ask_testimony(page: Page, base: str, dossier_id: str, axe) -> str:
    page.goto(f"{base}/#/testimonies/{dossier_id}")
    expect(title(page)).to_have_text("Témoignages")
    expect(page.get_by_text("Pas encore de demande.")).to_be_visible()
    no_violations(axe, page, "testimonies")
    page.get_by_role("checkbox", name="Je mets ma tenue de cuisine.").check()
    page.get_by_label("Nom de la personne qui témoigne").fill("Paul Durand")
    page.get_by_label("Son rôle").fill("tuteur de stage")
    page.get_by_role("button", name="Créer le lien").click()
    expect(page.get_by_role("heading", name="Le lien pour Paul Durand")).to_be_visible()
    expect(page.get_by_role("img", name="Code à lire avec un téléphone")).to_be_visible()
    return page.get_by_label("Le lien à donner").input_value()


def tutor_answers(phone: Page, url: str, axe) -> None:
    phone.goto(url)
    expect(title(phone)).to_have_text("Un témoignage pour Léa")
    expect(phone.get_by_text("Sam Moreau de Les Ateliers du Parc vous demande")).to_be_visible()
    expect(phone.get_by_text("Je mets ma tenue de cuisine.")).to_be_visible()
    no_violations(axe, phone, "public testimony")
    phone.get_by_label("Ce que vous avez vu").fill("Léa met sa tenue seule, chaque matin.")
    voice = phone.get_by_role("group", name="Message vocal")
    voice.get_by_role("button", name="Enregistrer").click()
    # Stopped at once, a recorder may hold no byte yet: speak for a second first.
    expect(voice.get_by_role("timer")).to_have_text("0:01")
    voice.get_by_role("button", name="Arrêter").click()
    expect(voice.get_by_role("button", name="Écouter")).to_be_visible()
    expect(phone.get_by_label("Votre nom")).to_have_value("Paul Durand")
    phone.get_by_role("button", name="Envoyer mon témoignage").click()
    expect(phone.get_by_role("alert")).to_contain_text("Cochez la case pour accepter.")
    phone.get_by_role("checkbox", name="J'accepte que mon témoignage").check()
    phone.get_by_role("button", name="Envoyer mon témoignage").click()
    expect(title(phone)).to_have_text("Merci pour votre témoignage")
    phone.goto("about:blank")
    phone.goto(url)
    expect(title(phone)).to_have_text("Ce lien ne marche pas")
    expect(phone.get_by_role("alert")).to_contain_text("Ce lien a déjà servi.")


def test_letter_signed_and_testimony_given_by_link(
    app: Flask, live_server: LiveServer, context: BrowserContext, media_context: BrowserContext, axe
) -> None:
    made = world(app)
    base, dossier_id = live_server.url, str(made["dossier"].id)
    context.add_cookies([{"name": "preuves_session", "value": made["session"], "url": base}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    sign_letter(page, base, dossier_id, axe)
    shown = page.locator(".letter-hash").inner_text().rsplit(" ", 1)[1]
    signatures_reached_the_server(dossier_id, shown)

    # A second support worker joins: the letter's text changes, the signatures must be redone.
    ines = create_person("Inès", "Roy", roles={made["structure"]: ["support_worker"]})
    add_dossier_member(made["dossier"], ines)
    db.session.commit()
    page.reload()
    workers = "Mon accompagnateur ou mon accompagnatrice : Sam Moreau et Inès Roy."
    expect(page.get_by_text(workers)).to_be_visible(timeout=20000)
    expect(page.get_by_role("alert")).to_contain_text("La lettre a changé.")
    expect(page.get_by_text("Signatures à faire : 3.")).to_be_visible()

    url = ask_testimony(page, base, dossier_id, axe)
    tutor_answers(media_context.new_page(), url, axe)

    page.get_by_role("button", name="Demander un autre témoignage").click()
    received = page.locator(".testimonies-received")
    expect(received).to_contain_text("Paul Durand, tuteur de stage", timeout=20000)
    expect(received).to_contain_text("Léa met sa tenue seule, chaque matin.")
    expect(page.get_by_label("Écouter le témoignage de Paul Durand")).to_be_attached()
    expect(page.get_by_text("Le témoignage est arrivé le")).to_be_visible()
    db.session.expire_all()
    testimony = db.session.scalars(select(testimonies.Testimony)).one()
    assert testimony.kind == "endorsement" and testimony.body_audio_sha256
    assert db.session.get(Blob, testimony.body_audio_sha256).kind == "audio"
    assert errors == []
