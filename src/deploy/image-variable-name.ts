/**
 * The variable that holds a component's image reference: its name upper-cased, every run of
 * other characters turned into `_`, then `_IMAGE`.
 *
 * @example
 * imageVariableName('ployst-api') // 'PLOYST_API_IMAGE'
 */
export function imageVariableName(component: string): string {
  const base = component.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return `${/^[0-9]/.test(base) ? '_' : ''}${base}_IMAGE`;
}
