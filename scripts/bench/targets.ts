/**
 * The targets, checked against the paired medians of one bench run.
 */
import type { BundleSize } from './build.js';
import type { ColdSample, WarmSample } from './pairs.js';
import { coldFigures, warmFigures } from './report.js';
import type { Target } from './report.js';
import type { Scenario } from './scenarios.js';

/** Everything measured for one scenario. */
type ScenarioResult = {
  readonly scenario: Scenario;
  readonly cold: readonly ColdSample[];
  readonly warm: readonly WarmSample[];
  readonly sizes: {
    readonly subject: BundleSize | undefined;
    readonly floor: BundleSize | undefined;
  };
};

/** dist/handler.zip's budget, in bytes (1 MB, read strictly as 10^6). */
const zipBudget = 1_000_000;

function scenarioTargets(result: ScenarioResult): Target[] {
  const cold = coldFigures(result.cold);
  const warm = warmFigures(result.warm);
  const id = result.scenario.id;
  const targets: Target[] = [
    {
      name: `(${id}) cold`,
      limit: '≤ 1.10× floor',
      measured: `${cold.ratio.median.toFixed(2)}×`,
      met: cold.ratio.median <= 1.1,
    },
  ];
  if (id === 'a') {
    targets.push(
      {
        name: '(a) warm',
        limit: '≤ floor + 150 µs/event',
        measured: `+${warm.over.median.toFixed(0)} µs`,
        met: warm.over.median <= 150,
      },
      {
        name: '(a) peak RSS, cold',
        limit: '≤ 1.15× floor',
        measured: `${cold.rssRatio.median.toFixed(2)}×`,
        met: cold.rssRatio.median <= 1.15,
      },
      {
        name: '(a) peak RSS, warm',
        limit: '≤ 1.15× floor',
        measured: `${warm.rssRatio.median.toFixed(2)}×`,
        met: warm.rssRatio.median <= 1.15,
      },
    );
  }
  return targets;
}

/**
 * Targets of every scenario measured, plus the zip budget when the Lambda bundle was built.
 * @example
 * targetTable(targetsOf(results, bundles.handler?.size))
 */
function targetsOf(
  results: readonly ScenarioResult[],
  handlerSize: BundleSize | undefined,
): Target[] {
  const targets = results.flatMap(scenarioTargets);
  if (handlerSize?.zipBytes !== undefined) {
    const bytes = handlerSize.zipBytes;
    targets.push({
      name: 'dist/handler.zip',
      limit: '≤ 1 MB (1,000,000 bytes)',
      measured: `${bytes} bytes`,
      met: bytes <= zipBudget,
    });
  }
  return targets;
}

export { targetsOf };
export type { ScenarioResult };
