"""The SQL of a pull, built once per kind of caller rather than on every page.

Building the 19-table UNION of a page (one `visible` condition per type) and letting
SQLAlchemy derive its cache key cost more than running it. The statement depends only on
who asks (person and roles); the cursor's seq and the page size are bound parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, inspect, literal, select, union_all

from preuves.identity.principal import Principal
from preuves.policy.dossier_access import visible_dossier_ids
from preuves.policy.visibility import OUTSIDE_DOSSIER_TYPES, visible
from preuves.records.catalogue import RECORD_TYPES
from preuves.sync.rows import among

MAX_KEPT = 256  # statements kept per process, two per person syncing through it

_kept: dict[tuple, Select] = {}


def _key(principal: Principal) -> tuple:
    """What the statements depend on: the person and their roles (policy.visibility)."""
    roles = sorted((str(structure), sorted(roles)) for structure, roles in principal.roles.items())
    return (principal.person_id, repr(roles))


def _kept_or_built(principal: Principal, what: str, build: Callable[[Principal], Select]) -> Select:
    key = (what, *_key(principal))
    if (statement := _kept.get(key)) is None:
        if len(_kept) >= MAX_KEPT:
            _kept.clear()  # rare: more people than that syncing through one process
        statement = _kept[key] = build(principal)
    return statement


def changes(principal: Principal) -> Select:
    """(type, id, seq) of the next `:limit` visible changes after seq `:after`."""
    return _kept_or_built(principal, "changes", _build_changes)


def scope(principal: Principal) -> Select:
    """(type, id) of the dossiers and of the records outside dossiers the caller may see."""
    return _kept_or_built(principal, "scope", _build_scope)


def _build_scope(principal: Principal) -> Select:
    dossiers = visible_dossier_ids(principal).subquery()
    parts = [select(literal("dossier").label("type"), dossiers.c.id.label("id"))]
    for name in OUTSIDE_DOSSIER_TYPES:
        model = RECORD_TYPES[name].model
        condition = visible(principal, name, model)
        parts.append(select(literal(name).label("type"), model.id.label("id")).where(condition))
    return union_all(*parts)


def _build_changes(principal: Principal) -> Select:
    parts = []
    dossiers = visible_dossier_ids(principal).cte("visible_dossiers")  # once, not per type
    dossier_ids = select(dossiers.c.id)
    after, limit = bindparam("after"), bindparam("limit")
    for name, kind in RECORD_TYPES.items():
        model = kind.model
        part = (
            select(literal(name).label("type"), model.id.label("id"), model.seq.label("seq"))
            .where(model.seq > after, visible(principal, name, model, dossier_ids))
            .order_by(model.seq)
            .limit(limit)
            .subquery()
        )
        parts.append(select(part.c.type, part.c.id, part.c.seq))
    merged = union_all(*parts).subquery()
    return select(merged).order_by(merged.c.seq).limit(limit)


@cache
def _columns(model: type) -> tuple[Any, ...]:
    return tuple(prop.columns[0].label(prop.key) for prop in inspect(model).column_attrs)


def columns_of(model: type, ids: list[Any], dialect: str) -> Select:
    """Every column of the rows of those ids, labelled by model attribute."""
    return select(*_columns(model)).where(among(model.id, ids, dialect))
