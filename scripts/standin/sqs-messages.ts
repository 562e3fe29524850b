/**
 * Messages sent to any SQS queue, held until a test takes them.
 */

/** One SQS message attribute as sent (`StringValue` or `BinaryValue` in base64). */
type MessageAttribute = {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
};

/** One message the stand-in received through SendMessage. */
type SentMessage = {
  readonly messageId: string;
  readonly queueUrl: string;
  /** Queue name: the last path segment of the queue URL. */
  readonly queueName: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly delaySeconds: number;
  readonly messageAttributes: Readonly<Record<string, MessageAttribute>>;
  /** Epoch milliseconds. */
  readonly sentTimestamp: number;
};

/** The in-memory queue of sent messages, across all queues. */
class MessageStore {
  #messages: SentMessage[] = [];

  add(message: SentMessage): void {
    this.#messages.push(message);
  }

  /** Removes and returns messages, optionally only those of one queue (by name or URL). */
  take(queue?: string): SentMessage[] {
    const matches = (m: SentMessage): boolean =>
      queue === undefined || m.queueName === queue || m.queueUrl === queue;
    const taken = this.#messages.filter(matches);
    this.#messages = this.#messages.filter((m) => !matches(m));
    return taken;
  }

  /** How many messages are waiting. */
  get size(): number {
    return this.#messages.length;
  }
}

export { MessageStore };
export type { SentMessage, MessageAttribute };
