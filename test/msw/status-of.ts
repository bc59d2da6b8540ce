import { getResponse, type RequestHandler } from 'msw';

/** Status of the mocked response, or "unhandled" when no handler claimed the request. */
export async function statusOf(
  handlers: RequestHandler[],
  url: string,
  init?: RequestInit,
): Promise<number | 'unhandled'> {
  const response = await getResponse(handlers, new Request(url, init));
  return response === undefined ? 'unhandled' : response.status;
}
