/* The results area's routes (see screens/index.js): the candidate's jury result and badges. */

import { resultsScreen } from './result.js';

export const ROUTES = {
  results: resultsScreen,
};

export const NEEDS_PERSON = Object.keys(ROUTES);
