export { assertMatchesExample } from './assert-matches-example.js';
export type { ProviderConfig } from './configure.js';
export { configure } from './configure.js';
export { ExampleAssertionError } from './example-assertion-error.js';
export { expectMatchesExample } from './expect-matches-example.js';
export type { HttpStateOptions, StateAction } from './http-state-handler.js';
export { httpStateHandler } from './http-state-handler.js';
export type {
  AbeDocument,
  ContractInput,
  ExampleContext,
  ExampleFailure,
  ExampleHook,
  ExampleId,
  ExampleLabel,
  ExampleResult,
  FastifyLike,
  FetchHandler,
  FetchTarget,
  KoaLike,
  MatchExampleOptions,
  NodeListener,
  ProviderResponse,
  RequestLimits,
  StateHandler,
  Target,
  VerifyProviderOptions,
  VerifyReport,
} from './types.js';
export { verifyProvider } from './verify-provider.js';
