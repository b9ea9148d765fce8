"""A framework version's levels, blocks, competencies and criteria: rows built from its document.

Every path that writes a version (the importer, the records API, a sync push) only sets the
`document`; a `before_flush` listener then makes the rows match it, with ids derived from
the keys (`child_id`), the same ids the PWA derives (pwa/src/lib/framework.js). A draft edited
again keeps the ids of the items it keeps and loses the others; a published version's document
never changes (FrameworkVersionSchema), so neither do its rows.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, object_session

from preuves.frameworks.models import Block, Competency, Criterion, FrameworkVersion, Level

_DELETE_ORDER = (Criterion, Competency, Block, Level)


def child_id(version_id: uuid.UUID, kind: str, key: str) -> uuid.UUID:
    """The id of a level, block, competency or criterion of a version, from its key."""
    return uuid.uuid5(version_id, f"{kind}:{key}")


def _wording(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "official_wording": item["official_wording"],
        "easy_wording": item["easy_wording"],
        "pictogram": item["pictogram"],
        "audio_sha256": item.get("audio_sha256"),
    }


def _filled(known: dict[uuid.UUID, Any], model: type, row_id: uuid.UUID, **values: Any) -> Any:
    """The row of that id (reused if the version had it), holding these values."""
    row = known.get(row_id) or model(id=row_id)
    for name, value in values.items():
        if getattr(row, name, None) != value:
            setattr(row, name, value)
    return row


def rebuild(version: FrameworkVersion) -> None:
    """Make the version's child rows say what its document says (nothing flushed here)."""
    document, vid = version.document, version.id
    known = {row.id: row for row in _children(version)}
    version.levels = [_level(known, vid, level) for level in document["level_scale"]["levels"]]
    blocks = [
        _block(known, vid, position, block) for position, block in enumerate(document["blocks"], 1)
    ]
    for dropped in set(version.blocks) - set(blocks):
        dropped.competencies = []  # a competency moved to another block must not go with it
    version.blocks = blocks
    kept = {row.id for row in _children(version)}
    leftovers = [row for row in known.values() if row.id not in kept]
    session = object_session(version)
    for row in sorted(leftovers, key=lambda r: _DELETE_ORDER.index(type(r))):
        session.delete(row)  # children first: the foreign keys forbid the other order


def _level(known: dict, vid: uuid.UUID, level: dict[str, Any]) -> Level:
    words = {name: level[name] for name in ("key", "rank", "label", "easy_label", "pictogram")}
    return _filled(known, Level, child_id(vid, "level", level["key"]), **words)


def _block(known: dict, vid: uuid.UUID, position: int, block: dict[str, Any]) -> Block:
    words = {"position": position, "title": block["title"], "easy_title": block["easy_title"]}
    row_id = child_id(vid, "block", block["key"])
    row = _filled(known, Block, row_id, key=block["key"], pictogram=block["pictogram"], **words)
    row.competencies = [
        _competency(known, vid, index, item)
        for index, item in enumerate(block["competencies"], start=1)
    ]
    return row


def _competency(known: dict, vid: uuid.UUID, position: int, item: dict[str, Any]) -> Competency:
    row_id = child_id(vid, "competency", item["key"])
    row = _filled(
        known,
        Competency,
        row_id,
        version_id=vid,
        key=item["key"],
        position=position,
        **_wording(item),
    )
    row.criteria = [_criterion(known, vid, k, c) for k, c in enumerate(item["criteria"], start=1)]
    return row


def _criterion(known: dict, vid: uuid.UUID, position: int, item: dict[str, Any]) -> Criterion:
    row_id = child_id(vid, "criterion", item["key"])
    return _filled(known, Criterion, row_id, key=item["key"], position=position, **_wording(item))


def _children(version: FrameworkVersion) -> list[Any]:
    rows: list[Any] = [*version.levels, *version.blocks]
    for block in version.blocks:
        for competency in block.competencies:
            rows += [competency, *competency.criteria]
    return rows


_KINDS = {Level: "level", Block: "block", Competency: "competency", Criterion: "criterion"}


def _is_framework_document(document: Any) -> bool:
    return isinstance(document, dict) and {"level_scale", "blocks"} <= document.keys()


def _rows_made_by_hand(version: FrameworkVersion) -> bool:
    """Rows whose ids are not derived from their keys (test factories, older data): the
    version keeps them as they are, since new rows would take the same keys."""
    return any(
        row.id != child_id(version.id, _KINDS[type(row)], row.key) for row in _children(version)
    )


def _document_written(version: FrameworkVersion) -> bool:
    state = inspect(version)
    return state.pending or state.attrs.document.history.has_changes()


@event.listens_for(Session, "before_flush")
def _rebuild_written_versions(session: Session, _context: Any, _instances: Any) -> None:
    for version in [*session.new, *session.dirty]:
        if (
            isinstance(version, FrameworkVersion)
            and _is_framework_document(version.document)
            and _document_written(version)
            and not _rows_made_by_hand(version)
        ):
            rebuild(version)
