/* Routes of the frameworks area: hash name -> screen, and which need a signed-in person. */

import { frameworksScreen } from './list.js';
import { frameworkScreen } from './version.js';

export const ROUTES = {
  frameworks: frameworksScreen,
  framework: frameworkScreen,
};

export const NEEDS_PERSON = Object.keys(ROUTES);
