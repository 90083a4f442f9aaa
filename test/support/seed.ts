/**
 * The seed of every random test: fixed by default so a run is repeatable, `SEED=N npm test` to
 * try others. fast-check prints it with any counterexample; tests that sample by hand put it in
 * their names and messages.
 */
export const SEED = parseSeed(process.env['SEED']);

function parseSeed(text: string | undefined): number {
  if (text === undefined || text === '') return 20261202;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`SEED=${text}: give an integer`);
  return n;
}
