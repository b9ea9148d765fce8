"""The HTML portfolio export: a zip with index.html and media/ that needs no server."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from exports_world import World, build_world
from factories import auth, create_jury_session, create_person, create_structure, token_for
from media_samples import probe
from preuves.audit.models import AuditEvent
from preuves.extensions import db
from preuves.media import blobs
from preuves.media.derivatives import jobs

URL_ATTRIBUTE = re.compile(r"""\b(?:src|href|poster|action|data)\s*=\s*["']([^"']*)["']""", re.I)


@pytest.fixture
def world(app) -> World:
    return build_world()


def get_zip(client, world: World, who: str = "candidate") -> zipfile.ZipFile:
    url = f"/api/v1/dossiers/{world.dossier.id}/exports/portfolio.zip"
    with client.get(url, headers=auth(world.tokens[who])) as response:
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.mimetype == "application/zip"
        assert response.headers["Cache-Control"] == "private, no-store"
        disposition = response.headers["Content-Disposition"]
        assert disposition == 'attachment; filename="portfolio-lea-martin.zip"'
        return zipfile.ZipFile(io.BytesIO(response.get_data()))


def test_the_zip_holds_index_and_every_evidence_media_named_by_its_hash(client, world) -> None:
    archive = get_zip(client, world)
    names = archive.namelist()
    assert "index.html" in names
    html = archive.read("index.html").decode("utf-8")
    media = [n for n in names if n != "index.html"]
    assert media and all(n.startswith("media/") for n in media)
    for name in media:
        stem = name.removeprefix("media/").split(".")[0]
        assert hashlib.sha256(archive.read(name)).hexdigest() == stem
        assert f'"{name}"' in html  # every file is shown by the page
    # Every file is the media worker's copy, never an original.
    display = jobs.find(world.originals["photo"], "display")
    assert f"media/{display.blob_sha256}.jpg" in names
    web_video = jobs.find(world.originals["video"], "web")
    assert f"media/{web_video.blob_sha256}.mp4" in names
    # The photo, the video and its poster (the video is shown under both its competencies),
    # the sound, the spoken caption.
    kinds = sorted(n.rsplit(".", 1)[1] for n in media)
    assert kinds == ["jpg", "jpg", "m4a", "m4a", "mp4"]
    assert html.count(' poster="media/') == 2
    assert (html.count("<img "), html.count("<video "), html.count("<audio ")) == (1, 2, 2)


def test_while_the_worker_has_copies_to_make_the_export_says_to_come_back(app, client) -> None:
    waiting = build_world(derive=False)
    url = f"/api/v1/dossiers/{waiting.dossier.id}/exports/portfolio.zip"
    response = client.get(url, headers=auth(waiting.tokens["candidate"]))
    assert response.status_code == 503
    assert response.json["code"] == "export_not_ready"
    assert response.headers["Retry-After"] == "60"
    assert "préparation" in response.json["title"]
    readiness = client.get(
        f"/api/v1/dossiers/{waiting.dossier.id}/exports/readiness",
        headers=auth(waiting.tokens["candidate"]),
    )
    assert readiness.status_code == 200
    assert readiness.json["ready"] is False and readiness.json["waiting"] >= 4
    refused = db.session.query(AuditEvent).filter_by(dossier_id=waiting.dossier.id, action="read")
    assert refused.count() == 0  # nothing was served: no read is written down


def test_once_the_worker_is_done_the_exports_are_ready(client, world) -> None:
    url = f"/api/v1/dossiers/{world.dossier.id}/exports/readiness"
    assert client.get(url, headers=auth(world.tokens["worker"])).json == {
        "ready": True,
        "waiting": 0,
        "retry_after": 60,
    }
    stranger = create_person("Yann", "Autre", roles={create_structure("Ailleurs"): ["lead"]})
    assert client.get(url, headers=auth(token_for(stranger))).status_code == 404


def test_no_absolute_or_external_url_and_no_script(client, world) -> None:
    html = get_zip(client, world).read("index.html").decode("utf-8")
    urls = URL_ATTRIBUTE.findall(html)
    assert urls
    for url in urls:
        assert url.startswith(("media/", "#")), url
    assert "http:" not in html and "https:" not in html and "//" not in html.replace("<!--", "")
    assert "<script" not in html.lower()
    assert 'lang="fr"' in html and html.count("<h1") == 1


def test_every_competency_positioning_evidence_and_decision_is_in_the_page(client, world):
    html = get_zip(client, world).read("index.html").decode("utf-8")
    for competency in world.competencies:
        assert competency.easy_wording in html
        assert competency.official_wording.replace("'", "&#39;") in html
    for words in ("Acquis", "En cours d&#39;acquisition", "Non acquis", "Validation partielle",
                  "Servir et laver", "Bravo pour le service.", "Je sais le faire.",
                  "Encore un peu d&#39;aide.", "Les couverts sont bien placés.",
                  "Léa met la table seule et sans erreur.", "Très bien, comme au restaurant.",
                  "Léa range les yaourts derrière les plus anciens.", "3 janvier 2027",
                  "5 janvier 2027", 'alt="Photo : Les couverts sont bien placés."'):  # fmt: skip
        assert words in html, words


def test_media_carry_no_location(client, world, tmp_path: Path) -> None:
    archive = get_zip(client, world)
    for name in archive.namelist():
        data = archive.read(name)
        assert b"Exif" not in data and b"Tablette" not in data, name
        if name.endswith((".mp4", ".m4a")):
            target = tmp_path / Path(name).name
            target.write_bytes(data)
            tags = probe(target)["format"].get("tags", {})
            assert not any("location" in key.lower() for key in tags), tags


def test_the_selection_chooses_the_evidence(client, world) -> None:
    photo, _video, _sound, note = world.evidence
    first, _second, third = world.competencies
    world.dossier.selection = {str(first.id): [str(photo.id)], str(third.id): [str(note.id)]}
    db.session.commit()
    archive = get_zip(client, world)
    html = archive.read("index.html").decode("utf-8")
    assert "<video" not in html  # the video was not chosen
    assert not any(n.endswith(".mp4") for n in archive.namelist())
    assert "Léa range les yaourts" in html


@pytest.mark.parametrize("who", ["guardian", "worker", "lead"])
def test_the_candidate_guardian_and_staff_export(client, world, who: str) -> None:
    get_zip(client, world, who)
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.dossier_id == world.dossier.id)
    ).all()[-1]
    assert (event.action, event.record_type, event.detail) == (
        "read",
        "dossier",
        {"export": "portfolio.zip"},
    )


def test_other_structures_and_other_juries_are_refused(client, world) -> None:
    url = f"/api/v1/dossiers/{world.dossier.id}/exports/portfolio.zip"
    other = create_structure("IME Ailleurs")
    outsider = create_person("Yann", "Autre", roles={other: ["lead", "admin", "support_worker"]})
    stranger_juror = create_person("Iris", "Juré")
    create_jury_session(other, [stranger_juror], [])
    db.session.commit()
    for token in (token_for(outsider), token_for(stranger_juror)):
        assert client.get(url, headers=auth(token)).status_code == 404
    assert client.get(url).status_code == 401


def test_a_jury_member_reading_the_dossier_may_not_export_it(client, world) -> None:
    world.session.status = "open"
    db.session.commit()
    url = f"/api/v1/dossiers/{world.dossier.id}/exports/portfolio.zip"
    response = client.get(url, headers=auth(world.tokens["juror"]))
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"


def test_a_file_missing_from_the_store_is_left_out_and_the_page_says_so(client, world) -> None:
    blobs.delete_blob(jobs.find(world.originals["video"], "web").blob_sha256)
    archive = get_zip(client, world)
    html = archive.read("index.html").decode("utf-8")
    assert "<video" not in html
    assert html.count("Ce fichier n'a pas pu être préparé pour l'export.") == 2
    assert not any(name.endswith(".mp4") for name in archive.namelist())
