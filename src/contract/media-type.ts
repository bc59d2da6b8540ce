// Header helpers shared by the contract checks, the matching engine, the provider and the
// msw side. Dependency-free, so importing them pulls in neither the contract analyser nor
// anything node-only.

/**
 * Case-insensitive header lookup; `name` is lower case.
 *
 * @example
 * headerValue({ 'Content-Type': 'text/plain' }, 'content-type') // 'text/plain'
 */
export function headerValue(
  headers: Readonly<Record<string, string>> | undefined,
  name: string,
): string | undefined {
  if (headers === undefined) return undefined;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

/**
 * The media type of a Content-Type value: lower case, parameters dropped.
 *
 * @example
 * mediaType('Application/JSON; charset=utf-8') // 'application/json'
 */
export function mediaType(contentType: string): string {
  const cut = contentType.indexOf(';');
  return (cut === -1 ? contentType : contentType.slice(0, cut)).trim().toLowerCase();
}

/**
 * True for `application/json`, `application/problem+json` and the like, parameters ignored.
 *
 * @example
 * isJsonMediaType('application/problem+json; charset=utf-8') // true
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const media = mediaType(contentType);
  return media === 'application/json' || media.endsWith('+json');
}
