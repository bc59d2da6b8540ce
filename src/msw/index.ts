// Filled by the msw issue; the entry resolves so the exports map is whole.
export {};
