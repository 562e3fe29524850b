/**
 * Check `encryption`: every queue and topic a crkit handler uses (its continuation queue and
 * dead-letter queues, its request and audit topics) is encrypted with a KMS key declared in the
 * crkit stacks, not with an AWS managed or SQS-owned key, because they carry ResponseURLs and
 * property values; a key that encrypts a retained queue is retained too (or the queue's messages
 * become unreadable); and the continuation secret is generated (64 characters, no punctuation) and
 * encrypted with such a key.
 */
import { crkitWiring } from './crkit-wiring.js';
import { declaredKey, describeKeyValue } from './crkit-key.js';
import { crkitFunctions, same, type Located, type TemplateSet } from './template-set.js';
import { isObject, type Finding, type LoadedTemplate } from './template.js';

/** The shape of the continuation secret's generated value. */
const SecretLength = 64;

/**
 * Reports unencrypted or AWS-key-encrypted queues and topics, unretained keys of retained queues,
 * and a continuation secret that is not what the function expects.
 * @example
 * const findings = checkEncryption(state, { all: [state, handler] });
 */
function checkEncryption(template: LoadedTemplate, set: TemplateSet): Finding[] {
  const findings = new Map<string, Finding>();
  const report = (path: string, message: string) =>
    findings.set(`${path} ${message}`, { check: 'encryption', file: template.file, path, message });
  for (const fn of crkitFunctions(set)) {
    const wiring = crkitWiring(set, fn);
    const encrypted = [
      ...wiring.queues.map((wired) => ({ located: wired.queue, role: wired.role })),
      ...wiring.topics.map((wired) => ({ located: wired.topic, role: wired.role })),
    ];
    const retainedByKey = new Map<Located, string[]>();
    for (const { located, role } of encrypted) {
      const value = located.resource.Properties?.KmsMasterKeyId;
      const key = declaredKey(set, located.template, value);
      if (located.template === template && key === undefined) {
        report(
          `Resources.${located.name}.Properties.KmsMasterKeyId`,
          `${located.name} (${role} of ${fn.name}) must be encrypted with a KMS key of ` +
            `the crkit stacks, not ${describeKeyValue(value)}`,
        );
      }
      if (
        key?.template === template &&
        located.resource.DeletionPolicy === 'Retain' &&
        key.resource.DeletionPolicy !== 'Retain'
      ) {
        const known = [...retainedByKey.keys()].find((candidate) => same(candidate, key)) ?? key;
        retainedByKey.set(known, [...(retainedByKey.get(known) ?? []), located.name]);
      }
    }
    for (const [key, queues] of retainedByKey) {
      report(
        `Resources.${key.name}`,
        `${key.name} encrypts the retained ${queues.join(', ')}; give it DeletionPolicy: ` +
          `Retain, or their messages cannot be read once the stack is gone`,
      );
    }
    if (wiring.secret?.template === template) checkSecret(wiring.secret, set, report);
  }
  return [...findings.values()];
}

/**
 * The continuation secret: a generated 64-character string without punctuation, encrypted with
 * crkit's key.
 */
function checkSecret(
  secret: Located,
  set: TemplateSet,
  report: (path: string, message: string) => void,
): void {
  const path = `Resources.${secret.name}`;
  if (secret.resource.Type !== 'AWS::SecretsManager::Secret')
    return void report(
      path,
      `CRKIT_CONTINUATION_SECRET_ARN names ${secret.name}, which is not an ` +
        `AWS::SecretsManager::Secret`,
    );
  const properties = secret.resource.Properties ?? {};
  if (declaredKey(set, secret.template, properties.KmsKeyId) === undefined) {
    report(
      `${path}.Properties.KmsKeyId`,
      `the continuation secret must be encrypted with a KMS key of the crkit stacks, not ` +
        `${describeKeyValue(properties.KmsKeyId)}`,
    );
  }
  const generate = properties.GenerateSecretString;
  const length = isObject(generate) ? Number(generate.PasswordLength) : Number.NaN;
  const noPunctuation = isObject(generate) && String(generate.ExcludePunctuation) === 'true';
  const plain = isObject(generate) && generate.SecretStringTemplate === undefined;
  if (length !== SecretLength || !noPunctuation || !plain) {
    report(
      `${path}.Properties.GenerateSecretString`,
      `the continuation secret must be generated as a plain ${SecretLength}-character ` +
        `string without punctuation (PasswordLength: ${SecretLength}, ExcludePunctuation: ` +
        `true, no SecretStringTemplate)`,
    );
  }
}

export { checkEncryption };
