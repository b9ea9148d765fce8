// The PouchDB side of `make bench-sync`: replicate the same documents the Preuves run
// pushed, from a PouchDB memory database to pouchdb-server (push), then from the server
// into a fresh memory database (pull). Prints one JSON line with timings.
//
// Usage: node bench/pouchdb_sync.mjs DOCS.json SERVER_URL BATCH_SIZE
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';

PouchDB.plugin(memory);

const [docsFile, serverUrl, batchArg] = process.argv.slice(2);
const batchSize = Number(batchArg || 500);

// Every HTTP request PouchDB makes, timed, so both sides report per-request latency.
const latencies = [];
function timedFetch(url, options) {
  const started = performance.now();
  return PouchDB.fetch(url, options).then((response) => {
    latencies.push(performance.now() - started);
    return response;
  });
}

async function timed(action) {
  latencies.length = 0;
  const started = performance.now();
  const info = await action();
  return { seconds: (performance.now() - started) / 1000, latencies_ms: [...latencies], info };
}

const records = JSON.parse(readFileSync(docsFile, 'utf8'));
const source = new PouchDB('bench-source', { adapter: 'memory' });
await source.bulkDocs(records.map((record) => ({ ...record, _id: record.id })));
const remote = new PouchDB(`${serverUrl}/bench`, { fetch: timedFetch });
await remote.info(); // creates the database before the clock starts

const push = await timed(() => source.replicate.to(remote, { batch_size: batchSize }));
const target = new PouchDB('bench-target', { adapter: 'memory' });
const pull = await timed(() => target.replicate.from(remote, { batch_size: batchSize }));

console.log(
  JSON.stringify({
    push: { seconds: push.seconds, records: push.info.docs_written, latencies_ms: push.latencies_ms },
    pull: { seconds: pull.seconds, records: pull.info.docs_written, latencies_ms: pull.latencies_ms },
  }),
);
