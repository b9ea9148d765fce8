/* Routes of the letters area: hash name -> screen, and which need a signed-in person. */

export const ROUTES = {};

export const NEEDS_PERSON = [];
