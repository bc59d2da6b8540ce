/**
 * The app threw (or the promise its handler returned rejected) while handling a request,
 * instead of answering. The message carries what was thrown and where; `cause` is the value.
 */
export class AppThrewError extends Error {
  constructor(thrown: unknown) {
    super(`the app threw while handling the request: ${describeThrown(thrown)}`, { cause: thrown });
  }
}

/** `Error: boom (at handler (/app/users.ts:12:11))`: the value thrown and the first frame of its stack. */
export function describeThrown(thrown: unknown): string {
  // Duck-typed: errors made in another realm (jest's vm contexts) are not `instanceof Error`.
  const stack = (thrown as { stack?: unknown } | null | undefined)?.stack;
  const frame =
    typeof stack === 'string'
      ? stack
          .split('\n')
          .find((line) => /^\s+at /.test(line))
          ?.trim()
      : undefined;
  let text: string;
  try {
    text = String(thrown);
  } catch {
    text = Object.prototype.toString.call(thrown);
  }
  return frame === undefined ? text : `${text} (${frame})`;
}
