/* The juryadmin area's routes (see screens/index.js): a structure's jury sessions, for its lead. */

import { jurySessionScreen } from './session.js';
import { jurySessionsScreen } from './sessions.js';

export const ROUTES = {
  'jury-sessions': jurySessionsScreen,
  'jury-session': jurySessionScreen,
};

export const NEEDS_PERSON = Object.keys(ROUTES);
