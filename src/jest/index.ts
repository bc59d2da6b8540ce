// Filled by the jest issue; the entry resolves so the exports map is whole.
export {};
