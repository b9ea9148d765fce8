/* The results area's routes (see screens/index.js). */

export const ROUTES = {};

export const NEEDS_PERSON = [];
