// Shared by the workspace tests: the demo kitchen framework as a version record, described.
import { readFileSync } from 'node:fs';

import { describeFramework } from '../src/lib/framework.js';

export const VERSION_ID = '0193a0f0-7777-7a81-8b92-00000000cafe';
export const DOSSIER_ID = '0193a0f0-7777-7a81-8b92-00000000d055';

const document = JSON.parse(
  readFileSync(
    new URL('../../backend/preuves/demo/data/frameworks/aide-de-cuisine.json', import.meta.url),
    'utf8',
  ),
);

export const kitchen = () =>
  describeFramework({ id: VERSION_ID, structure_id: null, status: 'published', document });

let counter = 0;
/** A made-up UUID, distinct each call. */
export function someId() {
  counter += 1;
  return `0193a0f0-7777-7a81-8b92-${String(counter).padStart(12, '0')}`;
}
