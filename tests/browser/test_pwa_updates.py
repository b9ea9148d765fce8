"""Updates never drop data: IndexedDB schema upgrades keep every record, and a new version of the
app waits for the person to finish what they are doing, then reloads with everything queued."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from browser.test_pwa_offline import wait_until_controlled

pytestmark = pytest.mark.browser

# Runs in the page: the sync and media databases as an older release made them, filled.
OLD_DATABASES = """async (version) => {
  const { openSyncDb } = await import('/lib/sync/db.js');
  const { openMediaDb } = await import('/lib/uploads/media-db.js');
  const put = (db, store, value, key) => new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value, key);
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  const sync = await openSyncDb(indexedDB, version);
  const record = { id: 'e-1', dossier_id: 'd-1', caption_text: 'Je coupe les carottes.' };
  await put(sync, 'records', { type: 'evidence', id: 'e-1', dossier_id: 'd-1', record, seen: 1 });
  await put(sync, 'outbox', { mutation_id: 'm-1', order: 1, person_id: 'lea', type: 'evidence',
    op: 'put', id: 'e-1', record, base_rev: null, attempts: 0, last_error: null, state: 'queued' });
  await put(sync, 'outbox', { mutation_id: 'm-2', order: 2, person_id: 'lea', type: 'positioning',
    op: 'put', id: 'p-1', record: { id: 'p-1' }, base_rev: null, attempts: 1,
    last_error: { code: 'forbidden', title: 'Ce dossier n’est pas à vous.' }, state: 'rejected' });
  await put(sync, 'meta', 'cursor-42', 'cursor');
  await put(sync, 'conflicts', { conflict_id: 'c-1', type: 'dossier', id: 'd-1' });
  const syncVersion = sync.version;
  sync.close();
  const media = await openMediaDb(indexedDB, version);
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
  await media.putBlob({ recordId: 'e-1', blob: new Blob([bytes], { type: 'image/jpeg' }),
    mediaType: 'image/jpeg', size: 6, sha256: null });
  await media.updateUpload('e-1', { dossierId: 'd-1', size: 6, offset: 0, state: 'waiting',
    personId: 'lea', mediaType: 'image/jpeg' });
  media.close();
  return syncVersion;
}"""

# Runs in the page: the current release opens them (upgrading) and reads everything back.
READ_BACK = """async () => {
  const { DB_VERSION, openSyncDb } = await import('/lib/sync/db.js');
  const { createQueries } = await import('/lib/sync/queries.js');
  const { MEDIA_DB_VERSION, openMediaDb } = await import('/lib/uploads/media-db.js');
  const sync = await openSyncDb();
  const queries = createQueries(sync);
  const all = (store) => new Promise((resolve) => {
    const request = sync.transaction(store).objectStore(store).getAll();
    request.onsuccess = () => resolve(request.result);
  });
  const seen = {
    syncVersion: sync.version, expectedSync: DB_VERSION,
    record: await queries.get('evidence', 'e-1'),
    outbox: (await queries.outbox()).map((entry) => entry.mutation_id),
    lea: (await queries.outboxOf('lea')).map((entry) => entry.mutation_id),
    counts: await queries.counts(),
    meta: await all('meta'),
    conflicts: (await queries.conflicts()).map((entry) => entry.conflict_id),
  };
  sync.close();
  const media = await openMediaDb();
  const blob = await media.getBlob('e-1');
  seen.mediaVersion = MEDIA_DB_VERSION;
  seen.blob = Array.from(new Uint8Array(await blob.blob.arrayBuffer()));
  seen.upload = await media.getUpload('e-1');
  media.close();
  return seen;
}"""


def test_schema_upgrades_keep_every_record(live_server, page: Page) -> None:
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_have_text("Bonjour !")
    current = page.evaluate("import('/lib/sync/db.js').then((m) => m.DB_VERSION)")
    assert current >= 2, "no older version to upgrade from"
    for old in range(1, current):
        page.evaluate(
            "Promise.all(['preuves-sync', 'preuves-media'].map((name) => new Promise((done) => {"
            " const r = indexedDB.deleteDatabase(name); r.onsuccess = r.onerror = done; })))"
        )
        assert page.evaluate(OLD_DATABASES, old) == old
        seen = page.evaluate(READ_BACK)
        assert seen["syncVersion"] == seen["expectedSync"] == current
        assert seen["record"]["caption_text"] == "Je coupe les carottes."
        assert seen["outbox"] == ["m-1", "m-2"]
        assert seen["lea"] == ["m-1", "m-2"]
        assert seen["counts"]["pending"] == 1 and seen["counts"]["rejected"] == 1
        assert seen["counts"]["rejections"][0]["problem"]["code"] == "forbidden"
        assert seen["meta"] == ["cursor-42"]
        assert seen["conflicts"] == ["c-1"]
        assert seen["mediaVersion"] >= 2
        assert seen["blob"] == [0xFF, 0xD8, 0xFF, 1, 2, 3]
        assert seen["upload"]["state"] == "waiting" and seen["upload"]["personId"] == "lea"
    assert page.errors == []  # type: ignore[attr-defined]


def test_an_update_waits_for_the_task_and_keeps_what_is_queued(
    live_server, own_shell_dist: Path, page: Page
) -> None:
    page.goto(live_server.url + "/")
    wait_until_controlled(page)
    page.evaluate(OLD_DATABASES, 1)
    # The person is filming: the page must not reload under them.
    page.evaluate("import('/lib/shell/activity.js').then((m) => m.markBusy('video'))")
    page.evaluate("window.sameDocument = true")

    sw = own_shell_dist / "sw.js"
    sw.write_text(sw.read_text(encoding="utf-8") + "\n// a new release\n", encoding="utf-8")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    banner = page.locator("#update-banner")
    expect(banner).to_be_visible()
    banner.get_by_role("button", name="Mettre à jour").click()
    expect(banner).to_contain_text("La mise à jour se fera quand vous aurez fini.")
    waiting = "navigator.serviceWorker.getRegistration().then((r) => r.waiting !== null)"
    assert page.evaluate(waiting)
    assert page.evaluate("window.sameDocument === true")

    with page.expect_navigation():
        page.evaluate("import('/lib/shell/activity.js').then((m) => m.markIdle('video'))")
    expect(page.locator("h1")).to_have_text("Bonjour !")
    assert page.evaluate("window.sameDocument === undefined")
    assert not page.evaluate(waiting)
    seen = page.evaluate(READ_BACK)
    assert seen["outbox"] == ["m-1", "m-2"]
    assert seen["blob"] == [0xFF, 0xD8, 0xFF, 1, 2, 3]
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_killed_browser_reopens_offline_on_the_work_it_kept(
    live_server, browser, tmp_path: Path, axe
) -> None:
    """The tablet's browser is killed with work queued; it reopens with no network (and, this
    time, in English): the shell comes from the service worker, the person is still there, and
    the sync screen says, in words, what waits and why one change was refused."""
    from browser.conftest import CHROMIUM, CHROMIUM_ARGS

    def open_profile(locale: str) -> Any:
        return browser.browser_type.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            locale=locale,
            service_workers="allow",
        )

    tablet = open_profile("fr-FR")
    page = tablet.pages[0] if tablet.pages else tablet.new_page()
    page.goto(live_server.url + "/")
    wait_until_controlled(page)
    page.evaluate(OLD_DATABASES, 1)
    # Léa was signed in when it happened: what /me said is remembered on the device.
    page.evaluate(
        """localStorage.setItem('preuves.session', JSON.stringify({ csrfToken: 't',
          me: { person: { id: 'lea', given_name: 'Léa' }, roles: {}, session: { kind: 'picture' } }
        }))"""
    )
    tablet.close()  # killed
    live_server.stop()

    tablet = open_profile("en-GB")
    # And the tablet is nearly full: the browser says 990 of its 1,000 MB are used.
    tablet.add_init_script(
        "Object.defineProperty(navigator.storage, 'estimate', { value: async () =>"
        " ({ usage: 990 * 1024 * 1024, quota: 1000 * 1024 * 1024 }) });"
    )
    try:
        page = tablet.pages[0] if tablet.pages else tablet.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(live_server.url + "/#/sync")
        expect(page.locator("#screen h1")).to_have_text("What I send")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        waiting = page.get_by_role("list", name="What is waiting")
        expect(waiting.get_by_role("listitem")).to_have_count(1)
        expect(waiting).to_contain_text("1 photo")
        expect(waiting).to_contain_text("Waiting for the wifi.")
        refused = page.get_by_role("list", name="What was not accepted")
        # The server's reason stays in its own words (French titles, RFC 9457).
        expect(refused).to_contain_text("Why: Ce dossier n’est pas à vous.")
        expect(page.get_by_text("Ask your support worker.")).to_be_visible()
        words = page.locator("#sync-status .sync-status-words")
        expect(words).to_contain_text("1 photo is waiting for the wifi.")
        expect(words).to_contain_text("1 sending was not accepted.")
        full = "The tablet is nearly full. It needs the wifi to send the photos and videos."
        expect(page.locator("#sync-status").get_by_role("alert")).to_have_text(full)
        assert axe(page) == []
        seen = page.evaluate(READ_BACK)
        assert seen["outbox"] == ["m-1", "m-2"]
        assert seen["blob"] == [0xFF, 0xD8, 0xFF, 1, 2, 3]
        assert errors == []
    finally:
        tablet.close()
