"""POST /api/v1/frameworks/import: a bad file is refused with its line or field named, in
French first; nothing of a refused file stays (issue 7, third acceptance point)."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from factories import auth, create_person, create_structure, token_for
from preuves.config import REPO_ROOT
from preuves.extensions import db
from preuves.frameworks import lines
from preuves.frameworks.importer import child_id, version_id_for
from preuves.frameworks.models import Block, Competency, Criterion, FrameworkVersion, Level

KITCHEN = (
    REPO_ROOT / "backend" / "preuves" / "demo" / "data" / "frameworks" / "aide-de-cuisine.json"
)
URL = "/api/v1/frameworks/import"


@pytest.fixture
def esat(app):
    structure = create_structure("ESAT du Val")
    worker = create_person("Marc", "Petit", roles={structure: ["support_worker"]})
    candidate = create_person("Léa", "Roux", roles={structure: ["candidate"]})
    db.session.commit()
    return structure, token_for(worker), token_for(candidate)


def kitchen_text() -> str:
    return KITCHEN.read_text(encoding="utf-8")


def send(client, token, text: str, **query):
    return client.post(
        URL,
        data=text.encode(),
        query_string=query,
        headers=auth(token) | {"Content-Type": "application/json"},
    )


def counts() -> list[int]:
    return [
        db.session.scalar(select(func.count()).select_from(model))
        for model in (FrameworkVersion, Level, Block, Competency, Criterion)
    ]


def line_containing(text: str, needle: str, start: int = 0) -> int:
    return text.index(needle, start) and text.count("\n", 0, text.index(needle, start)) + 1


def test_a_good_file_is_imported_with_every_row(client, esat):
    structure, token, _ = esat
    response = send(client, token, kitchen_text())
    assert response.status_code == 201, response.json
    version_id = version_id_for(structure.id, "aide-de-cuisine", "2024.1")
    assert response.json["id"] == str(version_id)
    document = json.loads(kitchen_text())
    competencies = [c for b in document["blocks"] for c in b["competencies"]]
    assert counts() == [
        1,
        len(document["level_scale"]["levels"]),
        len(document["blocks"]),
        len(competencies),
        sum(len(c["criteria"]) for c in competencies),
    ]
    first = competencies[0]["key"]
    assert db.session.get(Competency, child_id(version_id, "competency", first)) is not None


def test_a_file_upload_works_as_a_json_body(client, esat):
    _, token, _ = esat
    data = {"file": (io.BytesIO(kitchen_text().encode()), "cuisine.json"), "status": "draft"}
    response = client.post(URL, data=data, headers=auth(token), content_type="multipart/form-data")
    assert response.status_code == 201, response.json
    assert response.json["status"] == "draft"


def test_a_json_syntax_error_names_its_line_and_column(client, esat):
    _, token, _ = esat
    text = kitchen_text()
    broken = text.replace('"kind": "trade",', '"kind": "trade"', 1)  # a comma forgotten
    response = send(client, token, broken)
    assert response.status_code == 422
    assert response.json["code"] == "framework_not_json"
    assert response.json["title"].startswith("Le fichier n'est pas du JSON correct")
    [error] = response.json["errors"]
    expected = line_containing(broken, '"kind": "trade"') + 1  # the parser stops on the next line
    assert error["line"] == expected
    assert error["message_fr"].startswith(f"Ligne {expected}, colonne {error['column']} :")
    assert counts() == [0, 0, 0, 0, 0]


def test_a_missing_field_names_the_field_and_the_line_of_its_item(client, esat):
    _, token, _ = esat
    document = json.loads(kitchen_text())
    del document["blocks"][1]["competencies"][0]["easy_wording"]
    text = json.dumps(document, indent=2, ensure_ascii=False)
    response = send(client, token, text)
    assert response.status_code == 422
    assert response.json["code"] == "framework_invalid"
    [error] = response.json["errors"]
    assert error["pointer"] == "/blocks/1/competencies/0/easy_wording"
    assert error["message_fr"].endswith("Il manque le champ « easy_wording ».")
    key = document["blocks"][1]["competencies"][0]["key"]
    item_line = line_containing(text, f'"key": "{key}"') - 1  # the object opens just above
    assert error["line"] == item_line
    assert error["message_fr"].startswith(f"Ligne {item_line} :")
    assert counts() == [0, 0, 0, 0, 0]


def test_a_misspelt_field_is_named_with_its_own_line(client, esat):
    _, token, _ = esat
    document = json.loads(kitchen_text())
    document["blocks"][0]["titel"] = "Faute de frappe"
    text = json.dumps(document, indent=2, ensure_ascii=False)
    errors = send(client, token, text).json["errors"]
    assert [e["pointer"] for e in errors] == ["/blocks/0/titel"]
    assert errors[0]["line"] == line_containing(text, '"titel"')
    assert "n'est pas connu" in errors[0]["message_fr"]


def test_a_rule_error_names_the_pointer_and_line_and_nothing_is_half_imported(client, esat):
    _, token, _ = esat
    document = json.loads(kitchen_text())
    last_block = document["blocks"][-1]
    duplicated = document["blocks"][0]["competencies"][0]["key"]
    last_block["competencies"][-1]["key"] = duplicated  # at the very end of the file
    text = json.dumps(document, indent=2, ensure_ascii=False)
    response = send(client, token, text)
    assert response.status_code == 422
    errors = response.json["errors"]
    b, c = len(document["blocks"]) - 1, len(last_block["competencies"]) - 1
    assert [e["pointer"] for e in errors] == [f"/blocks/{b}/competencies/{c}/key"]
    second = text.index(f'"key": "{duplicated}"') + 1
    assert errors[0]["line"] == line_containing(text, f'"key": "{duplicated}"', second)
    assert "déjà utilisée" in errors[0]["message_fr"]
    assert counts() == [0, 0, 0, 0, 0]


def test_a_failure_after_the_rows_are_written_leaves_nothing(app, esat, monkeypatch):
    """The import is one transaction: a failure once rows are flushed rolls all of them back."""
    _, token, _ = esat
    from preuves.frameworks import importer

    def broken(*_args, **_kwargs):
        assert counts()[3] > 0  # the competencies are in the transaction already
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(importer, "record_event", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = send(app.test_client(), token, kitchen_text())
    assert response.status_code == 500
    db.session.rollback()
    assert counts() == [0, 0, 0, 0, 0]


def test_the_same_version_twice_is_refused_on_the_version_line(client, esat):
    _, token, _ = esat
    text = kitchen_text()
    assert send(client, token, text).status_code == 201
    response = send(client, token, text)
    assert response.status_code == 422
    [error] = response.json["errors"]
    assert error["pointer"] == "/version"
    assert error["line"] == line_containing(text, '"version"')
    assert "nouvelle version" in error["message_fr"]
    assert counts()[0] == 1


def test_only_staff_of_the_structure_import(client, esat):
    structure, _, candidate_token = esat
    assert send(client, candidate_token, kitchen_text()).status_code == 403
    other = create_structure("ESAT voisin")
    lead = create_person("Nadia", "Benali", roles={other: ["lead"]})
    db.session.commit()
    response = send(client, token_for(lead), kitchen_text(), structure_id=str(structure.id))
    assert response.status_code == 403
    assert counts() == [0, 0, 0, 0, 0]


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name for p in (REPO_ROOT / "shared_schemas/examples/framework/invalid").glob("*.json")
    ),
)
def test_every_invalid_example_is_refused_with_a_pointer_and_a_line(client, esat, name):
    _, token, _ = esat
    text = (REPO_ROOT / "shared_schemas/examples/framework/invalid" / name).read_text()
    response = send(client, token, text)
    assert response.status_code == 422, name
    for error in response.json["errors"]:
        assert error["message_fr"].startswith("Ligne "), error
        assert isinstance(error["line"], int) and error["line"] >= 1


def test_positions_of_a_json_text():
    text = '{\n  "a": [1,\n    {"b": "x/y"}],\n  "c~d": null\n}'
    found = lines.positions(text)
    assert found[""] == (1, 1)
    assert found["/a"] == (2, 8)
    assert found["/a/1/b"] == (3, 11)
    assert found["/c~0d"] == (4, 10)
    assert lines.line_of(found, "/a/1/missing") == (3, 5)
