export type { LintOptions, LintResult } from './contract/lint-contracts.js';
export { lintContracts } from './contract/lint-contracts.js';
export { loadContract } from './contract/load-contract.js';
export type { LoadContractsOptions } from './contract/load-contracts.js';
export { loadContracts } from './contract/load-contracts.js';
export type { ParseContractOptions } from './contract/parse-contract.js';
export { contractFromObject, parseContract } from './contract/parse-contract.js';
export type {
  Contract,
  Diagnostic,
  Example,
  ExampleRequest,
  ExampleResponse,
  ExampleState,
  Headers,
  JsonObject,
  JsonValue,
  Position,
  QueryParams,
  Severity,
  UrlPattern,
} from './contract/types.js';
export type { AbeErrorCode, AbeErrorOptions } from './core/abe-error.js';
export { AbeError } from './core/abe-error.js';
export type { FormatMismatchesOptions } from './match/format-mismatches.js';
export { formatMismatches } from './match/format-mismatches.js';
export { matchRequest } from './match/match-request.js';
export { matchResponse } from './match/match-response.js';
export type {
  ActualHeaders,
  ActualRequest,
  ActualResponse,
  ExpectedRequest,
  ExpectedResponse,
  MatchOptions,
  Mismatch,
  MismatchKind,
} from './match/types.js';
