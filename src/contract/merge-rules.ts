/**
 * An example's rules: the contract-wide ones with the example's own on top (the example's
 * wins for the same path); `undefined` when neither has any, so examples without rules carry
 * nothing and cost nothing to match.
 *
 * @example
 * mergeRules({ 'response.body.id': 'type' }, { 'response.body.id': 'range 1..9' })
 * // { 'response.body.id': 'range 1..9' }
 */
export function mergeRules(
  contractWide: Readonly<Record<string, string>> | undefined,
  own: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  const none = (rules: Readonly<Record<string, string>> | undefined): boolean =>
    rules === undefined || Object.keys(rules).length === 0;
  if (none(contractWide)) return none(own) ? undefined : own;
  if (none(own)) return contractWide;
  // Object.fromEntries defines own properties, so a "__proto__" path stays a path.
  return Object.fromEntries([...Object.entries(contractWide ?? {}), ...Object.entries(own ?? {})]);
}
