/**
 * Small resource types for framework tests. `Custom::Echo` answers what it is given and
 * records every call in a trace; its `Behaviour` property makes it fail in a chosen way.
 */
import * as z from 'zod/mini';
import {
  cfnInteger,
  defineResource,
  failed,
  ResourceError,
  succeeded,
} from '../../framework/index.js';

type TraceEntry = {
  readonly fn: string;
  readonly physicalId?: string;
  readonly replacing?: string;
  readonly properties?: unknown;
};

const trace: TraceEntry[] = [];

const Behaviours = [
  'ok',
  'mark-then-hang',
  'throw-error',
  'throw-string',
  'throw-undefined',
  'throw-null',
  'throw-object',
  'reject-late',
  'never',
  'return-nothing',
  'fail-partial',
  'crkit-error',
  'empty-id',
  'huge-data',
] as const;

async function behave(behaviour: string | undefined, signal: AbortSignal): Promise<unknown> {
  switch (behaviour) {
    case 'throw-error':
      throw new TypeError('cannot read properties of undefined (reading "GroupId")');
    case 'throw-string':
      throw 'plain string thrown';
    case 'throw-undefined':
      throw undefined;
    case 'throw-null':
      throw null;
    case 'throw-object':
      throw { message: 'an object' };
    case 'reject-late':
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new RangeError('late');
    case 'never':
      return new Promise(() => signal.throwIfAborted());
    case 'return-nothing':
      return 'nothing';
    case 'crkit-error':
      throw new ResourceError('the group name is taken by another stack');
    default:
      return undefined;
  }
}

const echoSchema = z.strictObject({
  Value: z.string(),
  Size: z.optional(cfnInteger({ min: 1, max: 10 })),
  Secret: z.optional(z.string()),
  Behaviour: z.optional(z.enum(Behaviours)),
});

const echo = defineResource({
  type: 'Custom::Echo',
  properties: echoSchema,
  replaceOn: ['Size'],
  sensitive: ['Secret'],
  attributes: ['Value'],
  iamStatements: [],
  create: async ({ properties, replacing, signal, markCreated }) => {
    trace.push({ fn: 'create', replacing: replacing?.physicalId, properties });
    if (properties.Behaviour === 'mark-then-hang')
      markCreated(`echo-${properties.Value}-${properties.Size ?? 1}`);
    const special = await behave(
      properties.Behaviour === 'mark-then-hang' ? 'never' : properties.Behaviour,
      signal,
    );
    if (special === 'nothing') return undefined as never;
    const id = `echo-${properties.Value}-${properties.Size ?? 1}`;
    if (properties.Behaviour === 'fail-partial')
      return failed('tagging failed after creating the thing', id);
    if (properties.Behaviour === 'empty-id') return succeeded('');
    if (properties.Behaviour === 'huge-data')
      return succeeded(
        id,
        Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`A${i}`, 'v'.repeat(60)])),
      );
    return succeeded(id, { Value: properties.Value });
  },
  update: async ({ properties, physicalId, signal }) => {
    trace.push({ fn: 'update', physicalId, properties });
    await behave(properties.Behaviour, signal);
    return succeeded(physicalId, { Value: properties.Value });
  },
  delete: async ({ physicalId, properties, signal }) => {
    trace.push({ fn: 'delete', physicalId, properties });
    await behave(properties?.Behaviour, signal);
    return succeeded(physicalId);
  },
});

const rollbackAware = defineResource({
  ...echo,
  type: 'Custom::RollbackAware',
  rollback: async ({ physicalId, properties }) => {
    trace.push({ fn: 'rollback', physicalId, properties });
    return succeeded(physicalId, { Value: properties.Value });
  },
});

export { echo, rollbackAware, trace };
export type { TraceEntry };

/** A replacement that creates its new resource, then fails; its delete is traced. */
const halfReplaced = defineResource({
  ...echo,
  type: 'Custom::HalfReplaced',
  create: async ({ properties, replacing }) => {
    trace.push({ fn: 'create', replacing: replacing?.physicalId, properties });
    if (properties.Behaviour === 'throw-error')
      throw new ResourceError('tagging the new thing failed', {
        physicalId: `half-${properties.Size ?? 1}`,
      });
    return failed('tagging the new thing failed', `half-${properties.Size ?? 1}`);
  },
  delete: async ({ physicalId, action }) => {
    trace.push({ fn: `delete:${action}`, physicalId });
    if (physicalId === 'half-9') return failed('the thing is still in use');
    return succeeded(physicalId);
  },
});

export { halfReplaced };
