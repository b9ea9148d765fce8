/* Routes of the shell area: hash name -> screen, and which need a signed-in person. */

import { syncScreen } from './sync.js';

export const ROUTES = { sync: syncScreen };

export const NEEDS_PERSON = ['sync'];
