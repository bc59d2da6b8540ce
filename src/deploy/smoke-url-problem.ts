import { isHttpUrl } from './is-http-url.js';

/**
 * What keeps a text from being a smoke-test base URL: `not-http` (not an absolute http(s) URL)
 * or `credentials` (a `user:password@` part, which would be written to the record and the output,
 * and which fetch refuses to send anyway); undefined when it is fine.
 *
 * @example
 * smokeUrlProblem('https://ployst.example.com') // undefined
 * smokeUrlProblem('https://deployer:pw@ployst.example.com') // 'credentials'
 */
export function smokeUrlProblem(value: string): 'not-http' | 'credentials' | undefined {
  if (!isHttpUrl(value)) return 'not-http';
  const url = new URL(value);
  return url.username !== '' || url.password !== '' ? 'credentials' : undefined;
}

/** Says how to fix a smoke URL with credentials; the URL itself is quoted masked. */
export const SMOKE_URL_CREDENTIALS_HINT =
  'Remove the user:password@ part: the smoke-test URL is written to the deployment record and the output, so it must hold no secret.';
