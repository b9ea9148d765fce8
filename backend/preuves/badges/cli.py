"""`preuves badges rotate-key`: give a structure a new signing key (docs/badges.md)."""

from __future__ import annotations

import uuid

import click

from preuves.audit.operations import record_event
from preuves.badges import keys
from preuves.extensions import db
from preuves.structures.models import Structure


@click.command("rotate-key")
@click.argument("structure_id", type=click.UUID)
def rotate_key_command(structure_id: uuid.UUID) -> None:
    """Retire the structure's signing key (still published) and make a new one."""
    if db.session.get(Structure, structure_id) is None:
        raise click.ClickException(f"No structure {structure_id}.")
    new = keys.rotate(structure_id)
    record_event("rotate_badge_key", None, "operator", record_type="structure",
                 record_id=structure_id, detail={"key_id": str(new.id)})  # fmt: skip
    db.session.commit()
    click.echo(f"New key {new.id}; {len(keys.keys_of(structure_id)) - 1} older key(s) kept.")
