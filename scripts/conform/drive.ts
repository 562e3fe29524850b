/**
 * The request sequences the kit plays against a definition, each one CloudFormation really
 * sends: create, redelivery to the same and to a new container, update (in place or
 * replacing, with its cleanup Delete), rollback update, delete, delete again, and a failed
 * create followed by the rollback Delete of its marker. When the type defines `read`, the
 * resource is read after create, after the update and after delete.
 */
import type { Exchange, Harness } from './harness.js';
import type { ReadProbe } from './read-probe.js';

/** Reads the resource as a drift check would (see read-probe.ts). */
type Probe = (
  label: string,
  physicalId: string,
  properties: Record<string, unknown>,
  withAlteration: boolean,
) => Promise<ReadProbe>;

/** What the kit drives the definition with. */
type DriveInput = {
  readonly properties: Record<string, unknown>;
  /** Properties for an update; without them no update is played. */
  readonly update: Record<string, unknown> | undefined;
  /** Counts AWS calls that created something (from the stand-in), when known. */
  readonly creations: (() => number) | undefined;
  /** Present when the type defines `read`. @default no reads */
  readonly probe?: Probe | undefined;
};

/** The exchanges by role, and creation counts around the fresh redelivery. */
type Driven = {
  readonly create: Exchange;
  readonly warmRedelivery: Exchange;
  readonly freshRedelivery: Exchange;
  readonly freshCreations: number | undefined;
  readonly update: Exchange | undefined;
  readonly cleanup: Exchange | undefined;
  readonly rollback: Exchange | undefined;
  readonly delete: Exchange;
  readonly deleteMissing: Exchange;
  readonly failedCreate: Exchange;
  readonly markerDelete: Exchange;
  /** The reads made (none when the type defines no `read`). */
  readonly reads: readonly ReadProbe[];
};

const answeredId = (exchange: Exchange): string | undefined => {
  const id = exchange.answers[0]?.PhysicalResourceId;
  return typeof id === 'string' ? id : undefined;
};

/** CloudFormation sends every scalar as a string. */
function asSent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asSent);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asSent(item)]));
  return value === null || value === undefined ? value : String(value);
}

async function playUpdate(
  harness: Harness,
  input: DriveInput,
  id: string,
  reads: ReadProbe[],
): Promise<
  Pick<Driven, 'update' | 'cleanup' | 'rollback'> & {
    readonly id: string;
    readonly properties: Record<string, unknown>;
  }
> {
  const properties = asSent(input.properties) as Record<string, unknown>;
  if (input.update === undefined)
    return { update: undefined, cleanup: undefined, rollback: undefined, id, properties };
  const next = asSent(input.update) as Record<string, unknown>;
  harness.setStackStatus('UPDATE_IN_PROGRESS');
  const update = await harness.deliver(
    'update',
    harness.request({
      RequestType: 'Update',
      PhysicalResourceId: id,
      ResourceProperties: next,
      OldResourceProperties: properties,
    }),
    harness.container(),
  );
  const newId = answeredId(update) ?? id;
  if (input.probe !== undefined && update.answers[0]?.Status === 'SUCCESS')
    reads.push(
      await input.probe(
        newId === id ? 'after an in-place update' : 'after a replacing update',
        newId,
        next,
        false,
      ),
    );
  if (newId !== id) {
    harness.setStackStatus('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    const cleanup = await harness.deliver(
      'cleanup delete',
      harness.request({
        RequestType: 'Delete',
        PhysicalResourceId: id,
        ResourceProperties: properties,
      }),
      harness.container(),
    );
    return { update, cleanup, rollback: undefined, id: newId, properties: next };
  }
  harness.setStackStatus('UPDATE_ROLLBACK_IN_PROGRESS');
  const rollback = await harness.deliver(
    'rollback update',
    harness.request({
      RequestType: 'Update',
      PhysicalResourceId: id,
      ResourceProperties: properties,
      OldResourceProperties: next,
    }),
    harness.container(),
  );
  return { update, cleanup: undefined, rollback, id, properties };
}

/**
 * Plays every sequence and returns the exchanges.
 * @example
 * const driven = await drive(harness, { properties, update: undefined, creations: undefined });
 */
async function drive(harness: Harness, input: DriveInput): Promise<Driven> {
  const properties = asSent(input.properties) as Record<string, unknown>;
  const first = harness.container();
  const createRequest = harness.request({ RequestType: 'Create', ResourceProperties: properties });
  const create = await harness.deliver('create', createRequest, first);
  const warmRedelivery = await harness.deliver(
    'redelivery to the same container',
    createRequest,
    first,
  );
  const before = input.creations?.();
  const freshRedelivery = await harness.deliver(
    'redelivery to a new container',
    createRequest,
    harness.container(),
  );
  const freshCreations = before === undefined ? undefined : (input.creations?.() ?? 0) - before;
  const id = answeredId(create) ?? 'no-id';
  const reads: ReadProbe[] = [];
  if (input.probe !== undefined && create.answers[0]?.Status === 'SUCCESS')
    reads.push(await input.probe('after create', id, properties, true));
  const updated = await playUpdate(harness, input, id, reads);
  harness.setStackStatus('DELETE_IN_PROGRESS');
  const deleteRequest = (physicalId: string) =>
    harness.request({
      RequestType: 'Delete',
      PhysicalResourceId: physicalId,
      ResourceProperties: updated.properties,
    });
  const deleted = await harness.deliver('delete', deleteRequest(updated.id), harness.container());
  if (input.probe !== undefined && deleted.answers[0]?.Status === 'SUCCESS')
    reads.push(await input.probe('after delete', updated.id, updated.properties, false));
  const deleteMissing = await harness.deliver(
    'delete of a missing resource',
    deleteRequest(updated.id),
    harness.container(),
  );
  harness.setStackStatus('CREATE_IN_PROGRESS');
  const failedCreate = await harness.deliver(
    'failed create',
    harness.request({
      RequestType: 'Create',
      ResourceProperties: {
        ...properties,
        CrkitConformanceUnknownProperty: 'makes the create fail',
      },
    }),
    harness.container(),
  );
  harness.setStackStatus('ROLLBACK_IN_PROGRESS');
  const markerDelete = await harness.deliver(
    'rollback delete of the failed create',
    harness.request({
      RequestType: 'Delete',
      PhysicalResourceId: answeredId(failedCreate) ?? 'no-id',
      ResourceProperties: failedCreate.request.ResourceProperties,
    }),
    harness.container(),
  );
  return {
    create,
    warmRedelivery,
    freshRedelivery,
    freshCreations,
    ...updated,
    delete: deleted,
    deleteMissing,
    failedCreate,
    markerDelete,
    reads,
  };
}

export { answeredId, asSent, drive };
export type { DriveInput, Driven, Probe };
