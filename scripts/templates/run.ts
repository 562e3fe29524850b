/**
 * Runs every check over a set of templates. Context templates (by default the crkit stacks) are
 * parsed only to resolve imports and ServiceTokens; findings are reported for the checked files
 * alone.
 */
import type { CrkitCatalog } from './catalog.js';
import { checkCustom } from './check-custom.js';
import { checkEncryption } from './check-encryption.js';
import { checkEnvironment } from './check-environment.js';
import { checkIamScope } from './check-iam-scope.js';
import { checkIam } from './check-iam.js';
import { checkParameters } from './check-parameters.js';
import { checkQueuePolicies } from './check-queue-policies.js';
import { checkReferences, type CustomAttributes } from './check-references.js';
import { checkSpec } from './check-spec.js';
import { checkTimeouts } from './check-timeouts.js';
import { loadTemplate, type Finding, type LoadedTemplate } from './template.js';

/** Options of `checkTemplates`. */
type CheckOptions = {
  /** crkit's registered types. */
  readonly catalog: CrkitCatalog;
  /** Templates that resolve relations without being checked themselves. @default [] */
  readonly context?: readonly string[];
};

/**
 * Checks template files and returns every finding (an empty list means all checks pass).
 * @example
 * const findings = checkTemplates(['templates/examples/cluster-fleet.yaml'],
 *   { catalog, context: ['templates/crkit-state.yaml'] });
 */
function checkTemplates(files: readonly string[], options: CheckOptions): Finding[] {
  const findings: Finding[] = [];
  const checked: LoadedTemplate[] = [];
  for (const file of files) {
    try {
      checked.push(loadTemplate(file));
    } catch (error) {
      findings.push({
        check: 'parse',
        file,
        path: '',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const context = (options.context ?? []).filter((file) => !files.includes(file)).map(loadTemplate);
  const set = { all: [...checked, ...context] };
  const attributes: CustomAttributes = new Map(
    [...options.catalog].flatMap(([type, entry]) =>
      entry.attributes === undefined ? [] : [[type, entry.attributes] as const],
    ),
  );
  for (const template of checked) {
    findings.push(
      ...checkSpec(template),
      ...checkReferences(template, attributes),
      ...checkParameters(template),
      ...checkCustom(template, set, options.catalog),
      ...checkTimeouts(template, set),
      ...checkIam(template, set, options.catalog),
      ...checkIamScope(template, set),
      ...checkEncryption(template, set),
      ...checkQueuePolicies(template, set),
      ...checkEnvironment(template, set),
    );
  }
  return findings;
}

/** One line per finding: `file: path: [check] message`. */
function formatFinding(finding: Finding): string {
  return `${finding.file}: ${finding.path || '(template)'}: [${finding.check}] ${finding.message}`;
}

export { checkTemplates, formatFinding };
export type { CheckOptions };
