"""`preuves invite` (a one-time passkey link), `preuves export-person` and
`preuves erase-person` (GDPR access and erasure)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from preuves.core.errors import Problem
from preuves.core.vocab import ROLES
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


def _base_url(given: str | None) -> str:
    configured = current_app.config.get("WEBAUTHN_ORIGINS") or ["http://localhost:8000"]
    return (given or configured[0]).rstrip("/")


@click.command("invite")
@click.option("--email", required=True)
@click.option("--given-name", default="", help="Needed when the person is new.")
@click.option("--family-name", default="", help="Needed when the person is new.")
@click.option("--structure", "structure_id", required=True, type=click.UUID)
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--workshop", "workshop_id", default=None, type=click.UUID)
@click.option("--base-url", default=None, help="The app's address (default: PREUVES_ORIGIN).")
@click.option(
    "--qr",
    "qr_path",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the link's QR code to this SVG file (to print).",
)
@with_appcontext
def invite_command(
    email: str,
    given_name: str,
    family_name: str,
    structure_id: uuid.UUID,
    role: str,
    workshop_id: uuid.UUID | None,
    base_url: str | None,
    qr_path: Path | None,
) -> None:
    """Bring a person into a structure with a role; prints their one-time passkey link."""
    from preuves.identity import invitations
    from preuves.people.operations import invite_person

    with reported():
        result = invite_person(email, given_name, family_name, structure_id, role, workshop_id)
        body = {"structure_id": str(structure_id), "role": role, "person_id": str(result.person.id)}
        invitation, token = invitations.create(body, None)
        db.session.commit()
    person = result.person
    created = (
        "Personne créée (person created)"
        if result.person_created
        else "Personne déjà connue (existing person)"
    )
    click.echo(f"{created}: {person.given_name} {person.family_name} <{person.email}>")
    held = "ajouté (added)." if result.membership_created else "déjà donné (already held)."
    click.echo(f"Rôle {role} {held}")
    url = invitations.link(_base_url(base_url), token)
    if qr_path is not None:
        qr_path.write_text(invitations.qr_svg(url), encoding="utf-8")
        click.echo(f"Code QR écrit (QR code written): {qr_path}")
    click.echo(
        "Lien d'invitation, à usage unique, valable jusqu'au "
        f"{invitation.expires_at:%Y-%m-%d %H:%M} UTC "
        "(one-time invitation link). Pour un script, plutôt (for a script): "
        f"preuves issue-token --email {person.email}"
    )
    click.echo(url)


COMMANDS = (invite_command, export_person_command, erase_person_command)
