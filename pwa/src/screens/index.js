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

// Screens that need a signed-in person; the others work signed out.
export const NEEDS_PERSON = new Set(['home', 'passkeys', 'tablets', 'invitations', 'pictures']);
