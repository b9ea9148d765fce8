/* Routes of the workspace area: hash name -> screen, and which need a signed-in person. */

import { conflictsScreen } from './conflicts.js';
import { copositioningScreen } from './copositioning.js';
import { dossierScreen } from './dossier.js';
import { dossiersScreen } from './dossiers.js';
import { newDossierScreen } from './new-dossier.js';

export const ROUTES = {
  dossiers: dossiersScreen,
  'new-dossier': newDossierScreen,
  dossier: dossierScreen,
  copositioning: copositioningScreen,
  conflicts: conflictsScreen,
};

export const NEEDS_PERSON = Object.keys(ROUTES);
