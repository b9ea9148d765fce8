"""`preuves export-person` and `preuves erase-person`: GDPR access and erasure."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask.cli import with_appcontext

from preuves.core.errors import Problem
from preuves.extensions import db


@contextmanager
def reported() -> Iterator[None]:
    """Turn a Problem into a plain error message and exit code 1, after a rollback."""
    try:
        yield
    except Problem as problem:
        db.session.rollback()
        lines = [f"{problem.title} ({problem.detail})"]
        errors = problem.extra.get("errors", [])
        if isinstance(errors, list):
            lines += [f"  {e.get('pointer') or '/'}: {e.get('message')}" for e in errors]
        elif errors:
            lines.append(f"  {errors}")
        raise click.ClickException("\n".join(lines)) from None


def _one_person(email: str | None, person_id: uuid.UUID | None) -> dict[str, object]:
    if (email is None) == (person_id is None):
        raise click.UsageError("Give --email or --person-id (one of them).")
    return {"email": email, "person_id": person_id}


@click.command("export-person")
@click.option("--email", default=None)
@click.option("--person-id", type=click.UUID, default=None)
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The zip file to write.",
)
@with_appcontext
def export_person_command(email: str | None, person_id: uuid.UUID | None, output: Path) -> None:
    """Write a zip of everything about one person (GDPR access request)."""
    from preuves.people.export import export_person
    from preuves.people.gdpr import find_person

    with reported():
        person = find_person(**_one_person(email, person_id))
        counts = export_person(person.id, output)
        db.session.commit()  # the audit event of the export
    click.echo(
        f"Export écrit (export written): {output}: {counts['records']} records, "
        f"{counts['audit_events']} audit events, {counts['blobs']} files"
        + (f", {counts['missing_blobs']} missing files." if counts["missing_blobs"] else ".")
    )


@click.command("erase-person")
@click.option("--email", default=None)
@click.option("--person-id", type=click.UUID, default=None)
@click.option("--yes", is_flag=True, help="Confirm: erasure cannot be undone.")
@with_appcontext
def erase_person_command(email: str | None, person_id: uuid.UUID | None, yes: bool) -> None:
    """Erase one person (GDPR erasure); the audit trail keeps only non-personal facts."""
    from preuves.people.erasure import erase_person

    who = _one_person(email, person_id)
    if not yes:
        raise click.ClickException(
            "L'effacement est définitif : ajoutez --yes pour confirmer "
            "(erasure cannot be undone: add --yes to confirm)."
        )
    with reported():
        counts = erase_person(**who)
    done = ", ".join(f"{name} {count}" for name, count in counts.items() if count)
    click.echo(f"Personne effacée (person erased). {done}.")


COMMANDS = (export_person_command, erase_person_command)
