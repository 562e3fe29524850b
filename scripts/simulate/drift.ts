/**
 * The `drift` scenario: create the stack, check it for drift (all in sync), change things behind
 * crkit's back in the stand-in (a tag removed from the placement group, an image attribute
 * flipped), check again, deregister the image, check again, then delete the stack. Each check is
 * the one `crkit drift --stack NAME --standin URL` runs, in this process, and its findings are
 * printed as that command prints them. Offline only: the changes are made in the stand-in.
 */
import type { ResourceDrift } from '../../framework/index.js';
import { parseDriftArgs } from '../drift/args.js';
import { aimClients, defaultDeps } from '../drift/main.js';
import { formatStackDrift, summaryLine } from '../drift/report.js';
import type { Check } from './checks.js';
import type { ScenarioContext } from './scenarios.js';
import type { Session } from './session.js';
import { createStack } from './stack.js';
import { deleteStack } from './update.js';

/** One drift check: what it found, and the AWS calls it made. */
type DriftRound = {
  readonly label: string;
  readonly drifts: readonly ResourceDrift[];
  readonly actions: readonly string[];
};

/** What the scenario changed behind crkit's back. */
type Tampering = {
  readonly groupId?: string;
  readonly removedTag?: string;
  readonly imageId?: string;
  readonly flipped?: string;
};

type DriftRun = { readonly rounds: DriftRound[]; tampering: Tampering };

const runs = new WeakMap<Session, DriftRun>();

const PlacementGroupType = 'Custom::PlacementGroup';
const ImageType = 'Custom::SriovAmiRegistration';

/** Calls a drift check may make: Describe, Get and List only. */
const ReadOnly = /^(Describe|Get|List)/;

async function checkRound(session: Session, run: DriftRun, label: string): Promise<void> {
  const options = parseDriftArgs(
    ['--stack', session.stackName, '--standin', session.standin.url],
    {},
  );
  aimClients(options, process.env);
  const before = session.standin.calls().length;
  const drifts = await defaultDeps(options).check(session.stackName, AbortSignal.timeout(30_000));
  const actions = session.standin
    .calls()
    .slice(before)
    .map((call) => `${call.service}:${call.action}`);
  run.rounds.push({ label, drifts, actions });
  session.emit({
    kind: 'lines',
    lines: [
      `drift check ${run.rounds.length} (${label}) — crkit drift --stack ` +
        `${session.stackName} --standin ${session.standin.url}`,
      ...formatStackDrift(session.stackName, drifts),
      summaryLine(drifts),
    ],
  });
}

const firstOfType = (session: Session, type: string) =>
  [...session.resources.values()].find(
    (state) => state.type === type && state.physicalId !== undefined,
  );

/** The first tag the author declared on a resource (from the properties CloudFormation sent). */
function authorTagKey(properties: Record<string, unknown> | undefined): string | undefined {
  const tags = properties?.Tags;
  if (!Array.isArray(tags)) return undefined;
  const first: unknown = tags[0];
  return typeof first === 'object' &&
    first !== null &&
    typeof (first as { Key?: unknown }).Key === 'string'
    ? (first as { Key: string }).Key
    : undefined;
}

/** Removes an author tag from the group and flips EnaSupport on the image, behind crkit's back. */
function tamper(session: Session): Tampering {
  const group = firstOfType(session, PlacementGroupType);
  const image = firstOfType(session, ImageType);
  const removedTag = authorTagKey(group?.properties);
  let tampering: Tampering = {};
  if (group?.physicalId !== undefined && removedTag !== undefined) {
    session.standin.removeTags(group.physicalId, [removedTag]);
    session.emit({
      kind: 'note',
      text:
        `behind crkit's back: tag ${removedTag} removed from placement group ` +
        `${group.physicalId}`,
    });
    tampering = { groupId: group.physicalId, removedTag };
  } else
    session.emit({
      kind: 'note',
      text: 'no tagged placement group in the template: no tag to remove',
    });
  if (image?.physicalId !== undefined) {
    const enaDeclared = String(image.properties?.EnaSupport ?? 'true') !== 'false';
    session.standin.setImageAttributes(image.physicalId, { enaSupport: !enaDeclared });
    session.emit({
      kind: 'note',
      text: `behind crkit's back: EnaSupport of image ${image.physicalId} set to ${!enaDeclared}`,
    });
    tampering = { ...tampering, imageId: image.physicalId, flipped: 'EnaSupport' };
  } else
    session.emit({ kind: 'note', text: 'no SR-IOV image in the template: no attribute to flip' });
  return tampering;
}

/** Plays the scenario. */
async function drift({ session }: ScenarioContext): Promise<void> {
  const run: DriftRun = { rounds: [], tampering: {} };
  runs.set(session, run);
  if (!session.offline)
    throw new Error(
      'the drift scenario changes resources in the local stand-in: run it offline ' +
        '(without --profile)',
    );
  if (!(await createStack(session))) return;
  await checkRound(session, run, 'right after create');
  run.tampering = tamper(session);
  await checkRound(session, run, 'after the changes');
  if (run.tampering.imageId !== undefined) {
    session.standin.deregisterImage(run.tampering.imageId);
    session.emit({
      kind: 'note',
      text: `behind crkit's back: image ${run.tampering.imageId} deregistered`,
    });
    await checkRound(session, run, 'after the deregistration');
  }
  await deleteStack(session);
}

const statusOf = (round: DriftRound | undefined, physicalId: string | undefined) =>
  round?.drifts.find((item) => item.physicalResourceId === physicalId);

/** What the run must show. */
function driftChecks({ session }: ScenarioContext): Check[] {
  const run = runs.get(session);
  const [created, changed, deregistered] = run?.rounds ?? [];
  const tampering = run?.tampering ?? {};
  const checks: Check[] = [
    {
      ok:
        created !== undefined &&
        created.drifts.length > 0 &&
        created.drifts.every((item) => item.status === 'IN_SYNC'),
      text: 'right after create, every crkit resource is IN_SYNC',
    },
  ];
  if (tampering.groupId !== undefined) {
    const group = statusOf(changed, tampering.groupId);
    const named =
      group?.differences.some(
        (difference) =>
          difference.propertyPath === `/Tags/${tampering.removedTag}` &&
          difference.differenceType === 'REMOVE',
      ) ?? false;
    checks.push({
      ok: group?.status === 'MODIFIED' && named,
      text:
        `the removed tag is found: the group is MODIFIED, /Tags/${tampering.removedTag} ` +
        `REMOVE (it is ${group?.status ?? 'missing'})`,
    });
  }
  if (tampering.imageId !== undefined) {
    const image = statusOf(changed, tampering.imageId);
    const named =
      image?.differences.some((difference) =>
        difference.propertyPath.includes(tampering.flipped ?? '-'),
      ) ?? false;
    checks.push({
      ok: image?.status === 'MODIFIED' && named,
      text:
        `the flipped attribute is found: the image is MODIFIED, naming ` +
        `${tampering.flipped} (it is ${image?.status ?? 'missing'})`,
    });
    const gone = statusOf(deregistered, tampering.imageId);
    checks.push({
      ok: gone?.status === 'DELETED',
      text: `the deregistered image is DELETED (it is ${gone?.status ?? 'missing'})`,
    });
  }
  const writes = (run?.rounds ?? []).flatMap((round) =>
    round.actions.filter((action) => !ReadOnly.test(action.split(':')[1] ?? '')),
  );
  checks.push({
    ok: (run?.rounds.length ?? 0) > 0 && writes.length === 0,
    text:
      `the drift checks made read calls ` +
      `only${writes.length === 0 ? '' : `: not so for ${writes.join(', ')}`}`,
  });
  checks.push({
    ok: session.status === 'DELETE_COMPLETE',
    text: `the stack ends DELETE_COMPLETE (it is ${session.status})`,
  });
  return checks;
}

export { drift, driftChecks };
