"""The `preuves` console script: every command, through Flask's CLI runner."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, inspect, select

from factories import auth, create_structure
from preuves.cli import cli, main
from preuves.core.jsonschemas import validate
from preuves.core.vocab import SCHEME_STEPS
from preuves.demo.seed import demo_id
from preuves.dossiers.models import Dossier
from preuves.evidence.models import Evidence
from preuves.extensions import db
from preuves.frameworks.models import FrameworkVersion
from preuves.identity.models import ApiToken
from preuves.media import blobs
from preuves.people.models import Membership, Person
from preuves.positionings.models import Positioning
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import to_json
from preuves.structures.models import Structure

README_PEOPLE = {
    "claire-martin": "claire.martin@ateliers-du-val.example",
    "karim-benali": "karim.benali@ateliers-du-val.example",
    "sophie-leroy": "sophie.leroy@ime-tilleuls.example",
    "lea-durand": "lea.durand@ateliers-du-val.example",
    "mehdi-haddad": None,
    "jade-moreau": None,
    "tom-petit": None,
    "nadia-moreau": "nadia.moreau@famille.example",
    "paul-girard": "paul.girard@restaurant-le-marche.example",
    "aicha-diallo": "aicha.diallo@reseau-reconnaissance-sud.example",
}


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args))

    return invoke


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_console_script_lists_its_commands(monkeypatch, capsys):
    monkeypatch.setattr("sys.argv", ["preuves", "--help"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    listed = capsys.readouterr().out
    for command in (
        "init-db",
        "seed-demo",
        "create-structure",
        "invite",
        "issue-token",
        "export-person",
        "erase-person",
        "import-framework",
        "db",
    ):
        assert f"  {command} " in listed
    assert "  run " not in listed  # served by gunicorn, never by Flask's debug server


def test_init_db_creates_the_schema_and_is_idempotent(app, run):
    db.drop_all()
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    try:
        for _ in range(2):
            result = run("init-db")
            assert result.exit_code == 0, result.output
        assert {"person", "dossier", "audit_event"} <= set(inspect(db.engine).get_table_names())
    finally:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def test_seed_demo_loads_the_people_of_the_readme(app, run):
    result = run("seed-demo")
    assert result.exit_code == 0, result.output
    assert "10 person" in result.output
    assert (count(Person), count(Structure), count(FrameworkVersion)) == (10, 3, 2)
    for key, email in README_PEOPLE.items():
        person = db.session.get(Person, demo_id("person", key))
        assert person.email == email
        is_candidate = (
            db.session.scalar(
                select(Membership.id).where(
                    Membership.person_id == person.id, Membership.role == "candidate"
                )
            )
            is not None
        )
        assert (person.portrait_sha256 is not None) == is_candidate
        if is_candidate:
            with blobs.open_blob(person.portrait_sha256) as portrait:
                assert portrait.read(8) == b"\x89PNG\r\n\x1a\n"
    assert {v.slug for v in db.session.scalars(select(FrameworkVersion))} == {
        "rectec",
        "aide-de-cuisine",
    }
    assert all(
        v.structure_id is None and v.status == "published"
        for v in db.session.scalars(select(FrameworkVersion))
    )


def test_seeded_records_have_the_shared_shapes(app, run):
    run("seed-demo")
    for name, record_type in RECORD_TYPES.items():
        rows = db.session.scalars(select(record_type.model)).all()
        assert rows or name in ("annotation", "testimony", "journal_entry", "decision"), name
        for row in rows:
            validate(app.config["SCHEMAS_DIR"], record_type.schema_name, to_json(record_type, row))


def test_seeded_dossiers_walk_their_scheme(app, run):
    run("seed-demo")
    for dossier in db.session.scalars(select(Dossier)):
        assert [step["key"] for step in dossier.steps] == list(SCHEME_STEPS[dossier.scheme])
        assert dossier.steps[0]["done_on"] or dossier.steps[0]["planned_on"]
        kinds = db.session.scalars(
            select(Positioning.kind).where(Positioning.dossier_id == dossier.id)
        ).all()
        assert kinds.count("self") == 1
        for evidence in db.session.scalars(
            select(Evidence).where(Evidence.dossier_id == dossier.id)
        ):
            assert evidence.kind == "text" or blobs.exists(evidence.media_sha256)


def test_seed_demo_twice_adds_nothing(app, run):
    run("seed-demo")
    people, memberships = count(Person), count(Membership)
    skipped = run("seed-demo", "--if-empty")
    assert skipped.exit_code == 0 and "rien à faire" in skipped.output
    again = run("seed-demo")
    assert again.exit_code == 0 and "rien de nouveau" in again.output
    assert (count(Person), count(Membership)) == (people, memberships)


def test_seed_demo_if_empty_leaves_a_used_database_alone(app, run):
    run(
        "invite",
        "--email",
        "ana@example.org",
        "--given-name",
        "Ana",
        "--family-name",
        "Lopez",
        "--structure",
        str(create_structure().id),
        "--role",
        "lead",
    )
    assert run("seed-demo", "--if-empty").exit_code == 0
    assert count(Person) == 1


def test_create_structure_prints_its_id(app, run):
    result = run("create-structure", "--name", "EA du Canal", "--kind", "ea", "--city", "Albi")
    assert result.exit_code == 0, result.output
    structure = db.session.get(Structure, uuid.UUID(result.output.strip()))
    assert (structure.name, structure.kind, structure.city, structure.rev) == (
        "EA du Canal",
        "ea",
        "Albi",
        1,
    )
    assert run("create-structure", "--name", "X", "--kind", "usine").exit_code == 2


def test_invite_creates_the_person_once_and_each_role_once(app, run):
    structure = create_structure()
    args = ["--structure", str(structure.id), "--given-name", "Ana", "--family-name", "Lopez"]
    first = run("invite", "--email", "Ana.Lopez@Example.org", "--role", "support_worker", *args)
    assert first.exit_code == 0, first.output
    assert "issue-token" in first.output
    again = run("invite", "--email", "ana.lopez@example.org", "--role", "support_worker", *args)
    assert "déjà" in again.output
    run(
        "invite",
        "--email",
        "ana.lopez@example.org",
        "--role",
        "lead",
        "--structure",
        str(structure.id),
    )
    person = db.session.scalar(select(Person))
    assert (count(Person), person.email) == (1, "ana.lopez@example.org")
    roles = db.session.scalars(select(Membership.role).where(Membership.person_id == person.id))
    assert sorted(roles) == ["lead", "support_worker"]


def test_invite_refuses_what_it_cannot_do(app, run):
    structure = create_structure()
    unknown = run(
        "invite",
        "--email",
        "x@example.org",
        "--given-name",
        "X",
        "--family-name",
        "Y",
        "--structure",
        str(uuid.uuid4()),
        "--role",
        "lead",
    )
    assert unknown.exit_code == 1 and "No structure" in unknown.output
    nameless = run(
        "invite", "--email", "x@example.org", "--structure", str(structure.id), "--role", "lead"
    )
    assert nameless.exit_code == 1
    assert count(Person) == 0


def test_issue_token_prints_the_token_alone_on_its_last_line(app, run, client):
    run("seed-demo")
    result = run(
        "issue-token",
        "--email",
        "Claire.Martin@ateliers-du-val.example",
        "--days",
        "7",
        "--label",
        "script",
    )
    assert result.exit_code == 0, result.output
    token = result.output.splitlines()[-1]
    assert token.startswith("pv_") and " " not in token
    response = client.get("/api/v1/me", headers=auth(token))
    assert response.status_code == 200
    assert response.get_json()["person_id"] == str(demo_id("person", "claire-martin"))
    stored = db.session.scalar(select(ApiToken))
    assert stored.label == "script" and token not in stored.token_hash


def test_revoke_tokens_makes_issued_tokens_useless(app, run, client):
    run("seed-demo")
    email = "karim.benali@ateliers-du-val.example"
    token = run("issue-token", "--email", email).output.splitlines()[-1]
    assert client.get("/api/v1/me", headers=auth(token)).status_code == 200
    result = run("revoke-tokens", "--email", email)
    assert result.exit_code == 0 and "1 jeton" in result.output
    assert client.get("/api/v1/me", headers=auth(token)).status_code == 401


def test_issue_token_refuses_an_unknown_email(app, run):
    result = run("issue-token", "--email", "nobody@example.org")
    assert result.exit_code == 1
    assert "nobody@example.org" in result.output
    assert count(ApiToken) == 0


def test_seed_demo_reports_a_clash_with_existing_people(app, run):
    run(
        "invite",
        "--email",
        "claire.martin@ateliers-du-val.example",
        "--given-name",
        "Claire",
        "--family-name",
        "Martin",
        "--structure",
        str(create_structure().id),
        "--role",
        "lead",
    )
    result = run("seed-demo")
    assert result.exit_code == 1 and "conflit" in result.output
    assert count(Person) == 1
