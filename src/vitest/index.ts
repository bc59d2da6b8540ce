// Filled by the vitest issue; the entry resolves so the exports map is whole.
export {};
