/**
 * The signed envelope around a continuation message. Anyone who may send to the queue, or invoke
 * the function with an SQS-shaped event, can write a body in crkit's format; only the handler
 * holds the key, so only a body whose MAC verifies is crkit's own. The MAC (HMAC-SHA-256) covers
 * a fixed label and the exact payload text, so no byte of the message can change unnoticed, and
 * nothing is parsed or acted on before it verifies.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Names the envelope, and the purpose the MAC is bound to. */
const EnvelopeLabel = 'crkit.continuation.v2';

/** A body judged by its shape alone: payload text and MAC, not yet verified. */
type Envelope = { readonly payload: string; readonly mac: string };

/** Longest MAC text accepted (base64url of 32 bytes is 43 characters). */
const maxMacLength = 64;

function macOf(payload: string, key: Uint8Array): Buffer {
  return createHmac('sha256', key).update(`${EnvelopeLabel}\n`).update(payload).digest();
}

/**
 * The queue body for a payload: the payload and its MAC.
 * @example
 * const body = sealEnvelope(JSON.stringify(message), key);
 */
function sealEnvelope(payload: string, key: Uint8Array): string {
  return JSON.stringify({
    envelope: EnvelopeLabel,
    payload,
    mac: macOf(payload, key).toString('base64url'),
  });
}

/**
 * The envelope of a body, by shape only (no key needed), or why it is not one. Lets a forged
 * body be refused before the key is even read.
 * @example
 * const envelope = envelopeOf(record.body);
 * if (typeof envelope === 'string') log.record('crkit.rejected', { why: envelope });
 */
function envelopeOf(body: string): Envelope | string {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return 'the message is not JSON';
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return 'the message is not a JSON object';
  const { envelope, payload, mac } = raw as Record<string, unknown>;
  if (
    envelope !== EnvelopeLabel ||
    typeof payload !== 'string' ||
    typeof mac !== 'string' ||
    mac.length > maxMacLength
  ) {
    return `the message is not a signed ${EnvelopeLabel} envelope`;
  }
  return { payload, mac };
}

/**
 * True when the envelope's MAC is the one `key` gives its payload (compared in constant time).
 * @example
 * if (!verifiesWith(envelope, key)) return reject('its signature does not match');
 */
function verifiesWith(envelope: Envelope, key: Uint8Array): boolean {
  const expected = macOf(envelope.payload, key);
  const given = Buffer.from(envelope.mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export { envelopeOf, sealEnvelope, verifiesWith };
export type { Envelope };
