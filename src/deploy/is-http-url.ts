/**
 * True if `value` parses as an absolute `http:` or `https:` URL.
 *
 * @example
 * isHttpUrl('https://api.example.com') // true
 * isHttpUrl('ftp://example.com') // false
 */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
