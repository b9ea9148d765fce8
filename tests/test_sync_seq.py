"""Sequence numbers are taken inside the transaction, in commit order: a pull between two
concurrent commits can never skip one (docs/sync-protocol.md, "Records, revisions and order")."""

from __future__ import annotations

import os
import threading

import pytest
from sqlalchemy.orm import Session

from factories import create_workshop
from preuves.extensions import db
from preuves.structures.models import Structure, Workshop
from preuves.sync import seq
from sync_helpers import ids, pull_all
from worlds import build_world

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL only: SQLite lets one writer at a time in, so commits cannot interleave",
)


@pytest.fixture
def world(app):
    return build_world("A")


def rename(session: Session, workshop_id, name: str) -> Workshop:
    row = session.get(Workshop, workshop_id)
    row.name, row.rev = name, row.rev + 1
    return row


def test_a_later_transaction_waits_for_the_earlier_ones_commit(app, client, world):
    structure = db.session.get(Structure, world.ids["structure"])
    second_id = create_workshop(structure, "Plonge").id
    db.session.commit()
    token = world.tokens["lead"]
    cursor = pull_all(client, token)[2]

    first = Session(db.engine, expire_on_commit=False)
    rename(first, world.ids["workshop"], "Cuisine 1")
    seq.stamp_pending(first)  # T1 holds its number (and the clock's lock) until commit

    def later() -> None:
        with app.app_context(), Session(db.engine) as second:
            rename(second, second_id, "Plonge 2")
            second.commit()  # must wait: T1 took the clock first

    thread = threading.Thread(target=later)
    thread.start()
    thread.join(0.5)
    assert thread.is_alive(), "T2 committed while T1, which took its number first, had not"
    assert pull_all(client, token, cursor)[0] == []  # a pull in between sees neither
    first.commit()
    first.close()
    thread.join(10)
    assert not thread.is_alive()
    changes, _evict, _cursor = pull_all(client, token, cursor)
    assert [c["record"]["name"] for c in changes] == ["Cuisine 1", "Plonge 2"]
    db.session.expire_all()
    assert (
        db.session.get(Workshop, world.ids["workshop"]).seq
        < db.session.get(Workshop, second_id).seq
    )
    assert ids(changes) == {str(world.ids["workshop"]), str(second_id)}


def test_a_pull_between_the_two_commits_misses_nothing(app, client, world):
    structure = db.session.get(Structure, world.ids["structure"])
    second_id = create_workshop(structure, "Plonge").id
    db.session.commit()
    token = world.tokens["lead"]
    cursor = pull_all(client, token)[2]
    first = Session(db.engine, expire_on_commit=False)
    rename(first, world.ids["workshop"], "Cuisine 1")
    seq.stamp_pending(first)
    done = threading.Event()

    def later() -> None:
        with app.app_context(), Session(db.engine) as second:
            rename(second, second_id, "Plonge 2")
            second.commit()
        done.set()

    thread = threading.Thread(target=later)
    thread.start()
    first.commit()
    first.close()
    seen, _evict, cursor = pull_all(client, token, cursor)  # T2 may or may not be in yet
    thread.join(10)
    rest, _evict, _cursor = pull_all(client, token, cursor)
    names = [c["record"]["name"] for c in seen + rest]
    assert names == ["Cuisine 1", "Plonge 2"], names


def test_the_same_batch_sent_twice_at_once_applies_once(app, world):
    from factories import auth
    from sync_helpers import PUSH, put
    from worlds import fresh_record

    batch = {"mutations": [put("workshop", fresh_record("workshop", world)[1]) for _ in range(20)]}
    answers: list = []

    def send() -> None:
        response = app.test_client().post(PUSH, json=batch, headers=auth(world.tokens["lead"]))
        answers.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [status for status, _ in answers] == [200, 200], answers
    first, second = (body["results"] for _, body in answers)
    assert [r["status"] for r in first] == ["applied"] * 20
    assert [(r["status"], r["rev"]) for r in first] == [(r["status"], r["rev"]) for r in second]
