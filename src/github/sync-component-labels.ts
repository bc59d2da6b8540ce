import type { GithubClient } from './github-client.js';

export const COMPONENT_LABEL_PREFIX = 'component:';

export interface SyncComponentLabelsTarget {
  readonly owner: string;
  readonly repo: string;
  readonly pullRequest: number;
}

export interface SyncComponentLabelsResult {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Makes the pull request's `component:*` labels exactly `component:<name>` for the given
 * components: adds the missing ones (GitHub creates unknown labels) and removes stale ones.
 * Other labels are left alone.
 *
 * @example
 * await syncComponentLabels(client, { owner: 'acme', repo: 'shop', pullRequest: 12 }, ['api', 'ui']);
 */
export async function syncComponentLabels(
  client: GithubClient,
  target: SyncComponentLabelsTarget,
  components: readonly string[],
): Promise<SyncComponentLabelsResult> {
  const base = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/issues/${target.pullRequest}/labels`;
  const current = new Set<string>();
  for (let page = 1; ; page += 1) {
    const answer = await client.request('GET', `${base}?per_page=100&page=${page}`);
    const labels = Array.isArray(answer) ? answer : [];
    for (const label of labels) {
      if (typeof label === 'object' && label !== null && typeof label.name === 'string') {
        current.add(label.name);
      }
    }
    if (labels.length < 100) break;
  }
  const wanted = new Set(components.map((name) => `${COMPONENT_LABEL_PREFIX}${name}`));
  const added = [...wanted].filter((label) => !current.has(label)).sort();
  const removed = [...current]
    .filter((label) => label.startsWith(COMPONENT_LABEL_PREFIX) && !wanted.has(label))
    .sort();
  if (added.length > 0) await client.request('POST', base, { labels: added });
  for (const label of removed) {
    try {
      await client.request('DELETE', `${base}/${encodeURIComponent(label)}`);
    } catch (error) {
      // Someone removed it in the meantime: the goal is reached.
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  return { added, removed };
}
