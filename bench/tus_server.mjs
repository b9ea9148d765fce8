/* The reference tus server for `make bench-upload`: @tus/server with @tus/file-store, as its
 * README sets it up. Usage: node bench/tus_server.mjs PORT DIRECTORY; prints READY when listening. */

import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';

const [port, directory] = process.argv.slice(2);
const server = new Server({ path: '/files', datastore: new FileStore({ directory }) });
const listening = server.listen({ host: '127.0.0.1', port: Number(port) }, () => {
  process.stdout.write('READY\n');
});
process.on('SIGTERM', () => listening.close(() => process.exit(0)));
