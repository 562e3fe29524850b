/**
 * What a request has made so far, as its resource says it (`markCreated`, `creating`). A failed
 * request answers with it, so the rollback's Delete removes what exists instead of leaving an
 * orphan; when the outcome of a creating call is unknown, what may exist counts as made.
 */
import { isRefusal } from './aws-failure.js';
import type { BaseInput } from './resource.js';

/** The id of what the request made, or may have made; undefined while nothing is. */
type CreatedMark = { id: string | undefined };

/**
 * The `markCreated` and `creating` a create function receives, writing into `mark`.
 * @internal
 */
function creationMarks(mark: CreatedMark): Pick<BaseInput, 'markCreated' | 'creating'> {
  return {
    markCreated: (physicalId) => {
      mark.id = physicalId;
    },
    creating: async (physicalId, call) => {
      const before = mark.id;
      mark.id = physicalId;
      try {
        return await call();
      } catch (error) {
        // AWS turned the call away: nothing was made, so the answer must not claim it was.
        if (isRefusal(error)) mark.id = before;
        throw error;
      }
    },
  };
}

/**
 * The marks outside create: nothing update or delete does is a new resource of this request.
 * @internal
 */
function ignoredMarks(log: BaseInput['log']): Pick<BaseInput, 'markCreated' | 'creating'> {
  return {
    markCreated: (physicalId) =>
      log.warn('markCreated is for create; ignored in update and delete', { physicalId }),
    creating: (_physicalId, call) => call(),
  };
}

export { creationMarks, ignoredMarks };
export type { CreatedMark };
