/** What `kubectl apply` did to one object. */
export type ApplyAction = 'created' | 'configured' | 'unchanged' | 'serverside-applied';

export interface AppliedObject {
  /** Lower-case kind as kubectl names the resource, without the group: `deployment`. */
  readonly resource: string;
  readonly name: string;
  readonly action: ApplyAction;
}

const LINE = /^([a-z0-9.-]+)\/(\S+) (created|configured|unchanged|serverside-applied)\b/;

/**
 * Reads kubectl apply's default output (`deployment.apps/api configured`, with or without
 * ` (server dry run)`), one object per line. Other lines (warnings) are ignored.
 *
 * @example
 * parseApplyOutput('deployment.apps/api configured\nservice/api unchanged\n')
 * // [{ resource: 'deployment', name: 'api', action: 'configured' }, { resource: 'service', name: 'api', action: 'unchanged' }]
 */
export function parseApplyOutput(stdout: string): AppliedObject[] {
  const objects: AppliedObject[] = [];
  for (const line of stdout.split('\n')) {
    const match = LINE.exec(line.trim());
    if (match === null) continue;
    const [, resource = '', name = '', action] = match;
    objects.push({
      resource: resource.split('.')[0] ?? resource,
      name,
      action: action as ApplyAction,
    });
  }
  return objects;
}
