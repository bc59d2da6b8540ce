import { AbeError } from '../core/abe-error.js';
import type { MockContracts } from './mock-contracts.js';
import type { MockRecord } from './mock-record.js';
import { adminProblem, type ProblemDetails } from './problem-details.js';

/** What the admin API answers: a status and a JSON body (a problem document for errors). */
export interface AdminAnswer {
  readonly status: number;
  /** Absent for 204. */
  readonly body?: unknown;
  /** The methods the path takes, for the `Allow` header of a 405. */
  readonly allow?: string;
}

interface AdminState {
  readonly contracts: MockContracts;
  readonly record: MockRecord;
}

type Route = Readonly<Record<string, (state: AdminState, body: string) => AdminAnswer>>;

const ok = (body: unknown): AdminAnswer => ({ status: 200, body });

// The reserved prefix's routes, by path then method.
const ROUTES: Readonly<Record<string, Route>> = {
  '/__abe/health': {
    GET: ({ contracts }) => ok({ status: 'ok', endpoints: contracts.snapshot.index.size }),
  },
  '/__abe/endpoints': { GET: ({ contracts }) => ok({ endpoints: contracts.snapshot.endpoints }) },
  '/__abe/violations': { GET: ({ record }) => ok({ violations: record.violations() }) },
  '/__abe/used': { GET: ({ record }) => ok({ used: record.usedExamples() }) },
  '/__abe/pins': {
    GET: ({ contracts }) => ok({ pins: contracts.snapshot.pins }),
    PUT: (state, body) => putPins(state, body),
    DELETE: ({ contracts }) => {
      contracts.setPins({});
      return { status: 204 };
    },
  },
  '/__abe/reset': {
    POST: ({ contracts, record }) => {
      record.reset();
      contracts.setPins({});
      return { status: 204 };
    },
  },
  '/__abe/problems': { GET: ({ contracts }) => ok({ problems: contracts.problems }) },
};

/**
 * Answers a request to the admin API under `/__abe/`: health, endpoints, violations, used
 * examples, pins, reset and watch problems. Never matched against the contracts.
 *
 * @example
 * answerAdmin('GET', '/__abe/health', '', { contracts, record }).body // { status: 'ok', endpoints: 3 }
 */
export function answerAdmin(
  method: string,
  path: string,
  body: string,
  state: AdminState,
): AdminAnswer {
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  if (route === undefined) {
    return problem(
      adminProblem(
        404,
        'no-admin-route',
        'No such admin route',
        `${method} ${path} is no route of the abe mock admin API. Routes: ${Object.keys(ROUTES).join(', ')}.`,
      ),
    );
  }
  const answer = Object.hasOwn(route, method) ? route[method] : undefined;
  if (answer === undefined) {
    const allow = Object.keys(route).join(', ');
    return {
      ...problem(
        adminProblem(
          405,
          'method-not-allowed',
          'Method not allowed',
          `${path} takes ${allow}, not ${method}.`,
        ),
      ),
      allow,
    };
  }
  return answer(state, body);
}

function putPins({ contracts }: AdminState, body: string): AdminAnswer {
  let spec: unknown;
  try {
    spec = JSON.parse(body);
  } catch {
    spec = undefined;
  }
  const entries =
    spec !== null && typeof spec === 'object' && !Array.isArray(spec)
      ? Object.entries(spec)
      : undefined;
  if (entries === undefined || entries.some(([, label]) => typeof label !== 'string')) {
    return badPins(
      'PUT /__abe/pins takes a JSON object of contract key to label, such as {"users/get.json": "not found"}.',
    );
  }
  try {
    contracts.setPins(Object.fromEntries(entries) as Record<string, string>);
  } catch (error) {
    if (error instanceof AbeError) return badPins(error.message);
    throw error;
  }
  return ok({ pins: contracts.snapshot.pins });
}

function badPins(detail: string): AdminAnswer {
  return problem(adminProblem(400, 'bad-pins', 'The pins were not changed', detail));
}

function problem(details: ProblemDetails): AdminAnswer {
  return { status: details.status, body: details };
}
