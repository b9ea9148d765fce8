"""`preuves invite` prints a one-time passkey link and can write its QR code."""

from __future__ import annotations

from factories import create_structure
from identity_flows import register
from preuves.cli import cli
from webauthn_soft import SoftAuthenticator


def test_invite_prints_a_link_that_registers_a_passkey(app, client, tmp_path):
    structure = create_structure()
    qr = tmp_path / "invitation.svg"
    result = app.test_cli_runner().invoke(
        cli,
        [
            "invite",
            "--email",
            "ana@example.org",
            "--given-name",
            "Ana",
            "--family-name",
            "Lopez",
            "--structure",
            str(structure.id),
            "--role",
            "lead",
            "--base-url",
            "https://preuves.example",
            "--qr",
            str(qr),
        ],
    )
    assert result.exit_code == 0, result.output
    url = result.output.strip().splitlines()[-1]
    assert url.startswith("https://preuves.example/#/invitation/")
    assert qr.read_text(encoding="utf-8").startswith("<svg")
    token = url.rsplit("/", 1)[1]
    assert client.get(f"/api/v1/invitations/{token}").json["given_name"] == "Ana"
    assert register(client, SoftAuthenticator(), token).status_code == 201
    assert client.get("/api/v1/me").json["roles"] == {str(structure.id): ["lead"]}
