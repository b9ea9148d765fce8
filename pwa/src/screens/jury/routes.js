/* The jury area's routes (see screens/index.js): my sessions and their offline copy, the reader. */

import { juryReaderScreen } from './reader.js';
import { jurySessionsScreen } from './sessions.js';

export const ROUTES = {
  jury: jurySessionsScreen,
  'jury-dossier': juryReaderScreen,
};

export const NEEDS_PERSON = ['jury', 'jury-dossier'];
