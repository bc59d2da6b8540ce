// Filled by the provider issue; the entry resolves so the exports map is whole.
export {};
