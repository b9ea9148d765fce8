/* Passkeys in the browser. The server speaks JSON with base64url strings (py_webauthn's
 * options_to_json); navigator.credentials speaks ArrayBuffers. This module converts both ways by
 * hand rather than with PublicKeyCredential.parseCreationOptionsFromJSON, which older tablets lack. */

/** base64url (no padding) -> ArrayBuffer. */
export function fromBase64url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** ArrayBuffer or typed array -> base64url (no padding). */
export function toBase64url(buffer) {
  const bytes =
    buffer instanceof ArrayBuffer
      ? new Uint8Array(buffer)
      : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function parse(publicKey) {
  return typeof publicKey === 'string' ? JSON.parse(publicKey) : structuredClone(publicKey);
}

function descriptors(list) {
  return (list ?? []).map((item) => ({ ...item, id: fromBase64url(item.id) }));
}

/** PublicKeyCredentialCreationOptions from the server's JSON. */
export function creationOptions(json) {
  const options = parse(json);
  options.challenge = fromBase64url(options.challenge);
  options.user = { ...options.user, id: fromBase64url(options.user.id) };
  if (options.excludeCredentials) options.excludeCredentials = descriptors(options.excludeCredentials);
  return options;
}

/** PublicKeyCredentialRequestOptions from the server's JSON. */
export function requestOptions(json) {
  const options = parse(json);
  options.challenge = fromBase64url(options.challenge);
  if (options.allowCredentials) options.allowCredentials = descriptors(options.allowCredentials);
  return options;
}

function common(credential) {
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults?.() ?? {},
  };
}

/** RegistrationResponseJSON, as py_webauthn's verify_registration_response reads it. */
export function registrationJSON(credential) {
  const { response } = credential;
  return {
    ...common(credential),
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      attestationObject: toBase64url(response.attestationObject),
      transports: response.getTransports?.() ?? [],
    },
  };
}

/** AuthenticationResponseJSON, as py_webauthn's verify_authentication_response reads it. */
export function authenticationJSON(credential) {
  const { response } = credential;
  return {
    ...common(credential),
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      authenticatorData: toBase64url(response.authenticatorData),
      signature: toBase64url(response.signature),
      userHandle: response.userHandle ? toBase64url(response.userHandle) : null,
    },
  };
}

/** Whether this browser can make passkeys at all (a secure context with WebAuthn). */
export function passkeysSupported() {
  return globalThis.isSecureContext === true && 'PublicKeyCredential' in globalThis;
}

/** Create a passkey from the server's options; resolves to the JSON to send back. */
export async function createPasskey(publicKey, credentials = navigator.credentials) {
  const credential = await credentials.create({ publicKey: creationOptions(publicKey) });
  return registrationJSON(credential);
}

/** Use a passkey for the server's challenge; resolves to the JSON to send back. */
export async function usePasskey(publicKey, credentials = navigator.credentials) {
  const credential = await credentials.get({ publicKey: requestOptions(publicKey) });
  return authenticationJSON(credential);
}

/**
 * The French key of a message for a failed ceremony. NotAllowedError is what the browser says when
 * the person closes the prompt or waits too long: not a fault, they may simply try again.
 */
export function ceremonyFailureKey(error) {
  if (error?.name === 'NotAllowedError' || error?.name === 'AbortError') return 'passkey.cancelled';
  if (error?.name === 'InvalidStateError') return 'passkey.alreadyHere';
  if (error?.name === 'NotSupportedError' || error?.name === 'SecurityError') return 'passkey.unsupported';
  return 'passkey.failed';
}
