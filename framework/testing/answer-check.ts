/**
 * The answer validator: judges one answer CloudFormation received against the request it
 * answers, by the framework's own protocol rules — status, echoed ids, a usable physical id
 * (1–1024 bytes) kept on Delete, replacement exactly when a replace-on property changed
 * (compared on parsed values, as the framework decides it), NoEcho whenever Data carries a
 * secret, a Reason on FAILED that carries no secret, and a body of at most 4096 bytes. What it
 * reports names properties and rules, never a secret's value.
 */
import { parseProperties, sensitiveValues } from '../properties.js';
import type { PropertiesSchema } from '../properties.js';
import { isUsablePhysicalId, MaxPhysicalIdBytes } from '../physical-id.js';
import { MinSecretLength, Redactor } from '../redaction.js';
import { MaxBodyBytes, Statuses } from '../answer/body.js';
import { needsReplacement } from '../run.js';

/** The fields of a request an answer is judged against (a CloudFormation event fits). */
type CheckedRequest = {
  readonly RequestType?: unknown;
  readonly StackId?: unknown;
  readonly RequestId?: unknown;
  readonly LogicalResourceId?: unknown;
  readonly PhysicalResourceId?: unknown;
  readonly ResourceProperties?: unknown;
  readonly OldResourceProperties?: unknown;
};

/** What the validator needs of a resource definition (any `ResourceDefinition` fits). */
type CheckedDefinition = {
  readonly properties: PropertiesSchema;
  readonly replaceOn: readonly string[];
  readonly sensitive?: readonly string[] | undefined;
};

/**
 * A value that must never be shown, and what it is the value of (a property, a NoEcho attribute).
 */
type NamedSecret = { readonly property: string; readonly value: string };

/** The rule an answer breaks. */
type AnswerRule =
  | 'body'
  | 'size'
  | 'status'
  | 'ids'
  | 'physical-id'
  | 'id-on-delete'
  | 'replacement'
  | 'reason'
  | 'no-echo'
  | 'secret-in-reason';

/** One broken rule, said without quoting any secret. */
type AnswerViolation = { readonly rule: AnswerRule; readonly message: string };

/** One answer to judge. */
type AnswerCheckInput = {
  readonly request: CheckedRequest;
  /** The body as received (bytes or text), or its parsed document. */
  readonly answer: string | Uint8Array | object;
  /**
   * The type that answered: without it, replacement and secrets are not judged. @default undefined
   */
  readonly definition?: CheckedDefinition | undefined;
  /** Other values that must not appear unmasked (NoEcho values answered earlier). @default [] */
  readonly secrets?: readonly NamedSecret[] | undefined;
};

type Props = Record<string, unknown>;

const propsOf = (value: unknown): Props =>
  typeof value === 'object' && value !== null ? (value as Props) : {};

/**
 * Every value of the definition's sensitive properties in the request (new and old
 * properties), raw and in the form the schema parses it into, each named by its property.
 * @example
 * requestSecrets(definition, event) // [{ property: 'Password', value: 'hunter2…' }]
 */
function requestSecrets(definition: CheckedDefinition, request: CheckedRequest): NamedSecret[] {
  const found = new Map<string, NamedSecret>();
  for (const raw of [request.ResourceProperties, request.OldResourceProperties].map(propsOf)) {
    const parsed = parseProperties(definition.properties, raw);
    for (const property of definition.sensitive ?? []) {
      const values = [
        ...sensitiveValues([property], raw),
        ...(parsed.ok ? sensitiveValues([property], parsed.value) : []),
      ];
      for (const value of values) found.set(`${property}\n${value}`, { property, value });
    }
  }
  return [...found.values()];
}

/**
 * The replace-on properties an Update changes, judged as the framework judges them: on parsed
 * values (`3` and `"3"` are the same), on raw text when the old properties do not parse.
 * @example
 * replaceOnChanges(definition, {
 *   RequestType: 'Update', ResourceProperties: { Size: '3' }, OldResourceProperties: { Size: 3 },
 * }) // []
 */
function replaceOnChanges(definition: CheckedDefinition, request: CheckedRequest): string[] {
  const rawNext = propsOf(request.ResourceProperties);
  const rawOld = propsOf(request.OldResourceProperties);
  const next = parseProperties(definition.properties, rawNext);
  const old = parseProperties(definition.properties, rawOld);
  const parsedNext = next.ok ? next.value : rawNext;
  const parsedOld = old.ok ? old.value : undefined;
  return definition.replaceOn.filter((key) =>
    needsReplacement({ replaceOn: [key] }, parsedNext, parsedOld, rawNext, rawOld),
  );
}

/**
 * The values of a NoEcho answer's Data the framework keeps masked from then on, each named by its
 * attribute: those of at least 8 characters, less what is public anyway (the physical id, and
 * the values of the request's properties that are not sensitive, which the template shows).
 * @example
 * const secrets = noEchoSecrets(definition, event, answer);
 * // [{ property: 'NoEcho attribute Token', value: '…' }]
 */
function noEchoSecrets(
  definition: CheckedDefinition,
  request: CheckedRequest,
  answer: object,
): NamedSecret[] {
  const document = answer as Props;
  if (document.NoEcho !== true) return [];
  const sensitive = new Set(definition.sensitive ?? []);
  const visible = Object.entries(propsOf(request.ResourceProperties)).filter(
    ([key]) => !sensitive.has(key),
  );
  const known = new Set([
    String(document.PhysicalResourceId),
    ...sensitiveValues(
      visible.map(([key]) => key),
      Object.fromEntries(visible),
    ),
  ]);
  return Object.entries(propsOf(document.Data))
    .map(([key, value]) => ({ property: `NoEcho attribute ${key}`, value: String(value) }))
    .filter((secret) => secret.value.length >= MinSecretLength && !known.has(secret.value));
}

const noSecrets = new Redactor();

function redactorOf(values: readonly string[]): Redactor {
  const redactor = new Redactor();
  redactor.add(values);
  return redactor;
}

/** The properties whose values `text` carries where the framework would mask them. */
function carriedBy(
  secrets: readonly NamedSecret[],
  changes: (redactor: Redactor) => boolean,
): string[] {
  const properties = [...new Set(secrets.map((secret) => secret.property))];
  return properties.filter((property) =>
    changes(
      redactorOf(
        secrets.filter((secret) => secret.property === property).map((secret) => secret.value),
      ),
    ),
  );
}

function parseLine(
  text: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Which secrets a text (a log line, a Reason) carries where the framework masks them — one of
 * 8 characters or more anywhere, a shorter one as a whole field value — and the text redacted.
 * @example
 * const { properties, redacted } = secretsIn(line, requestSecrets(definition, event));
 */
function secretsIn(
  text: string,
  secrets: readonly NamedSecret[],
): { readonly properties: string[]; readonly redacted: string } {
  const parsed = parseLine(text);
  const render = parsed.ok
    ? (redactor: Redactor) => JSON.stringify(redactor.value(parsed.value))
    : (redactor: Redactor) => redactor.field(text);
  const plain = render(noSecrets);
  const properties = carriedBy(secrets, (redactor) => render(redactor) !== plain);
  return {
    properties,
    redacted:
      properties.length === 0 ? text : render(redactorOf(secrets.map((secret) => secret.value))),
  };
}

function bodyOf(answer: AnswerCheckInput['answer']): {
  readonly bytes: number;
  readonly document: Props | undefined;
} {
  if (typeof answer === 'string' || answer instanceof Uint8Array) {
    const text = typeof answer === 'string' ? answer : Buffer.from(answer).toString('utf8');
    const parsed = parseLine(text);
    const document =
      parsed.ok &&
      typeof parsed.value === 'object' &&
      parsed.value !== null &&
      !Array.isArray(parsed.value)
        ? (parsed.value as Props)
        : undefined;
    return { bytes: Buffer.byteLength(text), document };
  }
  return { bytes: Buffer.byteLength(JSON.stringify(answer)), document: answer as Props };
}

function idViolations(request: CheckedRequest, document: Props): AnswerViolation[] {
  const violations: AnswerViolation[] = [];
  if (document.Status !== Statuses.success && document.Status !== Statuses.failed)
    violations.push({
      rule: 'status',
      message: `Status is ${JSON.stringify(document.Status) ?? 'missing'}, not SUCCESS or FAILED`,
    });
  for (const key of ['StackId', 'RequestId', 'LogicalResourceId'] as const) {
    if (document[key] !== request[key])
      violations.push({ rule: 'ids', message: `${key} does not echo the request's` });
  }
  const id = document.PhysicalResourceId;
  if (!isUsablePhysicalId(id)) {
    const what =
      typeof id !== 'string' ? 'missing' : id === '' ? 'empty' : `${Buffer.byteLength(id)} bytes`;
    violations.push({
      rule: 'physical-id',
      message:
        `PhysicalResourceId is ${what}; CloudFormation accepts 1 to ${MaxPhysicalIdBytes} ` +
        `bytes`,
    });
  } else if (request.RequestType === 'Delete' && id !== request.PhysicalResourceId) {
    violations.push({
      rule: 'id-on-delete',
      message: `a Delete of ${String(request.PhysicalResourceId)} was answered with ${id}`,
    });
  }
  return violations;
}

function replacementViolations(
  definition: CheckedDefinition,
  request: CheckedRequest,
  document: Props,
): AnswerViolation[] {
  if (
    request.RequestType !== 'Update' ||
    document.Status !== Statuses.success ||
    !isUsablePhysicalId(document.PhysicalResourceId)
  )
    return [];
  const sent = String(request.PhysicalResourceId);
  const answered = document.PhysicalResourceId;
  const changed = replaceOnChanges(definition, request);
  if (changed.length === 0 && answered !== sent)
    return [
      {
        rule: 'replacement',
        message:
          `the update answered ${answered} for ${sent} (a replacement) though no ` +
          `replace-on property changed`,
      },
    ];
  if (changed.length > 0 && answered === sent)
    return [
      {
        rule: 'replacement',
        message:
          `replace-on ${changed.join(', ')} changed but the update kept ${sent}: the ` +
          `cleanup Delete would remove the live resource`,
      },
    ];
  return [];
}

function secretViolations(document: Props, secrets: readonly NamedSecret[]): AnswerViolation[] {
  const violations: AnswerViolation[] = [];
  /** The secrets whose value `text` carries, read as a field value or as free text. */
  const carrying = (text: string, form: 'field' | 'text') =>
    carriedBy(secrets, (redactor) => redactor[form](text) !== noSecrets[form](text));
  if (document.NoEcho !== true) {
    for (const [key, raw] of Object.entries(propsOf(document.Data))) {
      const value = String(raw);
      for (const property of carrying(value, 'field')) {
        const message = `Data.${key} carries the value of ${property} without NoEcho`;
        violations.push({ rule: 'no-echo', message });
      }
      if (noSecrets.field(value) !== value) {
        const message = `Data.${key} carries a URL query without NoEcho`;
        violations.push({ rule: 'no-echo', message });
      }
    }
  }
  if (typeof document.Reason === 'string') {
    for (const property of carrying(document.Reason, 'text')) {
      const message = `the Reason carries the value of ${property}`;
      violations.push({ rule: 'secret-in-reason', message });
    }
  }
  return violations;
}

function reasonViolations(document: Props): AnswerViolation[] {
  if (document.Status !== Statuses.failed) return [];
  if (typeof document.Reason !== 'string' || document.Reason.trim() === '')
    return [{ rule: 'reason', message: 'a FAILED answer gives no Reason' }];
  if (document.Reason === 'failed (no reason given)')
    return [
      {
        rule: 'reason',
        message: 'a FAILED answer whose Reason says nothing: the resource gave no reason',
      },
    ];
  return [];
}

/**
 * The protocol rules one answer breaks, in a stable order; empty when it keeps them all.
 * @example
 * expect(checkAnswer({ request: event, answer: received.text, definition })).toEqual([]);
 */
function checkAnswer(input: AnswerCheckInput): AnswerViolation[] {
  const { bytes, document } = bodyOf(input.answer);
  if (document === undefined) return [{ rule: 'body', message: 'the body is not a JSON object' }];
  const violations: AnswerViolation[] = [];
  if (bytes > MaxBodyBytes)
    violations.push({
      rule: 'size',
      message: `the body is ${bytes} bytes; CloudFormation accepts at most ${MaxBodyBytes}`,
    });
  violations.push(...idViolations(input.request, document));
  if (input.definition !== undefined)
    violations.push(...replacementViolations(input.definition, input.request, document));
  violations.push(...reasonViolations(document));
  const secrets = [
    ...(input.definition === undefined ? [] : requestSecrets(input.definition, input.request)),
    ...(input.secrets ?? []),
  ];
  violations.push(...secretViolations(document, secrets));
  return violations;
}

export { checkAnswer, noEchoSecrets, replaceOnChanges, requestSecrets, secretsIn };
export type {
  AnswerCheckInput,
  AnswerRule,
  AnswerViolation,
  CheckedDefinition,
  CheckedRequest,
  NamedSecret,
};
