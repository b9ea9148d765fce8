"""Helpers for the sync tests: build mutations, push, pull to the end, snapshot the data."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from factories import auth
from preuves.core.ids import uuid7
from preuves.extensions import db
from preuves.records.catalogue import RECORD_TYPES
from preuves.sync.models import SyncConflict, SyncMutation

PUSH, PULL = "/api/v1/sync/push", "/api/v1/sync/pull"


def put(type_name: str, record: dict[str, Any], base_rev: int | None = None) -> dict[str, Any]:
    return {
        "mutation_id": str(uuid7()),
        "type": type_name,
        "op": "put",
        "record": record,
        "base_rev": base_rev,
    }


def delete(type_name: str, record_id: Any, base_rev: int | None = None) -> dict[str, Any]:
    return {
        "mutation_id": str(uuid7()),
        "type": type_name,
        "op": "delete",
        "id": str(record_id),
        "base_rev": base_rev,
    }


def push(client, token: str, mutations: list[dict[str, Any]], status: int = 200) -> Any:
    response = client.post(PUSH, json={"mutations": mutations}, headers=auth(token))
    assert response.status_code == status, response.json
    return response.json


def results(client, token: str, mutations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return push(client, token, mutations)["results"]


def pull_all(client, token: str, cursor: str | None = None, limit: int = 500):
    """Every page until `more` is false: (changes, evict, cursor)."""
    changes, evict = [], []
    while True:
        query = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        response = client.get(PULL, query_string=query, headers=auth(token))
        assert response.status_code == 200, response.json
        changes += response.json["changes"]
        evict += response.json["evict"]
        cursor = response.json["cursor"]
        if not response.json["more"]:
            return changes, evict, cursor


def ids(changes: list[dict[str, Any]], type_name: str | None = None) -> set[str]:
    return {c["record"]["id"] for c in changes if type_name in (None, c["type"])}


def snapshot() -> dict[str, Any]:
    """Every synced row (sync columns included) and the sync engine's own rows."""
    db.session.expire_all()
    state: dict[str, Any] = {}
    for name, kind in RECORD_TYPES.items():
        rows = db.session.execute(select(kind.model.__table__)).mappings().all()
        state[name] = sorted((dict(r) for r in rows), key=lambda r: str(r["id"]))
    for model in (SyncMutation, SyncConflict):
        state[model.__tablename__] = db.session.scalars(select(model.__table__.c[0])).all()
    return state


class Replica:
    """What a device holds after applying pulled pages, as the protocol says it must."""

    def __init__(self) -> None:
        self.records: dict[tuple[str, str], dict[str, Any]] = {}
        self.cursor: str | None = None

    def sync(self, client, token: str, limit: int = 500) -> None:
        changes, evict, self.cursor = pull_all(client, token, self.cursor, limit)
        for change in changes:
            self.records[(change["type"], change["record"]["id"])] = change["record"]
        for gone in evict:
            self.records.pop((gone["type"], gone["id"]), None)
            if gone["type"] == "dossier":  # the dossier and every record in it
                self.records = {
                    key: record
                    for key, record in self.records.items()
                    if record.get("dossier_id") != gone["id"]
                }

    def held(self) -> set[tuple[str, str]]:
        return set(self.records)
