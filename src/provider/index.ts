export { assertMatchesExample } from './assert-matches-example.js';
export type { ProviderConfig } from './configure.js';
export { configure } from './configure.js';
export { ExampleAssertionError } from './example-assertion-error.js';
export { expectMatchesExample } from './expect-matches-example.js';
export type {
  ExampleContext,
  ExampleFailure,
  ExampleHook,
  ExampleId,
  FastifyLike,
  FetchHandler,
  FetchTarget,
  KoaLike,
  MatchExampleOptions,
  NodeListener,
  ProviderResponse,
  Target,
  VerifyProviderOptions,
  VerifyReport,
} from './types.js';
export { verifyProvider } from './verify-provider.js';
