/**
 * A faster clock for the bench's time-lapsed processes, and for nothing else: loaded with
 * `--import` (the bench's driver) or NODE_OPTIONS (the handler processes it starts), never by
 * production code. With CRKIT_TIMELAPSE_FACTOR = k, time runs k times faster: Date.now,
 * `new Date()`, performance.now, setTimeout/setInterval (global, node:timers and
 * node:timers/promises) and AbortSignal.timeout. Every process given the same
 * CRKIT_TIMELAPSE_ORIGIN (epoch ms at which the scaled and the real clock agree) shares one
 * clock, so times taken in different processes compare. A factor of 1 (or none) changes nothing.
 * process.hrtime is left alone.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { promisify } from 'node:util';

type AnyFunction = (...args: never[]) => unknown;

const factor = Number(process.env.CRKIT_TIMELAPSE_FACTOR ?? '1');
const origin = Number(process.env.CRKIT_TIMELAPSE_ORIGIN ?? String(Date.now()));

/** A delay in scaled ms as the real ms it lasts. */
const scaled = (ms: unknown): unknown => (typeof ms === 'number' && ms > 0 ? ms / factor : ms);

function scaleDate(): void {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  const now = (): number => Math.floor(origin + (realNow() - origin) * factor);
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args: unknown[], newTarget) =>
      Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as object,
    apply: () => new RealDate(now()).toString(),
    get: (target, key, receiver) => (key === 'now' ? now : Reflect.get(target, key, receiver)),
  });
  const realPerformanceNow = performance.now.bind(performance);
  Object.defineProperty(performance, 'now', {
    value: () => realPerformanceNow() * factor,
    configurable: true,
    writable: true,
  });
}

function scaleTimers(): void {
  const originalSetTimeout = globalThis.setTimeout;
  const require = createRequire(import.meta.url);
  const timers = require('node:timers') as Record<string, AnyFunction>;
  const promises = require('node:timers/promises') as Record<string, AnyFunction>;
  const wrap = (real: AnyFunction): AnyFunction => {
    const wrapped = (callback: never, ms: never, ...rest: never[]) =>
      real(callback, scaled(ms) as never, ...rest);
    return Object.assign(wrapped, real);
  };
  const setTimeoutScaled = wrap(globalThis.setTimeout as unknown as AnyFunction);
  const setIntervalScaled = wrap(globalThis.setInterval as unknown as AnyFunction);
  const realSleep = promises.setTimeout as AnyFunction;
  const realEvery = promises.setInterval as AnyFunction;
  const sleepScaled = (ms: never, ...rest: never[]) => realSleep(scaled(ms) as never, ...rest);
  const everyScaled = (ms: never, ...rest: never[]) => realEvery(scaled(ms) as never, ...rest);
  Object.defineProperty(setTimeoutScaled, promisify.custom, { value: sleepScaled });
  Object.assign(globalThis, { setTimeout: setTimeoutScaled, setInterval: setIntervalScaled });
  Object.assign(timers, { setTimeout: setTimeoutScaled, setInterval: setIntervalScaled });
  Object.assign(promises, { setTimeout: sleepScaled, setInterval: everyScaled });
  syncBuiltinESMExports();
  // Node's own AbortSignal.timeout may read the patched timers or not, depending on when it first
  // loads them: one built on the real timer is scaled exactly once. Like Node's, it does not keep
  // the process alive.
  AbortSignal.timeout = (ms: number) => {
    const controller = new AbortController();
    originalSetTimeout(
      () =>
        controller.abort(
          new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
        ),
      scaled(ms) as number,
    ).unref();
    return controller.signal;
  };
}

if (Number.isFinite(factor) && factor > 0 && factor !== 1 && Number.isFinite(origin)) {
  scaleDate();
  scaleTimers();
}
