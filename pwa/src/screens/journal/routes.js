/* Routes of the journal area: hash name -> screen, and which need a signed-in person. */

import { journalScreen } from './journal.js';

export const ROUTES = {
  journal: journalScreen,
};

export const NEEDS_PERSON = Object.keys(ROUTES);
