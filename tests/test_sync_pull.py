"""Pull: pages in commit order, scoped by the policy, tombstones, cursors, horizon, gzip."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta

import pytest
from flask import g
from sqlalchemy import select

from factories import auth
from preuves import policy
from preuves.audit.models import AuditEvent
from preuves.cli import cli
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.principal import principal_for
from preuves.records.catalogue import RECORD_TYPES
from preuves.structures.models import Workshop
from sync_helpers import PULL, delete, ids, pull_all, put, results
from worlds import build_world, fresh_record


@pytest.fixture
def worlds(app):
    return build_world("A"), build_world("B")


def readable(person_id) -> set[tuple[str, str]]:
    """What policy.may(read) allows, one record at a time."""
    g.pop("dossier_relations", None)  # the app context outlives requests: drop its cache
    principal = principal_for(person_id, "token")
    allowed = set()
    for name, kind in RECORD_TYPES.items():
        for row in db.session.scalars(select(kind.model)):
            if policy.may(principal, "read", name, row):
                allowed.add((name, str(row.id)))
    return allowed


@pytest.mark.parametrize("role", ["lead", "support_worker", "candidate", "guardian", "jury"])
def test_a_first_pull_brings_exactly_what_the_policy_lets_one_read(client, worlds, role):
    a, _b = worlds
    changes, evict, _cursor = pull_all(client, a.tokens[role], limit=7)
    pulled = [(c["type"], c["record"]["id"]) for c in changes]
    assert len(pulled) == len(set(pulled))  # no page repeats another
    assert set(pulled) == readable(a.ids[f"{role}_person"])
    assert evict == []


def test_changes_come_in_commit_order(client, worlds):
    a, _b = worlds
    changes, _evict, _cursor = pull_all(client, a.tokens["lead"], limit=5)
    seqs = [
        db.session.get(RECORD_TYPES[c["type"]].model, _uuid(c["record"]["id"])).seq for c in changes
    ]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def _uuid(value):
    import uuid

    return uuid.UUID(value)


def test_a_pull_from_a_cursor_brings_only_what_changed_tombstones_included(client, worlds):
    a, _b = worlds
    token = a.tokens["lead"]
    _, _, cursor = pull_all(client, token)
    assert pull_all(client, token, cursor)[0] == []
    _, workshop = fresh_record("workshop", a)
    results(client, token, [put("workshop", workshop)])
    results(client, a.tokens["candidate"], [delete("evidence", a.ids["evidence"])])
    changes, _evict, cursor = pull_all(client, token, cursor)
    assert [(c["type"], c["record"]["id"]) for c in changes] == [
        ("workshop", workshop["id"]),
        ("evidence", str(a.ids["evidence"])),
    ]
    assert changes[1]["record"]["deleted"] is True
    assert "seq" not in changes[0]["record"]
    assert pull_all(client, token, cursor)[0] == []


def test_the_other_structure_sees_nothing_of_it(client, worlds):
    a, b = worlds
    _, cursor_b = pull_all(client, b.tokens["lead"])[0], pull_all(client, b.tokens["lead"])[2]
    _, workshop = fresh_record("workshop", a)
    results(client, a.tokens["lead"], [put("workshop", workshop)])
    assert pull_all(client, b.tokens["lead"], cursor_b)[0] == []


@pytest.mark.parametrize(
    "cursor",
    ["nonsense", "eyJzIjo5OTl9.forged", "", "a" * 5000],
    ids=["junk", "forged", "empty", "long"],
)
def test_a_bad_cursor_is_a_400(client, worlds, cursor):
    a, _b = worlds
    response = client.get(PULL, query_string={"cursor": cursor}, headers=auth(a.tokens["lead"]))
    if cursor == "":  # no cursor at all: a first sync
        assert response.status_code == 200
    else:
        assert response.status_code == 400 and response.json["code"] == "invalid_cursor"


def test_someone_elses_cursor_is_refused(client, worlds):
    a, _b = worlds
    cursor = pull_all(client, a.tokens["lead"])[2]
    response = client.get(PULL, query_string={"cursor": cursor}, headers=auth(a.tokens["jury"]))
    assert response.status_code == 400 and response.json["code"] == "invalid_cursor"


@pytest.mark.parametrize("limit", ["0", "1001", "x", "-1", "²"])
def test_a_bad_limit_is_a_400(client, worlds, limit):
    a, _b = worlds
    response = client.get(PULL, query_string={"limit": limit}, headers=auth(a.tokens["lead"]))
    assert response.status_code == 400 and response.json["code"] == "bad_request"


def test_pulls_need_a_token(client, worlds):
    assert client.get(PULL).status_code == 401


def test_purged_tombstones_make_older_cursors_resync(app, client, worlds):
    a, _b = worlds
    token = a.tokens["lead"]
    cursor = pull_all(client, token)[2]
    _, workshop = fresh_record("workshop", a)
    results(client, token, [put("workshop", workshop), delete("workshop", workshop["id"], 1)])
    stale_cursor = cursor
    row = db.session.get(Workshop, _uuid(workshop["id"]))
    row.changed_at = utcnow() - timedelta(days=400)
    db.session.commit()
    fresh_cursor = pull_all(client, token, cursor)[2]  # saw the tombstone before the purge
    outcome = app.test_cli_runner().invoke(cli, ["sync-purge", "--days", "180"])
    assert outcome.exit_code == 0 and "tombstones: 1" in outcome.output
    assert db.session.get(Workshop, _uuid(workshop["id"])) is None
    gone = client.get(PULL, query_string={"cursor": stale_cursor}, headers=auth(token))
    assert gone.status_code == 410 and gone.json["code"] == "resync_required"
    kept = client.get(PULL, query_string={"cursor": fresh_cursor}, headers=auth(token))
    assert kept.status_code == 200
    changes, _evict, new_cursor = pull_all(client, token)  # from scratch: fine again
    assert workshop["id"] not in ids(changes)
    assert (
        client.get(PULL, query_string={"cursor": new_cursor}, headers=auth(token)).status_code
        == 200
    )


def test_erasing_a_person_makes_every_cursor_resync(app, client, worlds):
    a, _b = worlds
    cursor = pull_all(client, a.tokens["lead"])[2]
    outcome = app.test_cli_runner().invoke(
        cli, ["erase-person", "--person-id", str(a.ids["guardian_person"]), "--yes"]
    )
    assert outcome.exit_code == 0, outcome.output
    gone = client.get(PULL, query_string={"cursor": cursor}, headers=auth(a.tokens["lead"]))
    assert gone.status_code == 410


def test_answers_are_gzipped_when_accepted(client, worlds):
    a, _b = worlds
    headers = auth(a.tokens["lead"]) | {"Accept-Encoding": "gzip"}
    response = client.get(PULL, headers=headers)
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    page = json.loads(gzip.decompress(response.data))
    plain = client.get(PULL, headers=auth(a.tokens["lead"]))
    assert "Content-Encoding" not in plain.headers
    assert [c["record"]["id"] for c in page["changes"]] == [
        c["record"]["id"] for c in plain.json["changes"]
    ]


def test_pulling_a_dossier_is_audited(client, worlds):
    a, _b = worlds
    pull_all(client, a.tokens["jury"])
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "sync_read")).all()
    assert {e.dossier_id for e in events} == {a.ids["dossier"]}
    assert {e.actor_id for e in events} == {a.ids["jury_person"]}


def test_every_write_path_stamps_a_sequence_number(app):
    """The demo seed writes through the ORM like the CLI does: every row gets its seq."""
    from sqlalchemy import func

    outcome = app.test_cli_runner().invoke(cli, ["seed-demo"])
    assert outcome.exit_code == 0, outcome.output
    for name, kind in RECORD_TYPES.items():
        unstamped = select(func.count()).select_from(kind.model).where(kind.model.seq == 0)
        assert db.session.scalar(unstamped) == 0, name
