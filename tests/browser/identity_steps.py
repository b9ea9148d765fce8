"""The identity journeys, step by step, shared by the journey test and the accessibility test.

A structure with the picture sequence turned on, an admin (bearer token, for the set-up calls a
script or the lead's own screens would make), two candidates with their pictures chosen. Each
browser step waits for the screen it leads to, then calls `audit(name, page)`, which the
accessibility test uses to run axe-core on every screen.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect

from browser.conftest import add_virtual_authenticator
from factories import auth, create_person, create_structure, token_for
from preuves.extensions import db
from preuves.media import blobs

Audit = Callable[[str, Page], None]

LEA_PICTURES = ["sun", "cat", "tree"]
SAMI_PICTURES = ["fish", "ball", "cup"]
PICTURE_NAMES = {
    "sun": "le soleil",
    "cat": "le chat",
    "tree": "l'arbre",
    "fish": "le poisson",
    "ball": "le ballon",
    "cup": "la tasse",
    "star": "l'étoile",
}
SAMI_NEW_PICTURES = ["star", "fish", "ball", "star"]


def no_audit(_name: str, _page: Page) -> None:
    """The journey test checks behaviour only."""


@dataclass
class World:
    app: Flask
    structure_id: uuid.UUID
    admin_token: str
    admin_id: uuid.UUID
    lea_id: uuid.UUID
    sami_id: uuid.UUID

    def call(self, method: str, path: str, json: Any = None) -> Any:
        """A set-up or check call as the structure's admin (a script with a bearer token)."""
        # The live server's thread changed rows behind this session's back: read them afresh.
        db.session.expire_all()
        client = self.app.test_client()
        response = client.open(path, method=method, json=json, headers=auth(self.admin_token))
        assert response.status_code < 300, (path, response.status_code, response.get_data(True))
        return response.get_json(silent=True)

    def invite_lead(self) -> dict[str, Any]:
        """An invitation for Claire, the new lead, made through the API."""
        return self.call(
            "POST",
            "/api/v1/invitations",
            {
                "structure_id": str(self.structure_id),
                "role": "lead",
                "given_name": "Claire",
                "family_name": "Martin",
                "email": "claire.martin@tilleuls.example",
            },
        )

    def devices(self) -> list[dict[str, Any]]:
        return self.call("GET", f"/api/v1/devices?structure_id={self.structure_id}")["devices"]


def portrait_png() -> bytes:
    """A small photo for the candidate grid (a plain PNG: the server checks the bytes)."""
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 120, 60)).save(out, format="PNG")
    return out.getvalue()


def build_world(app: Flask) -> World:
    structure = create_structure("ESAT Les Tilleuls")
    admin = create_person("Nadia", "Benali", roles={structure: ["admin"]})
    lea = create_person("Léa", "Petit", roles={structure: ["candidate"]})
    lea.portrait_sha256 = blobs.put_bytes(portrait_png())
    sami = create_person("Sami", "Diallo", roles={structure: ["candidate"]})
    db.session.commit()
    world = World(app, structure.id, token_for(admin), admin.id, lea.id, sami.id)
    world.call(
        "PUT",
        f"/api/v1/structures/{structure.id}/identity-settings",
        {"picture_sequence": True},
    )
    for person_id, sequence in ((lea.id, LEA_PICTURES), (sami.id, SAMI_PICTURES)):
        world.call("PUT", f"/api/v1/people/{person_id}/picture-secret", {"sequence": sequence})
    return world


def title(page: Page) -> Any:
    return page.locator("#screen h1")


def api_status(page: Page, path: str) -> int:
    """What the server answers this browser (its cookies) for a GET."""
    return page.evaluate(
        f"fetch('/api/v1{path}', {{credentials: 'same-origin'}}).then(r => r.status)"
    )


def accept_invitation(page: Page, base_url: str, url: str, audit: Audit) -> None:
    """Open the invitation link as printed, then create the passkey with the keyboard alone."""
    # The link exactly as the lead hands it over, on the test server's port.
    parts = urlsplit(url)
    link = base_url + parts.path + (f"#{parts.fragment}" if parts.fragment else "")
    page.goto(link)
    expect(title(page)).to_have_text("Bienvenue Claire !")
    expect(page.get_by_text("ESAT Les Tilleuls vous invite.")).to_be_visible()
    assert "/#/invitation/" in page.url
    audit("invitation", page)
    create = page.get_by_role("button", name="Créer ma clé d'accès")
    page.get_by_label("Nom de cet appareil").focus()
    page.keyboard.press("Tab")
    expect(create).to_be_focused()
    page.keyboard.press("Enter")
    expect(title(page)).to_have_text("Bonjour Claire !")
    expect(page.get_by_text("C'est fait ! Votre clé d'accès est prête.")).to_be_visible()
    assert "invitation" not in page.url


def rename_passkey(page: Page, audit: Audit) -> None:
    page.get_by_role("link", name="Mes clés d'accès").click()
    expect(title(page)).to_have_text("Mes clés d'accès")
    items = page.locator("ul.cards > li")
    expect(items).to_have_count(1)
    audit("passkeys", page)
    items.first.get_by_role("button", name=re.compile("^Renommer")).click()
    field = page.get_by_label("Nouveau nom")
    expect(field).to_be_focused()
    field.fill("Téléphone de Claire")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Le nom est changé.")).to_be_visible()
    expect(items.first.locator("h2")).to_have_text("Téléphone de Claire")
    # Removing the only passkey: asked twice, then refused by the server, in its own words.
    items.first.get_by_role("button", name=re.compile("^Retirer")).click()
    expect(page.get_by_role("button", name="Non, garder")).to_be_focused()
    page.get_by_role("button", name="Oui, retirer").click()
    expect(page.get_by_role("alert")).to_have_text(
        "C'est votre dernière clé d'accès. Ajoutez-en une autre avant de l'enlever."
    )
    expect(items).to_have_count(1)
    audit("passkeys-last", page)
    page.get_by_role("link", name="Retour").click()
    expect(title(page)).to_have_text("Bonjour Claire !")


def sign_out(page: Page, audit: Audit) -> None:
    page.get_by_role("button", name="Me déconnecter").click()
    expect(title(page)).to_have_text("Bonjour !")
    expect(page.get_by_text("Vous êtes déconnecté. À bientôt !")).to_be_visible()
    assert api_status(page, "/me") == 401
    audit("sign-in", page)


def sign_in(page: Page) -> None:
    page.get_by_role("button", name="Me connecter").click()
    expect(title(page)).to_have_text("Bonjour Claire !")
    assert api_status(page, "/me") == 200


def share_passkeys(source: tuple[Any, str], target: tuple[Any, str]) -> None:
    """Copy every passkey of one virtual authenticator to another, as a synced passkey would be."""
    (source_cdp, source_id), (target_cdp, target_id) = source, target
    found = source_cdp.send("WebAuthn.getCredentials", {"authenticatorId": source_id})
    for credential in found["credentials"]:
        target_cdp.send(
            "WebAuthn.addCredential", {"authenticatorId": target_id, "credential": credential}
        )


def open_tablet(context: BrowserContext, phone_authenticator: tuple[Any, str]) -> Page:
    """A fresh tablet whose authenticator knows Claire's passkey."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    share_passkeys(phone_authenticator, add_virtual_authenticator(context, page))
    return page


def enrol_tablet(page: Page, base_url: str, audit: Audit) -> None:
    page.goto(base_url + "/")
    expect(title(page)).to_have_text("Bonjour !")
    page.get_by_role("link", name="Préparer cette tablette").click()
    expect(title(page)).to_have_text("Préparer la tablette")
    audit("enrol-staff", page)
    page.get_by_role("button", name="Je fais partie de l'équipe").click()
    expect(page.get_by_role("radio", name="ESAT Les Tilleuls")).to_be_checked()
    expect(page.get_by_role("radio", name="Toute la structure")).to_be_checked()
    audit("enrol-choice", page)
    page.get_by_label("Nom de la tablette").fill("Tablette cuisine")
    page.get_by_role("button", name="Enregistrer la tablette").click()
    expect(title(page)).to_have_text("Qui êtes-vous ?")
    expect(page.get_by_text("La tablette est prête.")).to_be_visible()
    # The staff member's session ended with the enrolment; the tablet keeps its own credential.
    assert api_status(page, "/me") == 401
    assert api_status(page, "/devices/me") == 200
    # Léa's photo comes from the server with the tablet's cookie; Sami has none: his initial.
    lea_photo = page.get_by_role("button", name="Léa", exact=True).locator("img")
    expect(lea_photo).to_have_attribute("alt", "")
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth === 64", arg=lea_photo.element_handle()
    )
    expect(page.get_by_role("button", name="Sami", exact=True).locator("img")).to_have_count(0)
    audit("candidates", page)


def tap_pictures(page: Page, names: list[str]) -> None:
    for name in names:
        page.get_by_role("button", name=PICTURE_NAMES[name], exact=True).click()
    page.get_by_role("button", name="C'est fini").click()


def lea_signs_in(page: Page, audit: Audit) -> None:
    """Léa taps her photo, gets her pictures wrong once, then right, with the keyboard."""
    page.get_by_role("button", name="Léa", exact=True).click()
    expect(title(page)).to_have_text("Léa, touchez vos images")
    audit("sequence", page)
    tap_pictures(page, ["sun", "cat", "fish"])
    expect(page.get_by_role("alert")).to_contain_text("Essais restants : 2.")
    expect(page.get_by_role("list", name="Mes images").locator("li")).to_have_count(0)
    expect(page.get_by_role("button", name="C'est fini")).to_be_disabled()
    expect(title(page)).to_have_text("Léa, touchez vos images")
    audit("wrong-try", page)
    for name in LEA_PICTURES:
        page.get_by_role("button", name=PICTURE_NAMES[name], exact=True).focus()
        page.keyboard.press("Enter" if name != "cat" else " ")
    page.get_by_role("button", name="C'est fini").focus()
    page.keyboard.press("Enter")
    expect(title(page)).to_have_text("Bonjour Léa !")


def switch_candidate(page: Page) -> None:
    page.get_by_role("button", name="Changer de personne").click()
    expect(title(page)).to_have_text("Qui êtes-vous ?")


def seed_local_data(page: Page) -> None:
    """What a tablet holds between two syncs: queued records and uploads, and some settings.

    The app may have opened its own databases already (the person signed in before): the rows
    are added to them as they are, with the keys their stores use (mutation_id, recordId)."""
    page.evaluate(
        """async () => {
          const make = (name, store, rows) => new Promise((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onupgradeneeded = () =>
              request.result.createObjectStore(store, { autoIncrement: true });
            request.onsuccess = () => {
              const db = request.result;
              const tx = db.transaction(store, 'readwrite');
              rows.forEach((row) => tx.objectStore(store).add(row));
              tx.oncomplete = () => { db.close(); resolve(); };
              tx.onerror = () => reject(tx.error);
            };
            request.onerror = () => reject(request.error);
          });
          await make('preuves-sync', 'outbox', [
            { mutation_id: 'm-1', type: 'evidence', record: { caption: 'Je coupe les légumes.' } },
            { mutation_id: 'm-2', type: 'evidence', record: { caption: 'Je mets la table.' } },
            { mutation_id: 'm-3', type: 'positioning', record: {} },
          ]);
          await make('preuves-media', 'uploads', [
            { recordId: 'r-1', kind: 'photo', blob: new Blob(['x']) },
          ]);
          await make('preuves-records', 'records', [{ id: 'dossier de Léa' }]);
          localStorage.setItem('preuves.lastCandidate', 'Léa');
          sessionStorage.setItem('preuves.draft', 'un brouillon');
          const cache = await caches.open('preuves-media-thumbs');
          await cache.put('/api/v1/media/thumb', new Response('photo'));
        }"""
    )
    assert len(local_databases(page)) == 3


def local_databases(page: Page) -> list[str]:
    return page.evaluate("indexedDB.databases().then((all) => all.map((d) => d.name).sort())")


def revoke_from_phone(page: Page, audit: Audit) -> None:
    """Claire takes the tablet's access away from her own screens (cookie session, CSRF)."""
    page.goto(page.url.split("#")[0] + "#/tablets")
    expect(title(page)).to_have_text("Les tablettes")
    tablet = page.get_by_role("listitem").filter(has_text="Tablette cuisine")
    expect(tablet).to_contain_text("Vue pour la dernière fois le")
    audit("tablets", page)
    tablet.get_by_role("button", name="Retirer l'accès de Tablette cuisine").click()
    page.get_by_role("button", name="Oui, retirer l'accès").click()
    expect(
        page.get_by_text("L'accès est retiré. La tablette effacera ses données.")
    ).to_be_visible()
    expect(tablet).to_contain_text("Elle n'a pas encore été effacée.")


def wipe_report_seen_on_phone(page: Page, audit: Audit) -> None:
    """What the tablet could not send is told to the staff, in words."""
    page.reload()
    tablet = page.get_by_role("listitem").filter(has_text="Tablette cuisine")
    expect(tablet).to_contain_text(
        "Changements pas envoyés : 3. Photos, vidéos ou sons pas envoyés : 1."
    )
    audit("tablets-wiped", page)


def invite_from_phone(page: Page, audit: Audit) -> str:
    """Claire invites a support worker from her screens; returns the link she was given."""
    page.get_by_role("link", name="Inviter une personne").click()
    expect(title(page)).to_have_text("Inviter une personne")
    audit("invitations", page)
    page.get_by_label("Prénom").fill("Marc")
    page.get_by_label("Nom", exact=True).fill("Dupont")
    page.get_by_role("radio", name="Accompagnateur").check()
    page.get_by_role("button", name="Créer l'invitation").click()
    expect(page.get_by_role("heading", name="L'invitation pour Marc est prête")).to_be_focused()
    link = page.get_by_label("Le lien").input_value()
    assert "/invitation/" in link
    qr = page.get_by_role("img", name="Code QR de l'invitation pour Marc")
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    sent = page.get_by_role("list", name="Les invitations de ESAT Les Tilleuls")
    marc = sent.get_by_role("listitem").filter(has_text="Marc Dupont")
    expect(marc).to_contain_text("Accompagnateur. Pas encore utilisée.")
    audit("invitation-created", page)
    marc.get_by_role("button", name="Annuler l'invitation de Marc Dupont").click()
    expect(marc).to_contain_text("Annulée.")
    token = link.rsplit("/", 1)[1]
    assert api_status(page, f"/invitations/{token}") == 410
    marc.get_by_role("button", name="Inviter encore Marc Dupont").click()
    expect(page.get_by_role("heading", name="L'invitation pour Marc est prête")).to_be_focused()
    fresh = page.get_by_label("Le lien").input_value()
    assert fresh != link
    assert api_status(page, f"/invitations/{fresh.rsplit('/', 1)[1]}") == 200
    page.get_by_role("link", name="Retour").click()
    expect(title(page)).to_have_text("Bonjour Claire !")
    return fresh


def staff_helps_sami(tablet: Page, audit: Audit, new_pictures: bool) -> None:
    """Claire signs in on the tablet and lets Sami try again, or he chooses new pictures with
    her (which also lifts a lock); then she signs out and the tablet is the candidates' again."""
    tablet.get_by_role("link", name="Connexion de l'équipe").click()
    tablet.get_by_role("button", name="Me connecter").click()
    expect(title(tablet)).to_have_text("Bonjour Claire !")
    tablet.get_by_role("link", name="Les images des candidats").click()
    expect(title(tablet)).to_have_text("Les images des candidats")
    tablet.get_by_role("button", name="Sami", exact=True).click()
    expect(tablet.get_by_role("heading", name="Les images de Sami")).to_be_focused()
    audit("pictures-choose", tablet)
    if new_pictures:
        save = tablet.get_by_role("button", name="Enregistrer ces images")
        for name in SAMI_NEW_PICTURES[:2]:
            tablet.get_by_role("button", name=PICTURE_NAMES[name], exact=True).click()
        expect(save).to_be_disabled()  # 3 pictures at least
        for name in SAMI_NEW_PICTURES[2:]:
            tablet.get_by_role("button", name=PICTURE_NAMES[name], exact=True).click()
        save.click()
        expect(tablet.get_by_text("Les images de Sami sont enregistrées.")).to_be_visible()
    else:
        tablet.get_by_role("button", name="Laisser réessayer").click()
        expect(tablet.get_by_text("Sami peut réessayer.")).to_be_visible()
    tablet.get_by_role("link", name="Retour").click()
    tablet.get_by_role("button", name="Me déconnecter").click()
    expect(title(tablet)).to_have_text("Qui êtes-vous ?")
    assert api_status(tablet, "/me") == 401


def sami_signs_in(tablet: Page, pictures: list[str]) -> None:
    tablet.get_by_role("button", name="Sami", exact=True).click()
    expect(title(tablet)).to_have_text("Sami, touchez vos images")
    tap_pictures(tablet, pictures)
    expect(title(tablet)).to_have_text("Bonjour Sami !")
