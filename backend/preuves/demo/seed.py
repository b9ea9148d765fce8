"""Load the demo world written by the project (demo/data/people.json) into the database.

An operator command: rows are written through the models, with their sync fields set,
not through the record API. Ids come from the file's keys (uuid5), so loading twice
adds nothing the second time.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from preuves.core.models import utcnow
from preuves.demo.portraits import portrait_png
from preuves.extensions import db
from preuves.frameworks.importer import child_id, import_framework, version_id_for
from preuves.frameworks.models import FrameworkVersion
from preuves.media import blobs
from preuves.people.models import Guardianship, Membership, Person
from preuves.structures.models import Structure, Workshop

DATA_DIR = Path(__file__).parent / "data"
# Fixed forever: the demo's ids are the same on every installation.
DEMO_NAMESPACE = uuid.UUID("8a0c2f4e-3b7d-5e19-a6c4-d2f1e0b9c735")


def demo_id(kind: str, *keys: str) -> uuid.UUID:
    """The id of a demo row, from its kind and the keys of people.json."""
    return uuid.uuid5(DEMO_NAMESPACE, ":".join((kind, *keys)))


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def parse_instant(value: str) -> datetime:
    return datetime.fromisoformat(value)


class Seeder:
    """Adds the rows that are missing and counts them per table."""

    def __init__(self, world: dict[str, Any]) -> None:
        self.world = world
        self.added: Counter[str] = Counter()

    def add(self, row: Any) -> Any:
        """Add a synced row unless its id is already there."""
        existing = db.session.get(type(row), row.id)
        if existing is not None:
            return existing
        row.rev, row.deleted, row.changed_at, row.changed_by_id = 1, False, utcnow(), None
        db.session.add(row)
        self.added[row.__tablename__] += 1
        return row

    def competency_id(self, slug: str, version: str, key: str) -> uuid.UUID:
        """A competency of a shipped framework, by its key."""
        return child_id(version_id_for(None, slug, version), "competency", key)

    def frameworks(self) -> None:
        for entry in self.world["frameworks"]:
            version_id = version_id_for(None, entry["slug"], entry["version"])
            if db.session.get(FrameworkVersion, version_id) is None:
                document = json.loads((DATA_DIR / entry["file"]).read_text(encoding="utf-8"))
                import_framework(document, None, "published")
                self.added["framework_version"] += 1

    def structures(self) -> None:
        for item in self.world["structures"]:
            self.add(
                Structure(
                    id=demo_id("structure", item["key"]),
                    name=item["name"],
                    kind=item["kind"],
                    city=item.get("city"),
                    settings={},
                )
            )
            for workshop in item["workshops"]:
                self.add(
                    Workshop(
                        id=demo_id("workshop", item["key"], workshop["key"]),
                        structure_id=demo_id("structure", item["key"]),
                        name=workshop["name"],
                    )
                )

    def people(self) -> None:
        for item in self.world["people"]:
            portrait = blobs.put_bytes(portrait_png(item["key"])) if item["portrait"] else None
            self.add(
                Person(
                    id=demo_id("person", item["key"]),
                    given_name=item["given_name"],
                    family_name=item["family_name"],
                    email=item["email"],
                    birth_date=parse_date(item["birth_date"]),
                    protected_adult=item["protected_adult"],
                    job_title=item["job_title"],
                    organisation=item["organisation"],
                    portrait_sha256=portrait,
                    locale="fr",
                )
            )
            db.session.flush()  # memberships refer to the person
            for role in item["roles"]:
                self.membership(item["key"], role)
        for item in self.world["guardianships"]:
            self.add(
                Guardianship(
                    id=demo_id("guardianship", item["guardian"], item["ward"]),
                    guardian_id=demo_id("person", item["guardian"]),
                    ward_id=demo_id("person", item["ward"]),
                    kind=item["kind"],
                )
            )

    def membership(self, person_key: str, role: dict[str, Any]) -> None:
        workshop = role.get("workshop")
        self.add(
            Membership(
                id=demo_id("membership", person_key, role["structure"], role["role"]),
                person_id=demo_id("person", person_key),
                structure_id=demo_id("structure", role["structure"]),
                role=role["role"],
                workshop_id=demo_id("workshop", role["structure"], workshop) if workshop else None,
            )
        )


def seed_demo(if_empty: bool = False) -> dict[str, int] | None:
    """Load the demo world and commit; None when `if_empty` and people already exist."""
    from preuves.demo.seed_dossiers import seed_dossiers, seed_jury_sessions

    if if_empty and db.session.scalar(select(Person.id).limit(1)) is not None:
        return None
    world = json.loads((DATA_DIR / "people.json").read_text(encoding="utf-8"))
    seeder = Seeder(world)
    seeder.frameworks()
    seeder.structures()
    db.session.flush()
    seeder.people()
    db.session.flush()
    seed_dossiers(seeder)
    seed_jury_sessions(seeder)
    db.session.commit()
    return dict(seeder.added)
