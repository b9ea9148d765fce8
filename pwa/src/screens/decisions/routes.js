/* The decisions area's routes (see screens/index.js): the jury decides, then signs the minutes. */

import { decideScreen } from './decide.js';
import { minutesScreen } from './minutes.js';

export const ROUTES = {
  'jury-decide': decideScreen,
  'jury-minutes': minutesScreen,
};

export const NEEDS_PERSON = ['jury-decide', 'jury-minutes'];
