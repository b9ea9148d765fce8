/* Routes of the letters area: hash name -> screen, and which need a signed-in person. The
 * public testimony page (#/testimony/<token>) works with no account. */

import { letterScreen } from './letter.js';
import { testimoniesScreen } from './testimonies.js';
import { testimonyScreen } from './testimony.js';

export const ROUTES = {
  letter: letterScreen,
  testimonies: testimoniesScreen,
  testimony: testimonyScreen,
};

export const NEEDS_PERSON = ['letter', 'testimonies'];
