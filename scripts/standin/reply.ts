/**
 * The protocol-neutral answer a service handler gives the HTTP server.
 */

/** One HTTP answer plus what the call log should record about it. */
type Reply = {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The AWS error code, when the reply is an error. */
  readonly code?: string;
  /** True when the action is not implemented by the stand-in. */
  readonly unimplemented?: boolean;
};

/** The `InvalidAction` message for actions the stand-in does not implement. */
const unimplementedMessage = (service: string, action: string): string =>
  `The local crkit AWS stand-in does not implement ${service}:${action || '(no action)'}`;

export { unimplementedMessage };
export type { Reply };
