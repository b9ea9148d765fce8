"""Scope changes: what becomes visible arrives whole, what stops being visible is evicted."""

from __future__ import annotations

import pytest

from factories import create_evidence, pair_structures
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.people.models import Person
from sync_helpers import Replica, delete, put, results
from test_sync_pull import readable
from worlds import build_world, fresh_record


@pytest.fixture
def world(app):
    return build_world("A")


def assert_holds_what_it_may_read(replica: Replica, person_id) -> None:
    db.session.expire_all()
    assert replica.held() == readable(person_id)


def test_a_dossier_assigned_to_a_jury_arrives_whole_and_leaves_whole(client, world):
    jury = Replica()
    jury.sync(client, world.tokens["jury"])
    spare = str(world.ids["spare_dossier"])
    assert ("dossier", spare) not in jury.held()
    # Written before the assignment: older than the jury's cursor, so only a backfill brings it.
    dossier = db.session.get(Dossier, world.ids["spare_dossier"])
    evidence = create_evidence(dossier, db.session.get(Person, world.ids["candidate_person"]))
    db.session.commit()
    _, assignment = fresh_record("jury_assignment", world)
    [made] = results(client, world.tokens["lead"], [put("jury_assignment", assignment)])
    assert made["status"] == "applied"
    jury.sync(client, world.tokens["jury"], limit=3)
    assert ("dossier", spare) in jury.held() and ("evidence", str(evidence.id)) in jury.held()
    assert_holds_what_it_may_read(jury, world.ids["jury_person"])
    [gone] = results(client, world.tokens["lead"], [delete("jury_assignment", assignment["id"], 1)])
    assert gone["status"] == "applied"
    jury.sync(client, world.tokens["jury"])
    assert ("dossier", spare) not in jury.held()
    assert ("evidence", str(evidence.id)) not in jury.held()
    assert_holds_what_it_may_read(jury, world.ids["jury_person"])


def test_a_new_role_brings_the_structure_and_losing_it_evicts_it(client, world):
    guardian = Replica()
    guardian.sync(client, world.tokens["guardian"])
    structure = ("structure", str(world.ids["structure"]))
    assert structure not in guardian.held()
    _, membership = fresh_record("membership", world)  # the guardian joins as support worker
    results(client, world.tokens["lead"], [put("membership", membership)])
    guardian.sync(client, world.tokens["guardian"])
    assert structure in guardian.held()
    assert ("person", str(world.ids["lead_person"])) in guardian.held()
    assert_holds_what_it_may_read(guardian, world.ids["guardian_person"])
    results(client, world.tokens["lead"], [delete("membership", membership["id"], 1)])
    guardian.sync(client, world.tokens["guardian"])
    assert structure not in guardian.held()
    assert_holds_what_it_may_read(guardian, world.ids["guardian_person"])


def test_a_support_worker_added_to_a_dossier_gets_it_on_the_next_pull(client, world):
    lead = world.tokens["lead"]
    _, member = fresh_record("dossier_member", world)
    other = build_world("B")  # someone with no tie to world A's dossier yet
    # An evaluator from another structure needs an RSFP pairing of the two on that trade.
    pair_structures(
        world.ids["structure"], other.ids["structure"], "cuisine-a", world.ids["lead_person"]
    )
    db.session.commit()
    outsider = Replica()
    outsider.sync(client, other.tokens["support_worker"])
    member |= {"person_id": str(other.ids["support_worker_person"]), "role": "evaluator"}
    [added] = results(client, lead, [put("dossier_member", member)])
    assert added["status"] == "applied", added
    outsider.sync(client, other.tokens["support_worker"])
    assert ("dossier", str(world.ids["dossier"])) in outsider.held()
    assert_holds_what_it_may_read(outsider, other.ids["support_worker_person"])
