/* Routes of the capture area: hash name -> screen, and which need a signed-in person.
 *   #/photo, #/video, #/voice     take a photo, film, tell with my voice
 *   #/capture/<evidenceId>        keep it, tie it to a task, answer, or finish it after a reload */

import { photoScreen, videoScreen } from './camera-screen.js';
import { finishScreen } from './finish.js';
import { voiceScreen } from './voice-screen.js';

export const ROUTES = {
  photo: photoScreen,
  video: videoScreen,
  voice: voiceScreen,
  capture: finishScreen,
};

export const NEEDS_PERSON = ['photo', 'video', 'voice', 'capture'];
