/**
 * GetTemplate: the template a stack was deployed with, as whoever plays CloudFormation stored it
 * (`putStack({ templateBody })`). The stand-in runs no transforms, so the `Processed` stage is
 * the `Original` text, JSON or YAML as it was given.
 */
import { ApiError } from './errors.js';
import type { Params } from './query.js';
import type { World } from './world.js';
import { el, join, list } from './xml.js';
import type { Xml } from './xml.js';

const STAGES = ['Original', 'Processed'];

/** GetTemplate by stack id or name, `TemplateStage` Original (the default) or Processed. */
const getTemplate = (world: World, params: Params): Xml => {
  const name = params.StackName;
  if (name === undefined || name === '')
    throw new ApiError(
      'ValidationError',
      'The stand-in answers GetTemplate by StackName only (ChangeSetName is not supported)',
    );
  const stage = params.TemplateStage ?? 'Original';
  if (!STAGES.includes(stage))
    throw new ApiError(
      'ValidationError',
      `1 validation error detected: Value '${stage}' at 'templateStage' failed to ` +
        `satisfy constraint: Member must satisfy enum value set: [${STAGES.join(', ')}]`,
    );
  const stack = world.stacks.find(name);
  if (!stack) throw new ApiError('ValidationError', `Stack with id ${name} does not exist`);
  if (stack.templateBody === undefined)
    throw new ApiError(
      'ValidationError',
      `The stand-in holds no template for stack ${stack.stackName} (give putStack a templateBody)`,
    );
  return join(
    el('TemplateBody', stack.templateBody),
    list('StagesAvailable', STAGES, (available) => [available], 'member'),
  );
};

export { getTemplate };
