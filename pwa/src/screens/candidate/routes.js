/* Routes of the candidate area: hash name -> screen, and which need a signed-in person. */

import { positionScreen } from './position.js';
import { proofScreen } from './proof.js';
import { proofsScreen } from './proofs.js';

export const ROUTES = {
  position: positionScreen,
  proofs: proofsScreen,
  proof: proofScreen,
};

export const NEEDS_PERSON = ['position', 'proofs', 'proof'];
