import { it } from 'vitest';
import { buildBundles } from './support/bundles.js';
import { plantCanaries, startWorld, stopWorld } from './support/matrix.js';
import { asEvent, buildRequest } from './support/requests.js';
it('debug', async () => {
  const b = await buildBundles({ kinds: ['production'] });
  const c = plantCanaries();
  const w = await startWorld(b.paths.production as string, c);
  const show = async (spec: any, fault?: any, remainingMs = 15000) => {
    w.standin.clearFaults(); if (fault) w.standin.inject(fault);
    const r = buildRequest(spec, (id) => w.endpoint.url('ok', id));
    const run = await w.lambda.invoke(asEvent(r, 'direct'), { remainingMs });
    const put = w.endpoint.puts(String(r.RequestId))[0];
    console.log(JSON.stringify(fault), Math.round(run.ms), put?.body.toString(), JSON.stringify(run.leftAtSettle), run.stderr.join('\n').slice(0, 300), w.standin.calls().map((x) => `${x.action}:${x.status}${x.code ?? ''}`).join(','));
    w.standin.clearCalls();
    return r;
  };
  const pg = { type: 'Custom::PlacementGroup', properties: { Strategy: 'cluster' } };
  await show(pg);
  await show(pg, { kind: 'error', status: 500, code: 'InternalError', service: 'ec2', action: 'CreatePlacementGroup', times: 10 });
  await show(pg, { kind: 'error', status: 503, code: 'RequestLimitExceeded', service: 'ec2', action: 'CreatePlacementGroup', times: 100 }, 8000);
  await show(pg, { kind: 'hang', service: 'ec2', action: 'CreatePlacementGroup' }, 4000);
  await show(pg, { kind: 'reset', service: 'ec2', action: 'CreatePlacementGroup', times: 10 });
  await show(pg, { kind: 'malformed', service: 'ec2', action: 'DescribePlacementGroups' });
  await show(pg, { kind: 'error', status: 400, code: 'PlacementGroupLimitExceeded', service: 'ec2', action: 'CreatePlacementGroup' });
  await show(pg, { kind: 'error', status: 400, code: 'InvalidPlacementGroup.Duplicate', service: 'ec2', action: 'CreatePlacementGroup' });
  await show({ ...pg, requestType: 'Delete', physicalId: 'nonexistent-group' });
  await stopWorld(w); await b.dispose();
}, 120000);
