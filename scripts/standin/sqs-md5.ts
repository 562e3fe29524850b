/**
 * The MD5 digests SQS returns: of the body (which the SDK verifies) and of the message
 * attributes (SQS's length-prefixed encoding, sorted by name).
 */
import { createHash } from 'node:crypto';
import type { MessageAttribute } from './sqs-messages.js';

/** Hex MD5 of a UTF-8 string. */
const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

const lengthPrefixed = (bytes: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/** `MD5OfMessageAttributes`, or `undefined` when there are none. */
const md5OfAttributes = (
  attributes: Readonly<Record<string, MessageAttribute>>,
): string | undefined => {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const attribute = attributes[name] as MessageAttribute;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')));
    const binary = attribute.BinaryValue !== undefined;
    hash.update(Buffer.from([binary ? 2 : 1]));
    hash.update(
      lengthPrefixed(
        binary
          ? Buffer.from(attribute.BinaryValue ?? '', 'base64')
          : Buffer.from(attribute.StringValue ?? '', 'utf8'),
      ),
    );
  }
  return hash.digest('hex');
};

export { md5Hex, md5OfAttributes };
