"""Derivatives made by the media worker from real files: photos, WebM video, Ogg audio."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from media_samples import heic_with_gps, jpeg_turned_with_gps, ogg_opus, probe, webm_like_chrome
from preuves.extensions import db
from preuves.media import blobs
from preuves.media.derivatives import jobs, worker


def upload(path: Path, media_type: str) -> str:
    """Store an original and enqueue its derivatives, as the end of an upload does."""
    sha256 = blobs.put_bytes(path.read_bytes())
    jobs.enqueue_for_blob(sha256, media_type)
    db.session.commit()
    return sha256


def fetch(sha256: str, name: str, folder: Path) -> Path:
    """The derivative's bytes, from the blob store, as a file."""
    derivative = jobs.find(sha256, name)
    assert derivative is not None
    assert derivative.status == "ready", derivative.error
    out = folder / f"{name}-{derivative.blob_sha256}"
    with blobs.open_blob(derivative.blob_sha256) as handle:
        out.write_bytes(handle.read())
    return out


def test_photo_thumbnail_is_upright_and_has_no_exif_nor_gps(app, tmp_path: Path) -> None:
    sha256 = upload(jpeg_turned_with_gps(tmp_path / "photo.jpg"), "image/jpeg")
    assert worker.run(once=True, idle_seconds=0.1) == 2

    for name in ("thumbnail", "display"):
        path = fetch(sha256, name, tmp_path)
        raw = path.read_bytes()
        with Image.open(path) as image:
            assert image.format == "JPEG"
            # Stored 200x100 landscape with orientation 6: shown as 100x200 portrait, the red
            # half (stored left) now on top.
            assert image.size == (100, 200)
            top, bottom = image.getpixel((50, 20)), image.getpixel((50, 180))
            assert top[0] > 200 and top[2] < 60, top
            assert bottom[2] > 200 and bottom[0] < 60, bottom
            assert len(image.getexif()) == 0
            assert "exif" not in image.info and "icc_profile" not in image.info
        assert b"Exif" not in raw and b"Tablette" not in raw
    assert [row["status"] for row in jobs.statuses(sha256)] == ["ready", "ready"]
    # The original is kept as it came, EXIF and all.
    with blobs.open_blob(sha256) as original:
        assert b"Tablette atelier" in original.read()


def test_an_ipad_heic_photo_gets_clean_jpeg_thumbnails(app, tmp_path: Path) -> None:
    source = heic_with_gps(tmp_path / "IMG_0001.HEIC")
    assert source.read_bytes()[4:12] == b"ftypheic"
    sha256 = upload(source, "image/heic")
    assert worker.run(once=True, idle_seconds=0.1) == 2
    path = fetch(sha256, "thumbnail", tmp_path)
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert image.size == (300, 200)
        top, bottom = image.getpixel((150, 30)), image.getpixel((150, 170))
        assert top[0] > 200 and top[2] < 60, top
        assert bottom[2] > 200 and bottom[0] < 60, bottom
        assert len(image.getexif()) == 0
    assert b"Tablette" not in path.read_bytes()


def test_a_big_photo_is_scaled_down(app, tmp_path: Path) -> None:
    Image.new("RGB", (4000, 3000), "green").save(tmp_path / "big.png")
    sha256 = upload(tmp_path / "big.png", "image/png")
    worker.run(once=True, idle_seconds=0.1)
    with Image.open(fetch(sha256, "thumbnail", tmp_path)) as thumb:
        assert thumb.size == (320, 240)
    with Image.open(fetch(sha256, "display", tmp_path)) as display:
        assert display.size == (1600, 1200)


def test_webm_without_duration_gets_a_web_mp4_and_a_poster(app, tmp_path: Path) -> None:
    source = webm_like_chrome(tmp_path / "capture.webm")
    assert "duration" not in probe(source)["format"]
    sha256 = upload(source, "video/webm")
    assert worker.run(once=True, idle_seconds=0.1) == 2

    web = probe(fetch(sha256, "web", tmp_path))
    assert web["format"]["format_name"].startswith("mov,mp4")
    assert float(web["format"]["duration"]) == pytest.approx(2.0, abs=0.3)
    codecs = {stream["codec_type"]: stream["codec_name"] for stream in web["streams"]}
    assert codecs == {"video": "h264", "audio": "aac"}
    assert "location" not in web["format"].get("tags", {})
    assert jobs.find(sha256, "web").media_type == "video/mp4"

    poster = fetch(sha256, "poster", tmp_path)
    with Image.open(poster) as image:
        assert image.format == "JPEG"
        assert image.size == (320, 240)
    assert jobs.find(sha256, "poster").media_type == "image/jpeg"


def test_ogg_opus_voice_note_becomes_m4a_without_tags(app, tmp_path: Path) -> None:
    sha256 = upload(ogg_opus(tmp_path / "note.ogg"), "audio/ogg")
    assert worker.run(once=True, idle_seconds=0.1) == 1

    m4a = probe(fetch(sha256, "web", tmp_path))
    assert [s["codec_name"] for s in m4a["streams"]] == ["aac"]
    assert float(m4a["format"]["duration"]) == pytest.approx(1.0, abs=0.2)
    assert "title" not in m4a["format"].get("tags", {})
    assert jobs.find(sha256, "web").media_type == "audio/mp4"


def test_sound_only_webm_needs_no_poster(app, tmp_path: Path) -> None:
    from media_samples import ffmpeg

    ffmpeg("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "libopus", str(tmp_path / "a.webm"))
    sha256 = upload(tmp_path / "a.webm", "video/webm")
    worker.run(once=True, idle_seconds=0.1)
    assert jobs.find(sha256, "poster").status == "not_needed"
    assert jobs.find(sha256, "web").media_type == "audio/mp4"


@pytest.mark.parametrize("media_type", ["image/jpeg", "video/mp4", "audio/mp4"])
def test_a_corrupt_file_fails_with_a_reason_and_the_worker_goes_on(
    app, tmp_path: Path, media_type: str
) -> None:
    (tmp_path / "bad").write_bytes(b"\xff\xd8\xff\xe0 not really a picture " * 50)
    bad = upload(tmp_path / "bad", media_type)
    good = upload(ogg_opus(tmp_path / "good.ogg"), "audio/ogg")

    worker.run(once=True, idle_seconds=0.1)

    for row in jobs.statuses(bad):
        assert row["status"] == "failed"
        # Plain English for the status endpoint; ffmpeg's own words stay in the log.
        assert row["error"].endswith(".") and "ffmpeg" not in row["error"]
    assert jobs.find(bad, jobs.statuses(bad)[0]["name"]).attempts == 1  # not retried in vain
    assert jobs.find(good, "web").status == "ready"


def test_enqueue_is_idempotent_and_a_pdf_needs_nothing(app) -> None:
    sha256 = "a" * 64
    jobs.enqueue_for_blob(sha256, "video/mp4")
    jobs.enqueue_for_blob(sha256, "video/mp4")
    jobs.enqueue_for_blob("b" * 64, "application/pdf")
    db.session.commit()
    assert [row["name"] for row in jobs.statuses(sha256)] == ["poster", "web"]
    assert jobs.statuses("b" * 64) == []
    assert jobs.find(sha256, "thumbnail") is None


def test_an_uploaded_photo_is_served_upright_and_clean(app, client, tmp_path: Path) -> None:
    """The whole path: tus upload, the worker, GET /api/v1/media/<sha256>/<name>."""
    from factories import auth, upload_blob
    from media_helpers import build_ground

    ground = build_ground()
    data = jpeg_turned_with_gps(tmp_path / "photo.jpg").read_bytes()
    sha256 = upload_blob(client, ground.token, ground.dossier, data)
    status = client.get(f"/api/v1/media/{sha256}/status", headers=auth(ground.token)).get_json()
    assert {d["name"]: d["status"] for d in status["derivatives"]} == {
        "thumbnail": "pending",
        "display": "pending",
    }

    assert worker.run(once=True, idle_seconds=0.1) == 2
    with client.get(f"/api/v1/media/{sha256}/thumbnail", headers=auth(ground.token)) as served:
        assert served.status_code == 200
        assert served.headers["Content-Type"] == "image/jpeg"
        body = served.get_data()
    (tmp_path / "served.jpg").write_bytes(body)
    with Image.open(tmp_path / "served.jpg") as image:
        assert image.size == (100, 200) and len(image.getexif()) == 0
    assert b"Tablette" not in body
    status = client.get(f"/api/v1/media/{sha256}/status", headers=auth(ground.token)).get_json()
    assert {d["status"] for d in status["derivatives"]} == {"ready"}


def test_a_video_shorter_than_a_second_still_gets_a_poster(app, tmp_path: Path) -> None:
    from media_samples import ffmpeg

    short = tmp_path / "short.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=0.5",
           "-c:v", "libx264", "-pix_fmt", "yuv420p",
           "-metadata", "location=+48.8566+002.3522/", str(short))  # fmt: skip
    assert "location" in probe(short)["format"]["tags"]
    sha256 = upload(short, "video/mp4")
    worker.run(once=True, idle_seconds=0.1)
    with Image.open(fetch(sha256, "poster", tmp_path)) as poster:
        assert poster.size == (160, 120)
    # H.264 in MP4 already plays everywhere: copied, not re-encoded, metadata still dropped.
    web = probe(fetch(sha256, "web", tmp_path))
    assert [s["codec_name"] for s in web["streams"]] == ["h264"]
    assert "location" not in web["format"].get("tags", {})
