import leven from 'leven';

/**
 * The candidate closest to `word` by edit distance (case ignored), if close enough to be a
 * likely typo: within a third of the word's length in edits, and always within one. Two
 * neighbouring letters swapped (`GTE` for `GET`) count as one edit, as a typist makes them.
 *
 * Any value is accepted, word and candidates alike, and read as text: callers pass what users
 * wrote, and a label written as a number (`200`) must get a suggestion, not a TypeError.
 *
 * @example
 * closest('intgration-tests', ['integration-tests', 'api']) // 'integration-tests'
 * closest(200, ['200', 'not found']) // '200'
 */
export function closest<T>(word: unknown, candidates: Iterable<T>): T | undefined {
  const typed = String(word).toLowerCase();
  let best: T | undefined;
  let bestDistance = Math.max(1, Math.floor(typed.length / 3)) + 1;
  for (const candidate of candidates) {
    const text = String(candidate).toLowerCase();
    const distance = isOneSwapAway(typed, text) ? 1 : leven(typed, text);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * `Did you mean "x"?` (with a leading space) or an empty string.
 *
 * @example
 * `unknown method "GTE".${didYouMean('GTE', ['GET', 'PUT'])}` // 'unknown method "GTE". Did you mean "GET"?'
 */
export function didYouMean(word: unknown, candidates: Iterable<unknown>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` Did you mean "${String(match)}"?`;
}

/** Whether `a` is `b` with two neighbouring characters swapped. */
function isOneSwapAway(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let first = 0;
  while (a[first] === b[first]) first += 1;
  return (
    a[first] === b[first + 1] &&
    a[first + 1] === b[first] &&
    a.slice(first + 2) === b.slice(first + 2)
  );
}
