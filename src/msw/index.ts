export type { AbeMocks, AbeViolation, UsedExample } from './abe-mocks.js';
export { abeMocks } from './abe-mocks.js';
export type { MockFromAbeOptions } from './mock-from-abe.js';
export { mockFromAbe } from './mock-from-abe.js';
export type { ContractInput, ContractsInput } from './resolve-contracts.js';
