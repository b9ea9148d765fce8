"""Issue 8, the acceptance journey: a jury member downloads two dossiers, the network is cut
(server stopped, the browser offline: the service worker's fetches fail too), the page is
reloaded; they read a dossier, play a piece of evidence, decide on every competency (RECTEC:
the cercle reached) and the overall outcome, and two members sign the minutes on that one
device (one of them again, after a decision changed). Back online, the decisions and
signatures reach the server; the support worker and the candidate see them.

axe-core runs on the decisions and the minutes screens (zero violations).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select

from browser.conftest import RestartableServer
from browser.page_steps import OUTBOX_EMPTY, draw_on, no_violations, title
from factories import (
    auth,
    create_dossier,
    create_jury_session,
    create_person,
    create_structure,
    link_blob,
    token_for,
)
from media_samples import ogg_opus
from preuves.consents.models import Signature
from preuves.core.errors import PROBLEMS
from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.evidence.models import Evidence
from preuves.extensions import db
from preuves.frameworks.importer import import_framework
from preuves.identity.sessions import open_session
from preuves.juries.minutes import current_sha256
from preuves.juries.models import Decision
from preuves.juries.results import dossier_result
from preuves.media.models import Blob

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ROOT / "backend/preuves/demo/data/frameworks"
LOCALES = ROOT / "pwa/src/locales/fr"

# Until the device's outbox is empty (the marks uploaded, the records taken); a refusal fails.
# The audio plays from the device's copy: its time moves on.
PLAYS = """async (audio) => {
  audio.muted = true;
  await audio.play();
  await new Promise((resolve, reject) => {
    const until = Date.now() + 10000;
    const check = () => (audio.currentTime > 0 ? resolve() : Date.now() > until
      ? reject(new Error('the audio does not play')) : setTimeout(check, 50));
    check();
  });
  audio.pause();
  return audio.src;
}"""


def words(area: str, key: str, **params: Any) -> str:
    """A French string of an area, as the screens show it."""
    text = json.loads((LOCALES / f"{area}.json").read_text(encoding="utf-8"))[key]
    for name, value in params.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def competency_id(version_id: uuid.UUID, key: str) -> str:
    """The id the server (and the device) derive from the version and the key."""
    return str(uuid.uuid5(version_id, f"competency:{key}"))


def world(tmp_path: Path) -> dict[str, Any]:
    structure = create_structure("Les Ateliers du Parc")
    nadia = create_person("Nadia", "Benali", roles={structure: ["lead"]})
    sam = create_person("Sam", "Moreau", roles={structure: ["support_worker"]})
    lea = create_person("Léa", "Martin", roles={structure: ["candidate"]})
    tom = create_person("Tom", "Petit", roles={structure: ["candidate"]})
    paul = create_person("Paul", "Durand")
    ines = create_person("Inès", "Roy")
    rectec_doc = json.loads((FRAMEWORKS / "rectec.json").read_text())
    rectec = import_framework(rectec_doc, structure.id, "published")
    kitchen = import_framework(
        json.loads((FRAMEWORKS / "aide-de-cuisine.json").read_text()), structure.id, "published"
    )
    judged = create_dossier(structure, lea, rectec, sam)
    other = create_dossier(structure, tom, kitchen, sam)
    keys = [c["key"] for block in rectec_doc["blocks"] for c in block["competencies"]]
    sound = ogg_opus(tmp_path / "voice.ogg").read_bytes()
    evidence = Evidence(
        id=uuid7(),
        dossier_id=judged.id,
        author_id=lea.id,
        kind="audio",
        media_sha256=link_blob(sound, judged, "audio/ogg"),
        media_type="audio/ogg",
        caption_text="J'explique comment j'organise ma journée.",
        competency_ids=[competency_id(rectec.id, keys[0])],
        people_in_picture="nobody",
        captured_at=utcnow(),
        rev=1,
        changed_at=utcnow(),
    )
    db.session.add(evidence)
    session = create_jury_session(
        structure,
        [paul, ines, nadia],
        [judged, other],
        status="open",
        roles=["professionnel_metier", "encadrant_autre_structure", "directeur_structure"],
    )
    cookie = open_session(paul.id, "passkey").token
    db.session.commit()
    return {
        "session": str(session.id),
        "judged": str(judged.id),
        "other": str(other.id),
        "competencies": [competency_id(rectec.id, key) for key in keys],
        "blocks": [block["key"] for block in rectec_doc["blocks"]],
        "evidence": str(evidence.id),
        "people": {"paul": paul, "ines": ines, "nadia": nadia, "sam": sam, "lea": lea},
        "cookie": cookie,
    }


# --- the journey's steps ---


def downloads_both_dossiers(page: Page, base: str, made: dict) -> None:
    page.goto(base + "/#/jury")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)
    card = page.locator(f'article[data-session-id="{made["session"]}"]')
    expect(card.locator(".jury-dossiers li")).to_have_count(2, timeout=15_000)
    card.locator(".actions button").first.click()
    expect(card).to_have_attribute("data-state", "downloaded", timeout=20_000)


def network_goes(server: RestartableServer, context: BrowserContext, page: Page) -> None:
    server.stop()
    context.set_offline(True)
    page.reload()
    expect(page.locator('[data-screen="jury"]')).to_have_attribute("data-network", "offline")


def reads_and_plays(page: Page, base: str, made: dict) -> None:
    page.goto(f"{base}/#/jury-dossier/{made['session']}/{made['judged']}")
    expect(page.locator(".jury-reader")).to_have_attribute("data-copy", "complete")
    audio = page.locator("audio[data-sha256]").first
    expect(audio).to_be_attached(timeout=15_000)
    src = audio.evaluate(PLAYS)
    assert src.startswith("blob:"), src  # from the device's copy, not the server


def decides(page: Page, base: str, made: dict, axe) -> None:
    session, dossier, competencies = made["session"], made["judged"], made["competencies"]
    first = competencies[0]
    page.goto(f"{base}/#/jury-decide/{session}/{dossier}/{competencies[2]}")
    expect(title(page)).to_have_text(words("decisions", "decisions.decide.title"))
    # The focus lands on the competency the route names.
    expect(page.locator(f"#competency-{competencies[2]}")).to_be_focused()
    no_violations(axe, page, "jury-decide, nothing decided")

    # A choice made and not saved yet survives the redraw another save brings.
    waiting = page.locator(f"#outcome-{competencies[4]}-acquis")
    waiting.check()
    # Keyboard alone: a choice, a comment, the button.
    page.locator(f"#outcome-{first}-acquis").focus()
    page.keyboard.press("Space")
    page.locator(f"#comment-{first}").focus()
    page.keyboard.type("Il prépare sa journée seul.")
    page.locator(f"#save-{first}").focus()
    page.keyboard.press("Enter")
    expect(page.locator(f'[data-competency="{first}"] .decision-current')).to_contain_text(
        words("decisions", "decisions.current.was", outcome="Acquis")
    )
    expect(waiting).to_be_checked()

    # An error tied to its field: no choice made.
    second = competencies[1]
    page.locator(f"#save-{second}").click()
    error = page.locator(f"#error-{second}")
    expect(error).to_have_text(words("decisions", "decisions.competency.needOutcome"))
    expect(page.locator(f"#outcome-{second}-acquis")).to_be_focused()
    expect(page.locator(f"#outcome-{second}-acquis")).to_have_attribute("aria-invalid", "true")

    for index, competency in enumerate(competencies[1:], start=1):
        outcome = "en_cours_d_acquisition" if index == 3 else "acquis"
        page.locator(f"#outcome-{competency}-{outcome}").check()
        page.locator(f"#level-{competency}-cercle-{1 + index % 3}").check()
        page.locator(f"#save-{competency}").click()
        expect(page.locator(f'[data-competency="{competency}"]')).to_have_attribute(
            "data-decided", "true"
        )
    total = len(competencies)
    expect(page.locator(".decisions-progress")).to_have_text(
        words("decisions", "decisions.decide.progress", done=total, total=total)
    )

    # The overall outcome: a partial validation needs its blocks.
    page.locator("#overall-validation_partielle").check()
    page.locator("#save-overall").click()
    expect(page.locator("#error-blocks")).to_have_text(
        words("decisions", "decisions.overall.needBlocks")
    )
    for block in made["blocks"][:2]:
        page.locator(f"#block-{block}").check()
    page.locator("#comment-overall").fill('Très bien : « le geste » est sûr.\nÀ revoir "vite".')
    page.locator("#save-overall").click()
    expect(page.locator(".decision-overall .decision-current")).to_contain_text(
        words("decisions", "decisions.overall.validation_partielle")
    )
    no_violations(axe, page, "jury-decide, all decided")

    # The second dossier: its overall outcome, so that the session may close.
    page.goto(f"{base}/#/jury-decide/{session}/{made['other']}")
    expect(page.locator(f'.jury-decide[data-dossier="{made["other"]}"]')).to_be_visible()
    page.locator("#overall-validation_totale").check()
    page.locator("#save-overall").click()
    expect(page.locator(".decision-overall")).to_have_attribute("data-decided", "true")


def member_row(page: Page, person) -> Any:
    return page.locator(f'li.signer[data-person="{person.id}"]')


def signs(page: Page, base: str, made: dict, axe) -> str:
    paul, ines = made["people"]["paul"], made["people"]["ines"]
    page.goto(f"{base}/#/jury-minutes/{made['session']}/{made['judged']}")
    expect(title(page)).to_have_text(words("decisions", "decisions.minutes.title"))
    expect(page.locator(".minutes-state")).to_have_text(
        words("decisions", "decisions.minutes.missing", count=3)
    )
    no_violations(axe, page, "jury-minutes")

    member_row(page, paul).get_by_role("button").click()
    validate = page.get_by_role("button", name=words("decisions", "decisions.signing.validate"))
    expect(validate).to_be_disabled()
    draw_on(page, page.locator(".signature-canvas"))
    no_violations(axe, page, "jury-minutes, signing")
    validate.click()
    expect(member_row(page, paul)).to_have_attribute("data-signed", "true")

    # A decision changes after Paul signed: the minutes changed, he signs again.
    page.goto(f"{base}/#/jury-decide/{made['session']}/{made['judged']}/{made['competencies'][3]}")
    changed = made["competencies"][3]
    page.locator(f"#outcome-{changed}-acquis").check()
    page.locator(f"#save-{changed}").click()
    expect(page.locator(f'[data-competency="{changed}"] .decision-current')).to_contain_text(
        words("decisions", "decisions.current.was", outcome="Acquis")
    )
    page.goto(f"{base}/#/jury-minutes/{made['session']}/{made['judged']}")
    expect(page.get_by_text(words("decisions", "decisions.minutes.changed"))).to_be_visible()
    expect(member_row(page, paul)).to_have_attribute("data-signed", "false")

    # Paul again, with the cross, by keyboard alone; then Inès, drawn.
    # locator.press: focus and key in one step, so that no redraw comes in between.
    member_row(page, paul).get_by_role("button").press("Enter")
    for name in ("decisions.signing.cross", "decisions.signing.validate"):
        page.get_by_role("button", name=words("decisions", name)).press("Enter")
    expect(member_row(page, paul)).to_have_attribute("data-signed", "true")
    # Inès's record is not on Paul's device: the offline copy's manifest names her; a name
    # rubbed out is asked for again.
    member_row(page, ines).get_by_role("button").click()
    expect(page.locator("#signer-name")).to_have_value("Inès Roy")
    page.locator("#signer-name").fill("")
    draw_on(page, page.locator(".signature-canvas"))
    validate.click()
    expect(page.locator("#signer-name-error")).to_have_text(
        words("decisions", "decisions.signing.nameMissing")
    )
    expect(page.locator("#signer-name")).to_be_focused()
    page.locator("#signer-name").fill("Inès Roy")
    validate.click()
    expect(member_row(page, ines)).to_have_attribute("data-signed", "true")
    expect(page.locator(".minutes-state")).to_have_text(
        words("decisions", "decisions.minutes.missing", count=1)
    )
    expect(page.get_by_text(words("decisions", "decisions.minutes.changed"))).to_have_count(0)
    no_violations(axe, page, "jury-minutes, two signed")
    return page.locator(".minutes-sha").inner_text().rsplit(" ", 1)[1]


def network_comes_back(server: RestartableServer, context: BrowserContext, page: Page, made):
    server.start()
    context.set_offline(False)
    page.evaluate(OUTBOX_EMPTY, str(made["people"]["paul"].id))


def reached_the_server(made: dict, shown_sha256: str) -> None:
    db.session.expire_all()
    session_id, dossier_id = uuid.UUID(made["session"]), uuid.UUID(made["judged"])
    result = dossier_result(session_id, dossier_id)
    assert sorted(str(c) for c in result.competencies) == sorted(made["competencies"])
    assert {d.outcome for d in result.competencies.values()} == {"acquis"}
    assert result.overall.overall_outcome == "validation_partielle"
    assert result.overall.validated_block_keys == sorted(made["blocks"][:2])
    assert current_sha256(session_id, dossier_id) == shown_sha256
    signatures = db.session.scalars(
        select(Signature).where(
            Signature.dossier_id == dossier_id, Signature.document_kind == "jury_minutes"
        )
    ).all()
    holding = {s.signer_name: s.signer_id for s in signatures if s.document_sha256 == shown_sha256}
    people = made["people"]
    assert holding == {"Paul Durand": people["paul"].id, "Inès Roy": people["ines"].id}
    assert len(signatures) == 3  # Paul's first signature stays, for an older text
    for signature in signatures:
        assert db.session.get(Blob, signature.mark_sha256).media_type == "image/png"


def pulled(client, person, types: set[str]) -> dict[str, list[dict]]:
    """Every record of `types` the person's sync pull brings."""
    headers, cursor, found = auth(token_for(person)), None, {t: [] for t in types}
    while True:
        page = client.get("/api/v1/sync/pull", query_string={"cursor": cursor} if cursor else {},
                          headers=headers).get_json()  # fmt: skip
        for change in page["changes"]:
            if change["type"] in types:
                found[change["type"]].append(change["record"])
        cursor = page["cursor"]
        if not page.get("more"):
            return found


def the_lead_closes_the_session(app: Flask, made: dict) -> None:
    """Nadia closes the session (the records API, as her screen would): results are given."""
    client, path = app.test_client(), f"/api/v1/records/jury_session/{made['session']}"
    headers = auth(token_for(made["people"]["nadia"]))
    record = client.get(path, headers=headers).get_json()
    answer = client.put(
        path, json={"record": record | {"status": "closed"}, "base_rev": record["rev"]},
        headers=headers,
    )  # fmt: skip
    assert answer.status_code == 200, answer.get_json()


def sees_the_result(
    browser, base: str, person, hash_: str, selector: str, count_selector: str, made
):
    """A new device of `person` (signed in) shows the partial validation and every competency."""
    cookie = open_session(person.id, "passkey").token
    db.session.commit()
    context = browser.new_context(locale="fr-FR", service_workers="block")
    try:
        context.add_cookies([{"name": "preuves_session", "value": cookie, "url": base}])
        page = context.new_page()
        page.goto(f"{base}/{hash_}")
        expect(page.locator(selector)).to_have_attribute(
            "data-outcome", "validation_partielle", timeout=20_000
        )
        expect(page.locator(count_selector)).to_have_count(len(made["competencies"]))
    finally:
        context.close()


def others_see_them(app: Flask, browser, base: str, made: dict) -> None:
    seen = pulled(app.test_client(), made["people"]["sam"], {"decision"})
    decided = {d["competency_id"] for d in seen["decision"] if d["dossier_id"] == made["judged"]}
    assert set(made["competencies"]) <= decided
    the_lead_closes_the_session(app, made)
    sees_the_result(browser, base, made["people"]["sam"], f"#/dossier/{made['judged']}",
                    ".result-overall-staff", ".result-rows-staff li", made)  # fmt: skip
    sees_the_result(browser, base, made["people"]["lea"], f"#/results/{made['judged']}",
                    ".result-overall", ".result-rows .result-row", made)  # fmt: skip


def test_a_jury_decides_and_signs_offline_and_everyone_sees_it(
    app: Flask, restartable_server: RestartableServer, context: BrowserContext, axe, tmp_path
) -> None:
    made = world(tmp_path)
    base = restartable_server.url
    context.add_cookies([{"name": "preuves_session", "value": made["cookie"], "url": base}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    downloads_both_dossiers(page, base, made)
    network_goes(restartable_server, context, page)
    reads_and_plays(page, base, made)
    decides(page, base, made, axe)
    shown = signs(page, base, made, axe)
    network_comes_back(restartable_server, context, page, made)
    reached_the_server(made, shown)
    others_see_them(app, context.browser, base, made)
    assert errors == []


def test_a_decision_refused_before_the_session_opens_says_why(
    app: Flask, live_server, browser, axe
) -> None:
    """The session is still planned: the server refuses the decision, the screen says why in
    the server's own French words, and the decision does not count."""
    structure = create_structure("Les Ateliers du Parc")
    paul = create_person("Paul", "Durand")
    lea = create_person("Léa", "Martin", roles={structure: ["candidate"]})
    doc = json.loads((FRAMEWORKS / "aide-de-cuisine.json").read_text())
    kitchen = import_framework(doc, structure.id, "published")
    dossier = create_dossier(structure, lea, kitchen)
    session = create_jury_session(structure, [paul], [dossier], status="planned")
    cookie = open_session(paul.id, "passkey").token
    db.session.commit()
    first = competency_id(kitchen.id, doc["blocks"][0]["competencies"][0]["key"])

    context = browser.new_context(locale="fr-FR", service_workers="block")
    try:
        context.add_cookies([{"name": "preuves_session", "value": cookie, "url": live_server.url}])
        page = context.new_page()
        page.goto(f"{live_server.url}/#/jury-decide/{session.id}/{dossier.id}/{first}")
        expect(page.locator(".decisions-not-open")).to_have_text(
            words("decisions", "decisions.decide.notOpen", status="Prévu")
        )
        page.locator(f"#outcome-{first}-non_acquis").check()
        page.locator(f"#save-{first}").click()
        refused = page.locator(".decisions-refused")
        expect(refused).to_contain_text(PROBLEMS["jury_session_not_open"][1], timeout=15_000)
        expect(page.locator(f'[data-competency="{first}"]')).to_have_attribute(
            "data-decided", "false"
        )
        no_violations(axe, page, "jury-decide, a refusal shown")
        page.goto(f"{live_server.url}/#/jury-minutes/{session.id}/{dossier.id}")
        member_row(page, paul).get_by_role("button").click()
        page.get_by_role("button", name=words("decisions", "decisions.signing.cross")).click()
        page.get_by_role("button", name=words("decisions", "decisions.signing.validate")).click()
        expect(page.locator(".decisions-refused")).to_contain_text(
            PROBLEMS["jury_session_not_open"][1], timeout=15_000
        )
        expect(member_row(page, paul)).to_have_attribute("data-signed", "false")
    finally:
        context.close()
    assert db.session.scalars(select(Decision)).all() == []
    assert db.session.scalars(select(Signature)).all() == []
