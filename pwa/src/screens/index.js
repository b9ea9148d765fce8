/* The route table: each hash route and the screen that draws it. */

import { candidatesScreen } from './candidates.js';
import { enrolScreen } from './enrol.js';
import { homeScreen } from './home.js';
import { invitationScreen } from './invitation.js';
import { invitationsScreen } from './invitations.js';
import { passkeysScreen } from './passkeys.js';
import { picturesSetupScreen } from './pictures-setup.js';
import { revokedScreen } from './revoked.js';
import { sequenceScreen } from './sequence.js';
import { signInScreen } from './sign-in.js';
import { tabletsScreen } from './tablets.js';
import { ROUTES as SHELL_ROUTES, NEEDS_PERSON as SHELL_NEEDS } from './shell/routes.js';
import { ROUTES as CAPTURE_ROUTES, NEEDS_PERSON as CAPTURE_NEEDS } from './capture/routes.js';
import { ROUTES as CANDIDATE_ROUTES, NEEDS_PERSON as CANDIDATE_NEEDS } from './candidate/routes.js';
import { ROUTES as WORKSPACE_ROUTES, NEEDS_PERSON as WORKSPACE_NEEDS } from './workspace/routes.js';
import { ROUTES as REVIEW_ROUTES, NEEDS_PERSON as REVIEW_NEEDS } from './review/routes.js';
import { ROUTES as LETTERS_ROUTES, NEEDS_PERSON as LETTERS_NEEDS } from './letters/routes.js';
import { ROUTES as FRAMEWORKS_ROUTES, NEEDS_PERSON as FRAMEWORKS_NEEDS } from './frameworks/routes.js';
import { ROUTES as JOURNAL_ROUTES, NEEDS_PERSON as JOURNAL_NEEDS } from './journal/routes.js';
import { ROUTES as PAIRING_ROUTES, NEEDS_PERSON as PAIRING_NEEDS } from './pairing/routes.js';
import { ROUTES as JURY_ROUTES, NEEDS_PERSON as JURY_NEEDS } from './jury/routes.js';
import { ROUTES as DECISIONS_ROUTES, NEEDS_PERSON as DECISIONS_NEEDS } from './decisions/routes.js';
import { ROUTES as JURYADMIN_ROUTES, NEEDS_PERSON as JURYADMIN_NEEDS } from './juryadmin/routes.js';
import { ROUTES as RESULTS_ROUTES, NEEDS_PERSON as RESULTS_NEEDS } from './results/routes.js';

export const SCREENS = {
  'sign-in': signInScreen,
  invitation: invitationScreen,
  invitations: invitationsScreen,
  home: homeScreen,
  passkeys: passkeysScreen,
  pictures: picturesSetupScreen,
  enrol: enrolScreen,
  candidates: candidatesScreen,
  sequence: sequenceScreen,
  revoked: revokedScreen,
  tablets: tabletsScreen,
};

// Each feature area keeps its own route table (screens/<area>/routes.js), so that the areas grow
// without touching each other; a name taken twice is a mistake caught here, at load.
const AREAS = [
  [SHELL_ROUTES, SHELL_NEEDS],
  [CAPTURE_ROUTES, CAPTURE_NEEDS],
  [CANDIDATE_ROUTES, CANDIDATE_NEEDS],
  [WORKSPACE_ROUTES, WORKSPACE_NEEDS],
  [REVIEW_ROUTES, REVIEW_NEEDS],
  [LETTERS_ROUTES, LETTERS_NEEDS],
  [FRAMEWORKS_ROUTES, FRAMEWORKS_NEEDS],
  [JOURNAL_ROUTES, JOURNAL_NEEDS],
  [PAIRING_ROUTES, PAIRING_NEEDS],
  [JURY_ROUTES, JURY_NEEDS],
  [DECISIONS_ROUTES, DECISIONS_NEEDS],
  [JURYADMIN_ROUTES, JURYADMIN_NEEDS],
  [RESULTS_ROUTES, RESULTS_NEEDS],
];

for (const [routes] of AREAS) {
  for (const [name, screen] of Object.entries(routes)) {
    if (name in SCREENS) throw new Error(`route ${name} is defined twice`);
    SCREENS[name] = screen;
  }
}

// Screens that need a signed-in person; the others work signed out.
export const NEEDS_PERSON = new Set([
  'home', 'passkeys', 'tablets', 'invitations', 'pictures',
  ...AREAS.flatMap(([, needs]) => needs),
]);
