"""Issue 8, point 1 (the lead's side): a lead prepares an RAE jury at the workstation.

Claire, lead of the ESAT, creates the session on her laptop, sees the three roles it needs
(from shared_schemas/rules/jury-composition.json), sits as the structure's director, invites
two people from outside (the link and its QR code), assigns Léa's dossier and opens the
session. On the way the server refuses to open a jury that lost a member (`jury_incomplete`):
the French problem shows and the device's copy goes back to planned. axe-core on both screens.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select

from browser.conftest import LiveServer
from browser.page_steps import no_violations, title
from factories import create_dossier, create_person, create_structure
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.frameworks.importer import import_framework
from preuves.identity.sessions import open_session
from preuves.juries.models import JuryAssignment, JuryMember, JurySession
from preuves.people.models import Person

pytestmark = pytest.mark.browser

KITCHEN = (
    Path(__file__).resolve().parents[2]
    / "backend/preuves/demo/data/frameworks/aide-de-cuisine.json"
)


def world() -> dict:
    structure = create_structure("ESAT Les Tilleuls")
    claire = create_person("Claire", "Martin", roles={structure: ["lead"]})
    sam = create_person("Sam", "Moreau", roles={structure: ["support_worker"]})
    lea = create_person("Léa", "Petit", roles={structure: ["candidate"]})
    version = import_framework(json.loads(KITCHEN.read_text()), structure.id, "published")
    dossier = create_dossier(structure, lea, version, sam)
    dossier.status = "pret_pour_jury"
    session = open_session(claire.id, "passkey")
    db.session.commit()
    return {"dossier": dossier, "cookie": session.token}


def message(page: Page):
    """The screen's message area (news or a problem), not the sync bar's."""
    return page.locator("#screen .message")


def roles_list(page: Page):
    return page.locator(".jury-roles")


def invite(page: Page, given: str, family: str, role: str) -> None:
    form = page.locator("form.jury-invite")
    form.get_by_label("Prénom").fill(given)
    form.get_by_label("Nom", exact=True).fill(family)
    form.get_by_label("Rôle dans le jury").select_option(label=role)
    form.get_by_role("button", name="Créer l'invitation").click()
    expect(page.get_by_role("heading", name=f"Le lien pour {given}")).to_be_visible()
    expect(page.get_by_label("Le lien à donner")).to_have_value(
        re.compile(r"^http://localhost:\d+/.*")
    )
    qr = page.get_by_role(
        "img", name=f"Code à lire avec un téléphone pour ouvrir l'invitation de {given}"
    )
    expect(qr).to_be_visible()


def server_session() -> JurySession:
    db.session.expire_all()
    return db.session.scalars(select(JurySession)).one()


def test_a_lead_prepares_and_opens_an_rae_jury(
    app: Flask, live_server: LiveServer, context: BrowserContext, axe
) -> None:
    made = world()
    base = live_server.url
    context.add_cookies([{"name": "preuves_session", "value": made["cookie"], "url": base}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{base}/#/home")
    page.get_by_role("link", name="Les jurys").click()
    expect(title(page)).to_have_text("Les jurys")
    expect(page.get_by_text("Pas encore de jury.")).to_be_visible()
    no_violations(axe, page, "jury sessions")

    form = page.locator("form.jury-new")
    form.get_by_label("Date du jury").fill("2027-03-15")
    form.get_by_label("Lieu").fill("Cuisine centrale")
    form.get_by_label("Démarche").select_option("rae")
    form.get_by_label("Façon de faire le jury").select_option("poste_de_travail")
    form.get_by_role("button", name="Créer la session").click()
    expect(title(page)).to_have_text("Jury du 15 mars 2027")
    expect(page.get_by_text("Rôles qui manquent : 3.")).to_be_visible()
    for role in (
        "Professionnel du métier",
        "Accompagnateur d'une autre structure, formé à cette démarche",
        "Directeur de la structure",
    ):
        expect(roles_list(page)).to_contain_text(f"{role} : il manque cette personne.")
    no_violations(axe, page, "jury session, new")

    # From the structure, only the director's role is offered, and only to its lead.
    insider = page.locator("form.jury-insider")
    insider.get_by_label("Personne", exact=True).select_option(label="Claire Martin")
    expect(insider.get_by_label("Rôle dans le jury").locator("option")).to_have_text(
        ["Directeur de la structure"]
    )
    insider.get_by_role("button", name="Ajouter au jury").click()
    expect(message(page)).to_have_text("Claire Martin fait partie du jury.")
    expect(roles_list(page)).to_contain_text("Directeur de la structure : Claire Martin.")
    expect(page.get_by_text("Rôles qui manquent : 2.")).to_be_visible()

    invite(page, "Paul", "Durand", "Professionnel du métier")
    expect(roles_list(page)).to_contain_text("Professionnel du métier : Paul Durand.")
    invite(page, "Inès", "Roy", "Accompagnateur d'une autre structure, formé à cette démarche")
    expect(page.get_by_text("Tous les rôles sont tenus.")).to_be_visible()

    # Complete, but no dossier yet: the device says so before asking the server.
    page.get_by_role("button", name="Ouvrir le jury").click()
    expect(message(page)).to_have_text("Ajoutez au moins un dossier.")
    page.get_by_label("Dossier à ajouter").select_option(
        label="Léa Petit (RAE, au poste de travail, Prêt pour le jury)"
    )
    page.get_by_role("button", name="Ajouter le dossier").click()
    expect(message(page)).to_have_text("Le dossier de Léa Petit est ajouté.")
    expect(page.get_by_role("link", name="Voir le dossier de Léa Petit")).to_be_visible()
    no_violations(axe, page, "jury session, complete")

    # Inès withdraws, on the server only: the server refuses to open, in French.
    ines = db.session.scalar(select(Person).where(Person.given_name == "Inès"))
    member = db.session.scalar(select(JuryMember).where(JuryMember.person_id == ines.id))
    member.deleted, member.rev, member.changed_at = True, member.rev + 1, utcnow()
    db.session.commit()
    page.get_by_role("button", name="Ouvrir le jury").click()
    expect(message(page)).to_contain_text(
        "Le serveur refuse : Il manque des personnes dans le jury."
    )
    expect(page.locator(".jury-facts")).to_contain_text("État : Prévu.")
    expect(page.get_by_text("Rôles qui manquent : 1.")).to_be_visible(timeout=15000)
    assert server_session().status == "planned"

    # She is back: the device learns it, and the session opens.
    member.deleted, member.rev, member.changed_at = False, member.rev + 1, utcnow()
    db.session.commit()
    page.reload()
    expect(page.get_by_text("Tous les rôles sont tenus.")).to_be_visible(timeout=15000)
    page.get_by_role("button", name="Ouvrir le jury").click()
    expect(message(page)).to_have_text("Le jury est ouvert. Ses membres peuvent décider.")
    expect(page.locator(".jury-facts")).to_contain_text("État : Ouvert.")
    session = server_session()
    assert (session.status, session.scheme, session.modality) == ("open", "rae", "poste_de_travail")
    roles = sorted(m.jury_role for m in db.session.scalars(select(JuryMember)) if not m.deleted)
    assert roles == ["directeur_structure", "encadrant_autre_structure", "professionnel_metier"]
    assigned = db.session.scalars(select(JuryAssignment)).one()
    assert assigned.dossier_id == made["dossier"].id and isinstance(assigned.session_id, uuid.UUID)
    no_violations(axe, page, "jury session, open")
    assert errors == []
