// One seeded generator for every bench that generates its workload: the same seed gives the same
// repository or ledger on every machine and every run, so figures from two runs compare.

/**
 * A deterministic PRNG (mulberry32): returns a function that yields numbers in [0, 1).
 *
 * @example
 * const next = random(20);
 * const pick = Math.floor(next() * 6); // the same sequence for seed 20 on every run
 */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
