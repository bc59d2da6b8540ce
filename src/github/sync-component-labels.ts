import type { GithubClient } from './github-client.js';

export const COMPONENT_LABEL_PREFIX = 'component:';

export interface SyncComponentLabelsTarget {
  readonly owner: string;
  readonly repo: string;
  readonly pullRequest: number;
}

export interface SyncComponentLabelsOptions {
  /**
   * Pages of 100 labels read at most. Default 10: GitHub allows 100 labels on an issue, so a
   * server that keeps sending full pages is not GitHub as documented, and is not followed forever.
   */
  readonly maxPages?: number;
}

export interface SyncComponentLabelsResult {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /**
   * The label list was still going after `maxPages` pages: labels past them were not seen, so a
   * stale `component:` label among them stays.
   */
  readonly pagesLeftUnread: boolean;
  /** Pages of the label list read. */
  readonly pagesRead: number;
}

/** Labels per page asked for: GitHub's largest page. */
const PAGE_SIZE = 100;

/**
 * Makes the pull request's `component:*` labels exactly `component:<name>` for the given
 * components: adds the missing ones (GitHub creates unknown labels) and removes stale ones.
 * Other labels are left alone. The current labels are read a page at a time, at most
 * `maxPages` pages.
 *
 * @example
 * await syncComponentLabels(client, { owner: 'acme', repo: 'shop', pullRequest: 12 }, ['api', 'ui']);
 */
export async function syncComponentLabels(
  client: GithubClient,
  target: SyncComponentLabelsTarget,
  components: readonly string[],
  options: SyncComponentLabelsOptions = {},
): Promise<SyncComponentLabelsResult> {
  const base = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/issues/${target.pullRequest}/labels`;
  const maxPages = options.maxPages ?? 10;
  const current = new Set<string>();
  let pagesRead = 0;
  let pagesLeftUnread = true;
  while (pagesRead < maxPages) {
    pagesRead += 1;
    const answer = await client.request('GET', `${base}?per_page=${PAGE_SIZE}&page=${pagesRead}`);
    const labels: unknown[] = Array.isArray(answer) ? answer : [];
    for (const label of labels) {
      if (typeof label === 'object' && label !== null && 'name' in label) {
        const { name } = label as { name: unknown };
        if (typeof name === 'string') current.add(name);
      }
    }
    if (labels.length < PAGE_SIZE) {
      pagesLeftUnread = false;
      break;
    }
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
  return { added, removed, pagesLeftUnread, pagesRead };
}
