/**
 * What a crkit handler function is wired to, across the templates of a set: the queues it sends to
 * or reads (and their dead-letter queues), the topics it is invoked from or publishes to, its
 * continuation secret and its role. The security checks look at these and nothing else, so other
 * templates' queues and topics are left alone.
 */
import { valuesOf } from './policy-statements.js';
import { resolveResource, same, type Located, type TemplateSet } from './template-set.js';
import { isObject, type Json, type JsonObject, type LoadedTemplate } from './template.js';

/**
 * Who may send to a queue: the handler's role (continuations, failed invocations) or nobody (a
 * redrive target).
 */
type Senders = 'handler' | 'nobody';

/** A queue the handler uses, why, and who may send to it. */
type WiredQueue = { readonly queue: Located; readonly role: string; readonly senders: Senders };

/** A topic the handler uses, and why. */
type WiredTopic = { readonly topic: Located; readonly role: string };

/** Everything a crkit function is wired to. */
type CrkitWiring = {
  readonly fn: Located;
  readonly role: Located | undefined;
  readonly queues: readonly WiredQueue[];
  readonly topics: readonly WiredTopic[];
  /** What CRKIT_CONTINUATION_SECRET_ARN names, when it names a resource of the set. */
  readonly secret: Located | undefined;
};

/** The function's environment variables. */
function environmentOf(fn: Located): JsonObject {
  const environment = fn.resource.Properties?.Environment;
  const variables = isObject(environment) ? environment.Variables : undefined;
  return isObject(variables) ? variables : {};
}

/** Resources a value may name: each branch of an `Fn::If`, each list item. */
function resolveAll(
  set: TemplateSet,
  template: LoadedTemplate,
  value: Json | undefined,
): Located[] {
  return valuesOf(value).flatMap((item) => resolveResource(set, template, item) ?? []);
}

/** Resources of a type in every template of the set whose property `key` names `target`. */
function pointingAt(set: TemplateSet, type: string, key: string, target: Located): Located[] {
  return set.all.flatMap((template) =>
    Object.entries(template.resources)
      .filter(
        ([, resource]) =>
          resource.Type === type &&
          resolveAll(set, template, resource.Properties?.[key]).some((found) =>
            same(found, target),
          ),
      )
      .map(([name, resource]) => ({ template, name, resource })),
  );
}

/**
 * Collects what a crkit function is wired to.
 * @example
 * const { queues } = crkitWiring(set, crkitFunctions(set)[0]!);
 * queues.map((wired) => `${wired.queue.name}: ${wired.senders}`);
 * // ['ContinuationQueue: handler', …]
 */
function crkitWiring(set: TemplateSet, fn: Located): CrkitWiring {
  const environment = environmentOf(fn);
  const queues: WiredQueue[] = [];
  const addQueue = (queue: Located, role: string, senders: Senders) => {
    if (
      queue.resource.Type !== 'AWS::SQS::Queue' ||
      queues.some((wired) => same(wired.queue, queue))
    )
      return;
    queues.push({ queue, role, senders });
  };
  for (const queue of resolveAll(set, fn.template, environment.CRKIT_CONTINUATION_QUEUE_URL))
    addQueue(queue, 'the continuation queue', 'handler');
  for (const mapping of pointingAt(set, 'AWS::Lambda::EventSourceMapping', 'FunctionName', fn)) {
    for (const queue of resolveAll(
      set,
      mapping.template,
      mapping.resource.Properties?.EventSourceArn,
    ))
      addQueue(queue, `the queue ${mapping.name} reads`, 'handler');
  }
  for (const config of pointingAt(set, 'AWS::Lambda::EventInvokeConfig', 'FunctionName', fn)) {
    const destinations = config.resource.Properties?.DestinationConfig;
    for (const outcome of ['OnFailure', 'OnSuccess']) {
      const destination =
        isObject(destinations) && isObject(destinations[outcome])
          ? destinations[outcome].Destination
          : undefined;
      for (const queue of resolveAll(set, config.template, destination))
        addQueue(queue, `the ${outcome} destination of ${config.name}`, 'handler');
    }
  }
  const deadLetter = fn.resource.Properties?.DeadLetterConfig;
  for (const queue of resolveAll(
    set,
    fn.template,
    isObject(deadLetter) ? deadLetter.TargetArn : undefined,
  ))
    addQueue(queue, "the function's dead-letter queue", 'handler');
  for (const wired of [...queues]) {
    const redrive = wired.queue.resource.Properties?.RedrivePolicy;
    const target = isObject(redrive) ? redrive.deadLetterTargetArn : undefined;
    for (const queue of resolveAll(set, wired.queue.template, target))
      addQueue(queue, `the dead-letter queue of ${wired.queue.name}`, 'nobody');
  }
  const topics: WiredTopic[] = [];
  const addTopic = (topic: Located, role: string) => {
    if (
      topic.resource.Type !== 'AWS::SNS::Topic' ||
      topics.some((wired) => same(wired.topic, topic))
    )
      return;
    topics.push({ topic, role });
  };
  for (const subscription of pointingAt(set, 'AWS::SNS::Subscription', 'Endpoint', fn)) {
    for (const topic of resolveAll(
      set,
      subscription.template,
      subscription.resource.Properties?.TopicArn,
    ))
      addTopic(topic, 'the request topic');
  }
  for (const topic of resolveAll(set, fn.template, environment.CRKIT_AUDIT_TOPIC_ARN))
    addTopic(topic, 'the audit topic');
  const secret = resolveAll(set, fn.template, environment.CRKIT_CONTINUATION_SECRET_ARN)[0];
  const role = resolveResource(set, fn.template, fn.resource.Properties?.Role);
  return { fn, role, queues, topics, secret };
}

export { crkitWiring, environmentOf, resolveAll };
export type { CrkitWiring, Senders, WiredQueue, WiredTopic };
