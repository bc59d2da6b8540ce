export { assertMatchesExample } from './assert-matches-example.js';
export type { ProviderConfig } from './configure.js';
export { configure } from './configure.js';
export { ExampleAssertionError } from './example-assertion-error.js';
export { expectMatchesExample } from './expect-matches-example.js';
export type {
  AbeDocument,
  ContractInput,
  ExampleContext,
  ExampleFailure,
  ExampleHook,
  ExampleId,
  ExampleLabel,
  FastifyLike,
  FetchHandler,
  FetchTarget,
  KoaLike,
  MatchExampleOptions,
  NodeListener,
  ProviderResponse,
  RequestLimits,
  Target,
  VerifyProviderOptions,
  VerifyReport,
} from './types.js';
export { verifyProvider } from './verify-provider.js';
