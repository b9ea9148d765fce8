/* A photo from the camera's live view: the current frame of the <video> drawn on a canvas, then
 * a JPEG blob. Full resolution of the stream; the server makes the smaller derivatives. */

export const PHOTO_TYPE = 'image/jpeg';
const QUALITY = 0.9;

/** The frame `video` shows now, as a JPEG blob. */
export function takeStill(video, { type = PHOTO_TYPE, quality = QUALITY, document = globalThis.document } = {}) {
  const width = video.videoWidth;
  const height = video.videoHeight;
  if (!width || !height) return Promise.reject(new Error('the camera shows no picture yet'));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d').drawImage(video, 0, 0, width, height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no photo made'))), type, quality);
  });
}
