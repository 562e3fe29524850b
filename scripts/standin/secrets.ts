/**
 * Secrets Manager secrets the stand-in keeps: each with the ARN Secrets Manager would give it
 * (name, a hyphen and six random characters), one current version, found by ARN, by partial ARN
 * (without the six characters) or by name.
 */
import { randomBytes, randomUUID } from 'node:crypto';

/** One secret and its current version. */
type SecretRecord = {
  readonly arn: string;
  readonly name: string;
  value: string;
  versionId: string;
  createdDate: Date;
};

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Six random letters and digits, as Secrets Manager appends to a secret's name in its ARN. */
const arnSuffix = (): string =>
  [...randomBytes(6)].map((byte) => SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length]).join('');

/** All secrets. */
class SecretStore {
  #secrets: SecretRecord[] = [];
  readonly #region: string;
  readonly #account: string;

  constructor(region: string, account: string) {
    this.#region = region;
    this.#account = account;
  }

  /** Creates a secret, or gives an existing one a new current version; returns it. */
  put(name: string, value: string): SecretRecord {
    if (name === '') throw new TypeError('A secret needs a name');
    const existing = this.#secrets.find((secret) => secret.name === name);
    if (existing) {
      Object.assign(existing, { value, versionId: randomUUID(), createdDate: new Date() });
      return existing;
    }
    const secret: SecretRecord = {
      arn: `arn:aws:secretsmanager:${this.#region}:${this.#account}:secret:${name}-${arnSuffix()}`,
      name,
      value,
      versionId: randomUUID(),
      createdDate: new Date(),
    };
    this.#secrets.push(secret);
    return secret;
  }

  /** Finds by ARN, partial ARN or name. */
  find(secretId: string): SecretRecord | undefined {
    return this.#secrets.find(
      (secret) =>
        secret.arn === secretId || secret.arn.slice(0, -7) === secretId || secret.name === secretId,
    );
  }
}

export { SecretStore };
export type { SecretRecord };
