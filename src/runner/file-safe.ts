/**
 * A name made safe to use in a file name: anything but letters, digits, `.`, `_` and `-`
 * becomes `_`, so a component or step name cannot add a directory or an odd character.
 *
 * @example
 * fileSafe('web/ui'); // 'web_ui'
 */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
