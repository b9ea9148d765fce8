"""How the web blueprint serves a build: headers, the app-route fallback, and what it refuses.

No browser here: a small fake build in tmp_path stands in for pwa/dist, so these run anywhere.
Requests are buffered so that the file each response streams is closed within the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient


@pytest.fixture
def fake_dist(app: Flask, tmp_path: Path) -> Path:
    dist = tmp_path / "fake-dist"
    (dist / "lib").mkdir(parents=True)
    (dist / "workbox-v9.9.9").mkdir()
    (dist / "index.html").write_text("<!doctype html><h1>Bonjour !</h1>", encoding="utf-8")
    (dist / "sw.js").write_text("// worker", encoding="utf-8")
    (dist / "manifest.webmanifest").write_text('{"lang": "fr"}', encoding="utf-8")
    (dist / "lib" / "i18n.js").write_text("export {};", encoding="utf-8")
    (dist / "workbox-v9.9.9" / "workbox-sw.js").write_text("// runtime", encoding="utf-8")
    (dist / ".stamp").write_text("{}", encoding="utf-8")
    app.config["PWA_DIR"] = str(dist)
    return dist


def test_root_is_the_shell_and_is_revalidated(client: FlaskClient, fake_dist: Path) -> None:
    response = client.get("/", buffered=True)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert b"Bonjour !" in response.data
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["ETag"]


def test_service_worker_is_never_cached_and_may_control_the_origin(
    client: FlaskClient, fake_dist: Path
) -> None:
    response = client.get("/sw.js", buffered=True)
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["Service-Worker-Allowed"] == "/"


def test_manifest_has_its_media_type(client: FlaskClient, fake_dist: Path) -> None:
    response = client.get("/manifest.webmanifest", buffered=True)
    assert response.mimetype == "application/manifest+json"
    assert response.get_json(force=True) == {"lang": "fr"}


def test_static_files_and_the_versioned_workbox_folder(
    client: FlaskClient, fake_dist: Path
) -> None:
    module = client.get("/lib/i18n.js", buffered=True)
    assert module.status_code == 200
    assert module.mimetype in {"text/javascript", "application/javascript"}
    assert module.headers["Cache-Control"] == "no-cache"
    runtime = client.get("/workbox-v9.9.9/workbox-sw.js", buffered=True)
    assert runtime.status_code == 200
    assert "immutable" in runtime.headers["Cache-Control"]


def test_a_conditional_request_is_answered_304(client: FlaskClient, fake_dist: Path) -> None:
    etag = client.get("/lib/i18n.js", buffered=True).headers["ETag"]
    assert (
        client.get("/lib/i18n.js", headers={"If-None-Match": etag}, buffered=True).status_code
        == 304
    )


@pytest.mark.parametrize("path", ["/dossier/42", "/preuves", "/a/b/c/"])
def test_app_routes_get_the_shell(client: FlaskClient, fake_dist: Path, path: str) -> None:
    response = client.get(path, buffered=True)
    assert response.status_code == 200
    assert b"Bonjour !" in response.data


@pytest.mark.parametrize(
    "path", ["/missing.png", "/.stamp", "/lib/.hidden", "/%2e%2e/etc/passwd", "/lib/%2e%2e/sw.js"]
)
def test_unknown_files_dot_files_and_escapes_are_404_problems(
    client: FlaskClient, fake_dist: Path, path: str
) -> None:
    response = client.get(path, buffered=True)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert response.json["code"] == "not_found"


@pytest.mark.parametrize("path", ["/api", "/api/", "/api/v1/nothing-here", "/api/v2/index.html"])
def test_api_paths_never_get_the_shell(client: FlaskClient, fake_dist: Path, path: str) -> None:
    response = client.get(path, buffered=True)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert b"Bonjour" not in response.data


def test_only_get_and_head(client: FlaskClient, fake_dist: Path) -> None:
    assert client.head("/", buffered=True).status_code == 200
    response = client.post("/dossier/42", buffered=True)
    assert response.status_code == 405
    assert response.content_type == "application/problem+json"


def test_missing_build_is_a_503_problem_in_french(
    app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    app.config["PWA_DIR"] = str(tmp_path / "never-built")
    for path in ["/", "/sw.js", "/manifest.webmanifest", "/dossier/42", "/app.js"]:
        response = client.get(path, buffered=True)
        assert response.status_code == 503, path
        assert response.content_type == "application/problem+json"
        assert response.json["code"] == "pwa_not_built"
        assert response.json["title"] == "L'application n'est pas encore construite."
