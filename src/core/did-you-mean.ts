import leven from 'leven';

/**
 * The candidate closest to `word` by edit distance (case ignored), if close enough to be a
 * likely typo: within a third of the word's length in edits, and always within one.
 *
 * @example
 * closest('intgration-tests', ['integration-tests', 'api']) // 'integration-tests'
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = leven(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `Did you mean "x"?` or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` Did you mean "${match}"?`;
}
