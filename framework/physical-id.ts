/**
 * Physical ids the framework itself answers with. A Create that fails before anything exists
 * answers with a marker, so the rollback Delete that follows is recognised and succeeds
 * without touching AWS (CloudFormation rejects an empty id with "Invalid PhysicalResourceId").
 */

const markerPrefix = 'crkit:failed-create:';

/**
 * CloudFormation's limit for a PhysicalResourceId, in bytes; no id of a request (stack, logical,
 * request, physical) that CloudFormation sends is longer.
 */
const MaxPhysicalIdBytes = 1024;

/**
 * The marker id for a Create that failed before creating anything.
 * @example
 * failedCreateMarker('5f1c…') // 'crkit:failed-create:5f1c…'
 */
function failedCreateMarker(requestId: string): string {
  return `${markerPrefix}${requestId}`.slice(0, 200);
}

/**
 * True for an id made by `failedCreateMarker`.
 * @example
 * if (isFailedCreateMarker(event.PhysicalResourceId)) return; // nothing to delete
 */
function isFailedCreateMarker(physicalId: string): boolean {
  return physicalId.startsWith(markerPrefix);
}

/**
 * True when CloudFormation accepts the id: a non-empty string of at most 1 KB.
 * @example
 * isUsablePhysicalId('') // false
 */
function isUsablePhysicalId(value: unknown): value is string {
  return (
    typeof value === 'string' && value !== '' && Buffer.byteLength(value) <= MaxPhysicalIdBytes
  );
}

export { MaxPhysicalIdBytes, failedCreateMarker, isFailedCreateMarker, isUsablePhysicalId };
