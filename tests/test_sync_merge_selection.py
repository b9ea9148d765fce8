"""A dossier's selection merges per competency: two support workers choosing evidence for
different competencies offline both keep their choice; the same list changed on both sides
is a conflict, kept and resolvable (docs/sync-protocol.md, docs/review.md)."""

from __future__ import annotations

import pytest

from factories import (
    add_dossier_member,
    auth,
    create_evidence,
    create_person,
    token_for,
)
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.people.models import Person
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import to_json
from preuves.structures.models import Structure
from preuves.sync.merge import merge_keys
from sync_helpers import put, results
from worlds import build_world

CONFLICTS = "/api/v1/sync/conflicts"


@pytest.fixture
def world(app):
    """World A, three more evidence in its dossier, and a second support worker on it."""
    world = build_world("A")
    dossier = db.session.get(Dossier, world.ids["dossier"])
    candidate = db.session.get(Person, world.ids["candidate_person"])
    extra = [create_evidence(dossier, candidate, f"Preuve {n}.").id for n in range(3)]
    structure = db.session.get(Structure, world.ids["structure"])
    second = create_person("Monitrice", "B", roles={structure: ["support_worker"]})
    add_dossier_member(dossier, second)
    db.session.commit()
    world.ids["evidence_ids"] = [str(world.ids["evidence"]), *map(str, extra)]
    world.tokens["second_worker"] = token_for(second)
    return world


def dossier_json(world) -> dict:
    db.session.expire_all()
    record = to_json(RECORD_TYPES["dossier"], db.session.get(Dossier, world.ids["dossier"]))
    return {k: v for k, v in record.items() if k not in ("rev", "changed_at", "changed_by")}


def competencies(world) -> list[str]:
    return [str(c) for c in world.ids["competencies"]]


def test_merge_keys_takes_each_sides_own_keys():
    base = {"a": ["1"], "b": ["2"]}
    merged, clashes = merge_keys(
        base, {"a": ["1", "3"], "b": ["2"]}, {"a": ["1"], "b": ["2"], "c": ["4"]}
    )
    assert clashes == [] and merged == {"a": ["1", "3"], "b": ["2"], "c": ["4"]}


def test_merge_keys_removes_a_key_the_client_emptied():
    merged, clashes = merge_keys(
        {"a": ["1"], "b": ["2"]}, {"a": ["1"], "b": ["2", "3"]}, {"b": ["2"]}
    )
    assert clashes == [] and merged == {"b": ["2", "3"]}
    merged, _ = merge_keys({"a": ["1"]}, {"a": ["1"]}, {"a": []})
    assert merged == {}


def test_merge_keys_same_change_on_both_sides_is_no_clash():
    merged, clashes = merge_keys({}, {"a": ["1", "2"]}, {"a": ["1", "2"]})
    assert clashes == [] and merged == {"a": ["1", "2"]}


def test_merge_keys_order_changed_differently_is_a_clash():
    base = {"a": ["1", "2"], "b": ["3"]}
    _, clashes = merge_keys(base, {"a": ["2", "1"], "b": ["3"]}, {"a": ["1", "2", "4"], "b": []})
    assert clashes == ["a"]


def test_two_workers_choosing_for_different_competencies_both_survive(client, world):
    first, second = competencies(world)[:2]
    evidence = world.ids["evidence_ids"]
    base = dossier_json(world)
    mine = base | {"selection": {first: [evidence[1], evidence[0]]}}
    theirs = base | {"selection": {second: [evidence[2]]}}
    [one] = results(client, world.tokens["support_worker"], [put("dossier", mine, 1)])
    [two] = results(client, world.tokens["second_worker"], [put("dossier", theirs, 1)])
    assert one["status"] == "applied" and two["status"] == "merged", two
    assert two["merged_fields"] == ["selection"] and two["rev"] == 3
    expected = {first: [evidence[1], evidence[0]], second: [evidence[2]]}
    assert two["record"]["selection"] == expected
    assert dossier_json(world)["selection"] == expected


def test_other_fields_still_merge_beside_the_selection(client, world):
    first = competencies(world)[0]
    evidence = world.ids["evidence_ids"]
    base = dossier_json(world)
    results(client, world.tokens["support_worker"], [put("dossier", base | {"title": "T"}, 1)])
    chosen = base | {"selection": {first: [evidence[0]]}}
    [result] = results(client, world.tokens["second_worker"], [put("dossier", chosen, 1)])
    assert result["status"] == "merged" and result["record"]["title"] == "T"
    assert result["record"]["selection"] == {first: [evidence[0]]}


def test_the_same_competency_changed_on_both_sides_is_kept_and_resolvable(client, world):
    first, second = competencies(world)[:2]
    evidence = world.ids["evidence_ids"]
    start = dossier_json(world) | {"selection": {first: [evidence[0], evidence[1]]}}
    results(client, world.tokens["support_worker"], [put("dossier", start, 1)])
    base = dossier_json(world)
    reordered = base | {"selection": {first: [evidence[1], evidence[0]]}}
    extended = base | {"selection": {first: [evidence[0], evidence[1], evidence[2]], second: []}}
    results(client, world.tokens["support_worker"], [put("dossier", reordered, 2)])
    [clash] = results(client, world.tokens["second_worker"], [put("dossier", extended, 2)])
    assert clash["status"] == "conflict" and clash["fields"] == ["selection"]
    assert dossier_json(world)["selection"] == {first: [evidence[1], evidence[0]]}

    headers = auth(world.tokens["second_worker"])
    listed = client.get(CONFLICTS, query_string={"dossier_id": base["id"]}, headers=headers)
    [conflict] = listed.json["conflicts"]
    assert conflict["mine"]["selection"][first] == [evidence[0], evidence[1], evidence[2]]
    assert conflict["theirs"]["selection"][first] == [evidence[1], evidence[0]]
    chosen = dossier_json(world) | {"selection": {first: [evidence[1], evidence[0], evidence[2]]}}
    url = f"{CONFLICTS}/{conflict['id']}/resolve"
    resolved = client.post(url, json={"record": chosen}, headers=headers)
    assert resolved.status_code == 200, resolved.json
    assert dossier_json(world)["selection"] == {first: [evidence[1], evidence[0], evidence[2]]}
