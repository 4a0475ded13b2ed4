/** Endpoint states that end by themselves (SageMaker moves on without being asked): while in one, the tree keeps asking. */
export const TRANSITIONAL_ENDPOINT_STATUSES: readonly string[] = ['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting'];

export function isInTransition(status: string): boolean {
  return TRANSITIONAL_ENDPOINT_STATUSES.includes(status);
}
