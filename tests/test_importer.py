"""The framework importer: the schema, the rules beyond it, the rows it builds."""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from factories import create_structure
from preuves.cli import cli
from preuves.config import REPO_ROOT
from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.frameworks.importer import child_id, import_framework, version_id_for
from preuves.frameworks.models import Block, Competency, Criterion, FrameworkVersion, Level
from preuves.media import blobs

DEMO = REPO_ROOT / "backend" / "preuves" / "demo" / "data" / "frameworks"
EXAMPLES = REPO_ROOT / "shared_schemas" / "examples" / "framework"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def kitchen() -> dict:
    return load(DEMO / "aide-de-cuisine.json")


def pointers(problem: Problem) -> list[str]:
    return [error["pointer"] for error in problem.extra["errors"]]


def refused(document: dict, structure_id=None, status: str = "published") -> Problem:
    with pytest.raises(Problem) as caught:
        import_framework(document, structure_id, status)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(FrameworkVersion)) == 0
    return caught.value


def test_imports_the_shipped_kitchen_framework(app, kitchen):
    version = import_framework(kitchen, None, "published")
    db.session.commit()
    assert version.id == version_id_for(None, "aide-de-cuisine", "2024.1")
    assert (version.slug, version.version, version.kind, version.status) == (
        "aide-de-cuisine",
        "2024.1",
        "trade",
        "published",
    )
    assert version.title == kitchen["title"] and version.document == kitchen
    assert [level.rank for level in version.levels] == [1, 2, 3, 4]
    assert [block.key for block in version.blocks] == [b["key"] for b in kitchen["blocks"]]
    competency = db.session.get(Competency, child_id(version.id, "competency", "mettre-la-table"))
    assert competency.easy_wording and competency.block_id == child_id(
        version.id, "block", "service-en-salle"
    )
    expected_criteria = sum(
        len(c["criteria"]) for b in kitchen["blocks"] for c in b["competencies"]
    )
    assert db.session.scalar(select(func.count()).select_from(Criterion)) == expected_criteria
    assert db.session.scalar(select(func.count()).select_from(Level)) == 4


def test_the_same_file_gives_the_same_ids_for_another_owner_too(app, kitchen):
    structure = create_structure()
    shipped = import_framework(kitchen, None, "published")
    owned = import_framework(copy.deepcopy(kitchen), structure.id, "draft")
    assert shipped.id != owned.id
    assert owned.id == version_id_for(structure.id, "aide-de-cuisine", "2024.1")
    assert db.session.scalar(select(func.count()).select_from(Block)) == 2 * len(kitchen["blocks"])


@pytest.mark.parametrize("path", sorted((EXAMPLES / "valid").glob("*.json")), ids=lambda p: p.name)
def test_every_valid_example_imports(app, path):
    document = load(path)
    for sha in _media_references(document):
        # Stand-ins for the photos and recordings uploaded with the import.
        blobs.blob_path(sha).parent.mkdir(parents=True, exist_ok=True)
        blobs.blob_path(sha).write_bytes(b"x")
    assert import_framework(document, None, "draft").slug == document["slug"]


def _media_references(value) -> set[str]:
    """Every photo: pictogram and audio_sha256 anywhere in the document."""
    if isinstance(value, list):
        return set().union(*(_media_references(item) for item in value))
    if not isinstance(value, dict):
        return set()
    found = {value["pictogram"][6:]} if str(value.get("pictogram")).startswith("photo:") else set()
    found |= {value["audio_sha256"]} if value.get("audio_sha256") else set()
    return found.union(*(_media_references(item) for item in value.values()))


@pytest.mark.parametrize(
    "path", sorted((EXAMPLES / "invalid").glob("*.json")), ids=lambda p: p.name
)
def test_every_invalid_example_is_refused_by_the_schema(app, path):
    problem = refused(load(path))
    assert problem.code == "invalid_record" and problem.extra["errors"]


def test_a_block_key_used_twice_is_refused(app, kitchen):
    kitchen["blocks"][1]["key"] = kitchen["blocks"][0]["key"]
    assert pointers(refused(kitchen)) == ["/blocks/1/key"]


def test_a_competency_key_is_unique_across_blocks(app, kitchen):
    first = kitchen["blocks"][0]["competencies"][0]["key"]
    kitchen["blocks"][2]["competencies"][1]["key"] = first
    problem = refused(kitchen)
    assert pointers(problem) == ["/blocks/2/competencies/1/key"]
    assert "/blocks/0/competencies/0" in problem.extra["errors"][0]["message"]


def test_a_criterion_key_is_unique_across_the_framework(app, kitchen):
    first = kitchen["blocks"][0]["competencies"][0]["criteria"][0]["key"]
    kitchen["blocks"][3]["competencies"][0]["criteria"][0]["key"] = first
    assert pointers(refused(kitchen)) == ["/blocks/3/competencies/0/criteria/0/key"]


def test_a_level_key_is_unique_on_the_scale(app, kitchen):
    levels = kitchen["level_scale"]["levels"]
    levels[2]["key"] = levels[1]["key"]
    assert pointers(refused(kitchen)) == ["/level_scale/levels/2/key"]


def test_level_ranks_must_be_contiguous_from_one(app, kitchen):
    levels = kitchen["level_scale"]["levels"]
    levels[2]["rank"], levels[3]["rank"] = 4, 5
    assert pointers(refused(kitchen)) == [
        "/level_scale/levels/2/rank",
        "/level_scale/levels/3/rank",
    ]


def test_level_ranks_follow_the_list_order(app, kitchen):
    levels = kitchen["level_scale"]["levels"]
    levels[0]["rank"], levels[1]["rank"] = 2, 1
    assert pointers(refused(kitchen)) == [
        "/level_scale/levels/0/rank",
        "/level_scale/levels/1/rank",
    ]


def test_photos_and_recordings_must_have_been_uploaded(app, kitchen):
    photo = blobs.put_bytes(b"a photo of the blue chopping board")
    competency = kitchen["blocks"][0]["competencies"][0]
    competency["pictogram"] = f"photo:{photo}"
    competency["audio_sha256"] = "0" * 64
    assert pointers(refused(kitchen)) == ["/blocks/0/competencies/0/audio_sha256"]
    competency["audio_sha256"] = blobs.put_bytes(b"a recording")
    assert import_framework(kitchen, None, "draft").blocks[0].competencies[0].pictogram == (
        f"photo:{photo}"
    )


def test_a_version_is_never_imported_twice(app, kitchen):
    import_framework(kitchen, None, "published")
    db.session.commit()
    with pytest.raises(Problem) as caught:
        import_framework(copy.deepcopy(kitchen), None, "published")
    assert pointers(caught.value) == ["/version"]
    kitchen["version"] = "2025.1"
    assert import_framework(kitchen, None, "draft").version == "2025.1"


def test_unknown_status_and_unknown_structure_are_refused(app, kitchen):
    assert refused(kitchen, status="live").code == "invalid_record"
    missing = version_id_for(None, "no", "structure")
    assert refused(kitchen, structure_id=missing).code == "unknown_reference"


def test_a_document_that_is_not_an_object_is_refused(app):
    assert refused(["not", "a", "framework"]).code == "invalid_record"


def test_import_framework_command(app, tmp_path, kitchen):
    structure = create_structure()
    path = tmp_path / "kitchen.json"
    path.write_text(json.dumps(kitchen), encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(cli, ["import-framework", str(path), "--structure", str(structure.id)])
    assert result.exit_code == 0, result.output
    version = db.session.get(FrameworkVersion, uuid.UUID(result.output.strip().splitlines()[-1]))
    assert (version.structure_id, version.status) == (structure.id, "draft")

    again = runner.invoke(cli, ["import-framework", str(path), "--structure", str(structure.id)])
    assert again.exit_code == 1 and "/version" in again.output
    published = runner.invoke(cli, ["import-framework", str(path), "--publish"])
    assert published.exit_code == 0, published.output
    assert "published" in published.output


def test_import_framework_command_refuses_what_is_not_json(app, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{ not json", encoding="utf-8")
    result = app.test_cli_runner().invoke(cli, ["import-framework", str(path)])
    assert result.exit_code == 1 and "JSON" in result.output


def test_import_framework_command_uploads_the_media_it_is_given(app, tmp_path, kitchen):
    photo = tmp_path / "planche.jpg"
    photo.write_bytes(b"the blue chopping board")
    sha = blobs.put_bytes(photo.read_bytes())
    blobs.delete_blob(sha)
    kitchen["blocks"][0]["pictogram"] = f"photo:{sha}"
    path = tmp_path / "kitchen.json"
    path.write_text(json.dumps(kitchen), encoding="utf-8")
    runner = app.test_cli_runner()
    assert runner.invoke(cli, ["import-framework", str(path)]).exit_code == 1
    result = runner.invoke(cli, ["import-framework", str(path), "--media", str(photo)])
    assert result.exit_code == 0, result.output
    assert blobs.exists(sha)
