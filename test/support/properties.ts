// Settings of the property tests (fast-check): a fixed seed in `npm test`, so a run is repeatable;
// EC2WB_FC_RUNS=<n> runs n cases instead of each test's default, and EC2WB_FC_SEED=<n> another seed
// (fast-check prints the seed and path of any counterexample).
export function propertyRuns(defaultRuns: number): { seed: number; numRuns: number } {
  const runs = Number(process.env.EC2WB_FC_RUNS);
  const seed = Number(process.env.EC2WB_FC_SEED);
  return { seed: Number.isInteger(seed) ? seed : 26, numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns };
}
