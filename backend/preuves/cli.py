"""The `preuves` console script: administer the server from a shell.

It is Flask's own command line for `create_app`, so every command runs inside the app
(same configuration as the server) and Flask-Migrate's commands come along as
`preuves db upgrade`, `preuves db current`...
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import click
import flask_migrate
from flask import current_app
from flask.cli import FlaskGroup, routes_command, shell_command
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from preuves import cli_people, create_app
from preuves.audit.operations import record_event
from preuves.cli_people import reported
from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.core.vocab import STRUCTURE_KINDS
from preuves.extensions import db
from preuves.identity.tokens import issue_token, revoke_tokens
from preuves.media.cleanup import media_cleanup
from preuves.media.derivatives.cli import media_worker
from preuves.people.operations import find_person_by_email
from preuves.structures.models import Structure
from preuves.sync.cli import sync_purge

# No `run`: Preuves is served by gunicorn (`make run`), never by Flask's debug server.
cli = FlaskGroup(
    name="preuves",
    create_app=create_app,
    add_default_commands=False,
    help="Administrer Preuves (administer the Preuves server).",
)
cli.add_command(shell_command)
cli.add_command(routes_command)
for _command in cli_people.COMMANDS:
    cli.add_command(_command)
cli.add_command(media_worker)
cli.add_command(media_cleanup)
cli.add_command(sync_purge)


def main() -> None:
    """Entry point of the `preuves` console script."""
    cli.main(prog_name="preuves")


@cli.command("init-db")
def init_db() -> None:
    """Create the database or migrate it to the latest schema (Alembic)."""
    versions = Path(current_app.extensions["migrate"].directory) / "versions"
    if not any(versions.glob("*.py")):
        # Only until the first migration is generated: a database made this way must be
        # recreated (or stamped) once migrations exist.
        click.echo(
            "Attention : aucune migration Alembic, tables créées avec create_all "
            "(warning: no Alembic revision yet; tables made by create_all).",
            err=True,
        )
        db.create_all()
    else:
        _refuse_unversioned()
        flask_migrate.upgrade()
    click.echo("Base de données prête (database ready).")


def _refuse_unversioned() -> None:
    """A database made by create_all has no Alembic version: upgrading it would fail."""
    tables = set(inspect(db.engine).get_table_names())
    if "person" in tables and "alembic_version" not in tables:
        raise click.ClickException(
            "La base a été créée sans migrations (the database was created without Alembic). "
            "Sauvegardez-la puis recréez-la, ou marquez-la avec `preuves db stamp REVISION` "
            "(back it up and recreate it, or stamp it)."
        )


@cli.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing if any person exists.")
def seed_demo_command(if_empty: bool) -> None:
    """Load the demo structures, people, frameworks and dossiers."""
    from preuves.demo.seed import seed_demo

    if not inspect(db.engine).has_table("person"):
        raise click.ClickException(
            "Pas encore de base : lancez d'abord `preuves init-db` "
            "(no database yet: run `preuves init-db` first)."
        )
    try:
        with reported():
            added = seed_demo(if_empty=if_empty)
    except IntegrityError as error:
        db.session.rollback()
        raise click.ClickException(
            "La démo entre en conflit avec des données déjà là, par exemple une même adresse "
            f"e-mail (the demo clashes with existing data): {error.orig}"
        ) from None
    if added is None:
        click.echo(
            "La base contient déjà des personnes : rien à faire "
            "(the database already holds people; nothing done)."
        )
        return
    summary = ", ".join(f"{count} {table}" for table, count in sorted(added.items()))
    click.echo(f"Démo chargée (demo loaded): {summary or 'rien de nouveau (nothing new)'}.")


@cli.command("create-structure")
@click.option("--name", required=True, help="Name, e.g. 'ESAT Les Ateliers du Val'.")
@click.option("--kind", required=True, type=click.Choice(STRUCTURE_KINDS))
@click.option("--city", default=None)
def create_structure(name: str, kind: str, city: str | None) -> None:
    """Create a structure (ESAT, EA, IME, IAE, organisme valideur); prints its id."""
    if not name.strip():
        raise click.BadParameter("the name may not be blank", param_hint="--name")
    structure = Structure(
        id=uuid7(),
        name=name.strip(),
        kind=kind,
        city=city,
        settings={},
        rev=1,
        deleted=False,
        changed_at=utcnow(),
    )
    db.session.add(structure)
    db.session.flush()
    record_event("create", None, "operator", record_type="structure", record_id=structure.id)
    db.session.commit()
    click.echo(structure.id)


@cli.command("issue-token")
@click.option("--email", required=True)
@click.option(
    "--days",
    type=click.IntRange(1, 3650),
    default=None,
    help="Days before it expires (default: TOKEN_DAYS, 90).",
)
@click.option("--label", default="preuves issue-token", help="What the token is for.")
def issue_token_command(email: str, days: int | None, label: str) -> None:
    """Issue an API token; the token is printed alone on the last line."""
    person = find_person_by_email(email)
    if person is None or person.deleted:
        raise click.ClickException(
            f"Aucune personne avec l'adresse {email} (no person with this e-mail)."
        )
    days = days or current_app.config["TOKEN_DAYS"]
    token = issue_token(person.id, days=days, label=label)
    record_event("issue_token", None, "operator", record_type="person", subject_id=person.id)
    db.session.commit()
    click.echo(
        f"Jeton pour {person.given_name} {person.family_name}, valable {days} jours "
        "(bearer token, shown once):"
    )
    click.echo(token)


@cli.command("revoke-tokens")
@click.option("--email", required=True)
def revoke_tokens_command(email: str) -> None:
    """Revoke every live API token of a person (a lost laptop, a person who left)."""
    person = find_person_by_email(email)
    if person is None:
        raise click.ClickException(
            f"Aucune personne avec l'adresse {email} (no person with this e-mail)."
        )
    revoked = revoke_tokens(person.id)
    record_event("revoke_tokens", None, "operator", record_type="person", subject_id=person.id)
    db.session.commit()
    click.echo(f"{revoked} jeton(s) révoqué(s) (tokens revoked).")


@cli.command("import-framework")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--structure",
    "structure_id",
    type=click.UUID,
    default=None,
    help="Owner structure; without it, a framework shipped to every structure.",
)
@click.option("--publish", is_flag=True, help="Publish at once (default: draft).")
@click.option(
    "--media",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A photo or recording the file refers to by its SHA-256 (repeatable).",
)
def import_framework_command(
    file: Path, structure_id: uuid.UUID | None, publish: bool, media: tuple[Path, ...]
) -> None:
    """Import a framework file (shared_schemas/framework.schema.json)."""
    from preuves.frameworks.importer import import_framework
    from preuves.media import blobs

    for path in media:
        blobs.put_bytes(path.read_bytes())

    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"Ce fichier n'est pas du JSON (not JSON): {error}") from None
    with reported():
        version = import_framework(document, structure_id, "published" if publish else "draft")
        db.session.commit()
    competencies = sum(len(block.competencies) for block in version.blocks)
    click.echo(
        f"Référentiel importé (framework imported): {version.slug} {version.version}, "
        f"{len(version.blocks)} blocs, {competencies} compétences, {version.status}."
    )
    click.echo(version.id)
