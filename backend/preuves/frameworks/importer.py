"""Import a framework file (shared_schemas/framework.schema.json) as a framework version.

The JSON Schema checks the shape; this module checks what a schema cannot say (unique
keys, contiguous ranks, media that exist, versions never imported twice; see
docs/framework-format.md), then builds the version with its levels, blocks, competencies
and criteria. Ids are derived from the keys, so the same file gives the same ids anywhere.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from typing import Any

from flask import current_app
from sqlalchemy import select

from preuves.audit.operations import record_event
from preuves.core import jsonschemas
from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.core.vocab import FRAMEWORK_STATUSES
from preuves.extensions import db
from preuves.frameworks.children import child_id, rebuild
from preuves.frameworks.models import FrameworkVersion
from preuves.media import blobs
from preuves.structures.models import Structure

# Fixed forever: changing it would change the id of every imported framework version.
FRAMEWORK_NAMESPACE = uuid.UUID("5d1b7e0c-8f4a-4c1e-9a57-2f0e3b6d9c41")
UNIQUE_WITHIN_FRAMEWORK = ("level", "block", "competency", "criterion")
__all__ = ["child_id", "import_framework", "version_id_for"]


def version_id_for(structure_id: uuid.UUID | None, slug: str, version: str) -> uuid.UUID:
    """The id of a framework version: one per (owner, slug, version), like the constraint."""
    owner = str(structure_id) if structure_id else "product"
    return uuid.uuid5(FRAMEWORK_NAMESPACE, f"{owner}/{slug}/{version}")


def import_framework(
    document: dict[str, Any],
    structure_id: uuid.UUID | None,
    status: str,
    actor_id: uuid.UUID | None = None,
) -> FrameworkVersion:
    """Check the document and add its framework version (flushed; the caller commits)."""
    check_document(document)
    if status not in FRAMEWORK_STATUSES:
        raise Problem(
            "invalid_record",
            f"Unknown framework status {status!r}.",
            errors=[
                {
                    "pointer": "",
                    "message": f"status must be one of {', '.join(FRAMEWORK_STATUSES)}.",
                }
            ],
        )
    if structure_id is not None and db.session.get(Structure, structure_id) is None:
        raise Problem("unknown_reference", f"No structure {structure_id}.")
    _refuse_imported(document, structure_id)
    version = _build(document, structure_id, status, actor_id)
    db.session.add(version)
    db.session.flush()
    record_event(
        "import",
        actor_id,
        "operator",
        record_type="framework_version",
        record_id=version.id,
        detail={"slug": version.slug, "version": version.version},
    )
    return version


def check_document(document: Any) -> None:
    """Raise an `invalid_record` problem listing every schema error, then every rule error."""
    jsonschemas.validate(current_app.config["SCHEMAS_DIR"], "framework", document)
    if errors := rule_errors(document):
        raise Problem(
            "invalid_record", "The framework breaks rules of the import format.", errors=errors
        )


def rule_errors(document: dict[str, Any]) -> list[dict[str, str]]:
    """The rules the schema cannot express, each error with its JSON pointer."""
    errors: list[dict[str, str]] = []
    first_seen: dict[tuple[str, str], str] = {}
    for kind, pointer, item in _items(document):
        where = first_seen.setdefault((kind, item["key"]), pointer)
        if where != pointer:
            errors.append(
                _error(
                    f"{pointer}/key",
                    f"Duplicate {kind} key {item['key']!r}: already used at {where}.",
                )
            )
        errors.extend(_missing_media(pointer, item))
    for index, level in enumerate(document["level_scale"]["levels"]):
        if level["rank"] != index + 1:
            errors.append(
                _error(
                    f"/level_scale/levels/{index}/rank",
                    f"Rank must be {index + 1}: ranks go 1, 2, 3... in list order.",
                )
            )
    return errors


def _items(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every keyed item with its kind and JSON pointer, in document order."""
    for i, level in enumerate(document["level_scale"]["levels"]):
        yield "level", f"/level_scale/levels/{i}", level
    for b, block in enumerate(document["blocks"]):
        yield "block", f"/blocks/{b}", block
        for c, competency in enumerate(block["competencies"]):
            yield "competency", f"/blocks/{b}/competencies/{c}", competency
            for k, criterion in enumerate(competency["criteria"]):
                yield "criterion", f"/blocks/{b}/competencies/{c}/criteria/{k}", criterion


def _missing_media(pointer: str, item: dict[str, Any]) -> list[dict[str, str]]:
    """Photos and recordings must be in the blob store (uploaded with the import)."""
    errors = []
    pictogram = item.get("pictogram") or ""
    if pictogram.startswith("photo:") and not blobs.exists(pictogram.removeprefix("photo:")):
        errors.append(_error(f"{pointer}/pictogram", "This photo was not uploaded."))
    if (audio := item.get("audio_sha256")) and not blobs.exists(audio):
        errors.append(_error(f"{pointer}/audio_sha256", "This recording was not uploaded."))
    return errors


def _error(pointer: str, message: str) -> dict[str, str]:
    return {"pointer": pointer, "message": message}


def _refuse_imported(document: dict[str, Any], structure_id: uuid.UUID | None) -> None:
    """A version is immutable: the same slug and version label are never imported twice."""
    owner = FrameworkVersion.structure_id
    query = select(FrameworkVersion.id).where(
        owner.is_(None) if structure_id is None else owner == structure_id,
        FrameworkVersion.slug == document["slug"],
        FrameworkVersion.version == document["version"],
    )
    if db.session.scalar(query.limit(1)) is not None:
        message = (
            f"Framework {document['slug']!r} version {document['version']!r} is "
            "already imported; give the new file a new version label."
        )
        raise Problem("invalid_record", message, errors=[_error("/version", message)])


def _build(
    document: dict[str, Any],
    structure_id: uuid.UUID | None,
    status: str,
    actor_id: uuid.UUID | None,
) -> FrameworkVersion:
    version_id = version_id_for(structure_id, document["slug"], document["version"])
    version = FrameworkVersion(
        id=version_id,
        structure_id=structure_id,
        slug=document["slug"],
        version=document["version"],
        title=document["title"],
        kind=document["kind"],
        status=status,
        document=copy.deepcopy(document),
        rev=1,
        deleted=False,
        changed_at=utcnow(),
        changed_by_id=actor_id,
    )
    rebuild(version)  # the rows are also rebuilt on flush; built now, they are there at once
    return version
