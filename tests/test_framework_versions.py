"""A framework version's rows follow its document on every write path; a new version is
published beside the old one, and dossiers on the old one keep it."""

from __future__ import annotations

import copy
import io
import json

import pytest
from sqlalchemy import select

from factories import auth, create_dossier, create_person, create_structure, token_for
from preuves.config import REPO_ROOT
from preuves.core.ids import uuid7
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.frameworks.importer import child_id, import_framework
from preuves.frameworks.models import Block, Competency, Criterion, FrameworkVersion, Level
from sync_helpers import put, results

KITCHEN = (
    REPO_ROOT / "backend" / "preuves" / "demo" / "data" / "frameworks" / "aide-de-cuisine.json"
)


@pytest.fixture
def esat(app):
    structure = create_structure("ESAT du Val")
    worker = create_person("Marc", "Petit", roles={structure: ["support_worker"]})
    candidate = create_person("Léa", "Roux", roles={structure: ["candidate"]})
    db.session.commit()
    return structure, worker, candidate


def kitchen() -> dict:
    return json.loads(KITCHEN.read_text(encoding="utf-8"))


def record(structure, document, status="draft", record_id=None) -> dict:
    return {
        "id": str(record_id or uuid7()),
        "structure_id": str(structure.id),
        "status": status,
        "document": document,
    }


def put_record(client, token, body, base_rev=None):
    url = f"/api/v1/records/framework_version/{body['id']}"
    return client.put(url, json={"record": body, "base_rev": base_rev}, headers=auth(token))


def rows_of(version_id) -> dict[str, set]:
    """Every child row of a version as (id, key, wording...) tuples."""
    competencies = db.session.scalars(select(Competency).where(Competency.version_id == version_id))
    competencies = list(competencies)
    criteria = [
        k
        for c in competencies
        for k in db.session.scalars(select(Criterion).where(Criterion.competency_id == c.id))
    ]
    return {
        "level": {
            (r.id, r.key, r.rank, r.easy_label)
            for r in db.session.scalars(select(Level).where(Level.version_id == version_id))
        },
        "block": {
            (r.id, r.key, r.position, r.easy_title)
            for r in db.session.scalars(select(Block).where(Block.version_id == version_id))
        },
        "competency": {
            (r.id, r.key, r.block_id, r.position, r.easy_wording, r.pictogram, r.audio_sha256)
            for r in competencies
        },
        "criterion": {(r.id, r.key, r.competency_id, r.easy_wording) for r in criteria},
    }


def expected_rows(version_id, document) -> dict[str, set]:
    """The rows the document says, with the ids the PWA derives too."""

    def cid(kind, key):
        return child_id(version_id, kind, key)

    levels = document["level_scale"]["levels"]
    found: dict[str, set] = {
        "level": {(cid("level", v["key"]), v["key"], v["rank"], v["easy_label"]) for v in levels},
        "block": set(),
        "competency": set(),
        "criterion": set(),
    }
    for position, block in enumerate(document["blocks"], 1):
        block_id = cid("block", block["key"])
        found["block"].add((block_id, block["key"], position, block["easy_title"]))
        for index, c in enumerate(block["competencies"], 1):
            competency_id = cid("competency", c["key"])
            found["competency"].add(
                (
                    competency_id,
                    c["key"],
                    block_id,
                    index,
                    c["easy_wording"],
                    c["pictogram"],
                    c.get("audio_sha256"),
                )
            )
            for k in c["criteria"]:
                found["criterion"].add(
                    (cid("criterion", k["key"]), k["key"], competency_id, k["easy_wording"])
                )
    return found


def test_a_version_written_through_the_records_api_gets_its_rows(client, esat):
    structure, worker, _ = esat
    body = record(structure, kitchen())
    response = put_record(client, token_for(worker), body)
    assert response.status_code == 201, response.json
    version_id = FrameworkVersion.id.type.python_type(body["id"])
    assert rows_of(version_id) == expected_rows(version_id, body["document"])


def test_a_version_pushed_by_sync_gets_its_rows(client, esat):
    structure, worker, _ = esat
    body = record(structure, kitchen(), status="published")
    [result] = results(client, token_for(worker), [put("framework_version", body)])
    assert result["status"] == "applied", result
    version = db.session.get(FrameworkVersion, FrameworkVersion.id.type.python_type(body["id"]))
    assert rows_of(version.id) == expected_rows(version.id, body["document"])


def test_a_draft_edited_again_rebuilds_its_rows_keeping_ids(client, esat):
    structure, worker, _ = esat
    token = token_for(worker)
    body = record(structure, kitchen())
    assert put_record(client, token, body).status_code == 201
    version_id = FrameworkVersion.id.type.python_type(body["id"])
    before = rows_of(version_id)
    document = copy.deepcopy(body["document"])
    first = document["blocks"][0]["competencies"][0]
    first["easy_wording"] = "Je lave mes mains avec du savon."
    first["pictogram"] = "openmoji:1F9FC"
    moved = document["blocks"][0]["competencies"].pop()  # to the last block
    document["blocks"][-1]["competencies"].append(moved)
    dropped = document["blocks"].pop(1)  # a whole block and its competencies go
    document["blocks"][-1]["competencies"][0]["criteria"].pop()
    response = put_record(client, token, body | {"document": document}, base_rev=1)
    assert response.status_code == 200, response.json
    db.session.expire_all()
    after = rows_of(version_id)
    assert after == expected_rows(version_id, document)
    kept = {row[0] for row in before["competency"]} & {row[0] for row in after["competency"]}
    assert child_id(version_id, "competency", first["key"]) in kept
    assert child_id(version_id, "competency", moved["key"]) in kept
    gone = {child_id(version_id, "competency", c["key"]) for c in dropped["competencies"]}
    assert gone.isdisjoint(row[0] for row in after["competency"])


def test_a_published_version_never_changes(client, esat):
    structure, worker, _ = esat
    token = token_for(worker)
    body = record(structure, kitchen(), status="published")
    assert put_record(client, token, body).status_code == 201
    version_id = FrameworkVersion.id.type.python_type(body["id"])
    before = rows_of(version_id)
    document = copy.deepcopy(body["document"])
    document["blocks"][0]["competencies"][0]["easy_wording"] = "Une autre phrase."
    response = put_record(client, token, body | {"document": document}, base_rev=1)
    assert response.status_code == 422
    assert response.json["errors"]["document"]
    db.session.expire_all()
    assert rows_of(version_id) == before


def test_a_document_breaking_the_import_rules_is_refused_by_the_records_api(client, esat):
    structure, worker, _ = esat
    document = kitchen()
    document["blocks"][1]["competencies"][0]["key"] = document["blocks"][0]["competencies"][0][
        "key"
    ]
    response = put_record(client, token_for(worker), record(structure, document))
    assert response.status_code == 422
    assert "/blocks/1/competencies/0/key" in response.json["errors"]["document"]
    assert db.session.scalar(select(FrameworkVersion.id)) is None


def test_publishing_a_new_version_keeps_dossiers_on_the_old_one(client, esat):
    """The PWA's publish: a copy of the document with a new version label, a new record."""
    structure, worker, candidate = esat
    token = token_for(worker)
    old = import_framework(kitchen(), structure.id, "published")
    dossier = create_dossier(structure, candidate, old, worker)
    db.session.commit()
    old_rows = rows_of(old.id)
    document = copy.deepcopy(old.document) | {"version": "2024.2"}
    document["blocks"][0]["competencies"][0]["easy_wording"] = "Je mets mon tablier."
    draft = record(structure, document)
    assert put_record(client, token, draft).status_code == 201
    published = draft | {"status": "published"}
    response = put_record(client, token, published, base_rev=1)
    assert response.status_code == 200, response.json
    new_id = FrameworkVersion.id.type.python_type(draft["id"])
    db.session.expire_all()
    assert db.session.get(FrameworkVersion, new_id).status == "published"
    assert rows_of(new_id) == expected_rows(new_id, document)
    assert rows_of(old.id) == old_rows  # the old version and its ids stay as they were
    assert db.session.get(Dossier, dossier.id).framework_version_id == old.id
    # A dossier opened now may choose the new version; the old one still names the old ids.
    key = document["blocks"][0]["competencies"][0]["key"]
    assert child_id(old.id, "competency", key) != child_id(new_id, "competency", key)
    same_label = record(structure, copy.deepcopy(document))  # the label is taken now
    assert put_record(client, token, same_label).status_code == 422


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_a_workstation_photo_becomes_a_pictogram_readable_by_its_structure_only(client, esat):
    structure, worker, candidate = esat
    token = token_for(worker)
    sent = client.post(
        "/api/v1/frameworks/media",
        data=png(),
        headers=auth(token) | {"Content-Type": "image/png"},
    )
    assert sent.status_code == 201, sent.json
    sha = sent.json["sha256"]
    refused = client.post(
        "/api/v1/frameworks/media",
        data=b"<svg onload=alert(1)>",
        headers=auth(token) | {"Content-Type": "image/svg+xml"},
    )
    assert refused.json["code"] == "media_type_refused"
    document = kitchen()
    document["blocks"][0]["competencies"][0]["pictogram"] = f"photo:{sha}"
    document["blocks"][0]["competencies"][0]["audio_sha256"] = "b" * 64  # never sent
    response = put_record(client, token, record(structure, document))
    assert response.status_code == 422
    assert "/blocks/0/competencies/0/audio_sha256" in response.json["errors"]["document"]
    del document["blocks"][0]["competencies"][0]["audio_sha256"]
    assert put_record(client, token, record(structure, document)).status_code == 201

    def status(person_token: str) -> int:
        response = client.get(f"/api/v1/frameworks/media/{sha}", headers=auth(person_token))
        response.close()  # the bytes are streamed from the store
        return response.status_code

    assert status(token) == 200
    assert status(token_for(candidate)) == 200  # the pictogram of their own framework
    other = create_structure("ESAT voisin")
    outsider = create_person("Nadia", "Benali", roles={other: ["lead"]})
    db.session.commit()
    assert status(token_for(outsider)) == 404
