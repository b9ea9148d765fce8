// Passkeys: base64url both ways, the server's JSON options to ArrayBuffers, and credentials back.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  authenticationJSON,
  ceremonyFailureKey,
  creationOptions,
  fromBase64url,
  registrationJSON,
  requestOptions,
  toBase64url,
} from '../src/lib/webauthn.js';

const bytes = (...values) => new Uint8Array(values).buffer;

test('base64url round-trips every byte value, without padding or + and /', () => {
  const all = new Uint8Array(256).map((_, i) => i);
  const text = toBase64url(all.buffer);
  assert.doesNotMatch(text, /[+/=]/);
  assert.deepEqual(new Uint8Array(fromBase64url(text)), all);
  for (let length = 0; length < 6; length += 1) {
    const some = all.slice(250 - length, 250);
    assert.deepEqual(new Uint8Array(fromBase64url(toBase64url(some))), some);
  }
  assert.equal(toBase64url(new TextEncoder().encode('1234')), 'MTIzNA');
  assert.equal(toBase64url(bytes(0xfb, 0xff)), '-_8');
});

test('creation options: challenge, user id and excluded credentials become ArrayBuffers', () => {
  const json = JSON.stringify({
    rp: { name: 'Preuves', id: 'localhost' },
    user: { id: 'MTIzNA', name: 'a', displayName: 'A' },
    challenge: 'AAEC',
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    excludeCredentials: [{ id: 'YWJj', type: 'public-key', transports: ['internal'] }],
  });
  const options = creationOptions(json);
  assert.deepEqual(new Uint8Array(options.challenge), new Uint8Array([0, 1, 2]));
  assert.equal(new TextDecoder().decode(options.user.id), '1234');
  assert.equal(options.user.name, 'a');
  assert.equal(new TextDecoder().decode(options.excludeCredentials[0].id), 'abc');
  assert.deepEqual(options.excludeCredentials[0].transports, ['internal']);
  assert.equal(options.rp.id, 'localhost');
});

test('request options accept an object as well as a string, and leave the input untouched', () => {
  const allowCredentials = [{ id: 'YWJj', type: 'public-key' }];
  const input = { challenge: 'AAEC', rpId: 'localhost', allowCredentials };
  const options = requestOptions(input);
  assert.ok(options.challenge instanceof ArrayBuffer);
  assert.ok(options.allowCredentials[0].id instanceof ArrayBuffer);
  assert.equal(input.challenge, 'AAEC');
  assert.equal(requestOptions({ challenge: 'AAEC' }).allowCredentials, undefined);
});

test('a registration is encoded as py_webauthn reads it', () => {
  const credential = {
    id: 'YWJj',
    rawId: bytes(97, 98, 99),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    getClientExtensionResults: () => ({ credProps: { rk: true } }),
    response: { clientDataJSON: bytes(1), attestationObject: bytes(2, 3), getTransports: () => ['internal'] },
  };
  assert.deepEqual(registrationJSON(credential), {
    id: 'YWJj',
    rawId: 'YWJj',
    type: 'public-key',
    authenticatorAttachment: 'platform',
    clientExtensionResults: { credProps: { rk: true } },
    response: { clientDataJSON: 'AQ', attestationObject: 'AgM', transports: ['internal'] },
  });
});

test('an assertion carries its signature and user handle, null when the authenticator sent none', () => {
  const credential = {
    id: 'YWJj',
    rawId: bytes(97, 98, 99),
    type: 'public-key',
    getClientExtensionResults: () => ({}),
    response: {
      clientDataJSON: bytes(1),
      authenticatorData: bytes(2),
      signature: bytes(3),
      userHandle: bytes(4),
    },
  };
  assert.equal(authenticationJSON(credential).response.userHandle, 'BA');
  assert.equal(authenticationJSON(credential).response.signature, 'Aw');
  credential.response.userHandle = null;
  assert.equal(authenticationJSON(credential).response.userHandle, null);
});

test('a prompt closed by the person is a calm "try again", not a failure', () => {
  assert.equal(ceremonyFailureKey({ name: 'NotAllowedError' }), 'passkey.cancelled');
  assert.equal(ceremonyFailureKey({ name: 'InvalidStateError' }), 'passkey.alreadyHere');
  assert.equal(ceremonyFailureKey({ name: 'SecurityError' }), 'passkey.unsupported');
  assert.equal(ceremonyFailureKey(new TypeError('x')), 'passkey.failed');
});
