"""SQL visibility (policy.visibility) equals policy.may(read), for every type and person."""

from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import select

from factories import create_framework, create_person
from preuves import policy
from preuves.core.ids import uuid7
from preuves.extensions import db
from preuves.identity.principal import principal_for
from preuves.people.models import Person
from preuves.policy.visibility import visible
from preuves.records.catalogue import RECORD_TYPES
from preuves.structures.models import Structure
from sync_helpers import put, results
from worlds import build_world, fresh_record

ROLES = ("lead", "support_worker", "candidate", "guardian", "jury")


@pytest.fixture
def people(app, client):
    a, b = build_world("A"), build_world("B")
    for world in (a, b):  # one more record of every type, written through sync
        for kind in sorted(set(RECORD_TYPES) - {"structure"}):
            writer, record = fresh_record(kind, world)
            [result] = results(client, world.tokens[writer], [put(kind, record)])
            assert result["status"] == "applied", result
    # Edge cases the worlds lack: a product framework, a person someone created, a loner.
    loner = create_person("Seule", "Personne")
    created = Person(id=uuid7(), given_name="Créée", family_name="Par", locale="fr", rev=1)
    created.changed_by_id = a.ids["lead_person"]
    db.session.add(created)
    create_framework(None, slug="produit")
    db.session.add(Structure(id=uuid7(), name="Vide", kind="esat", settings={}, rev=1))
    db.session.commit()
    return [w.ids[f"{role}_person"] for w in (a, b) for role in ROLES] + [loner.id]


def test_sql_visibility_equals_the_policy_for_every_type_and_person(people):
    seen: dict[object, int] = {}
    for type_name, kind in sorted(RECORD_TYPES.items()):
        rows = db.session.scalars(select(kind.model)).all()
        assert rows, f"no {type_name} in the worlds: the test would prove nothing"
        for person_id in people:
            g.pop("dossier_relations", None)
            principal = principal_for(person_id, "token")
            condition = visible(principal, type_name, kind.model)
            in_sql = set(db.session.scalars(select(kind.model.id).where(condition)))
            by_policy = {r.id for r in rows if policy.may(principal, "read", type_name, r)}
            assert in_sql == by_policy, (type_name, person_id)
            seen[person_id] = seen.get(person_id, 0) + len(in_sql)
    # Meaningful: people see different amounts, nobody sees everything (B's or the loner's).
    assert len(set(seen.values())) > 3
    assert max(seen.values()) < sum(
        db.session.query(k.model).count() for k in RECORD_TYPES.values()
    )
