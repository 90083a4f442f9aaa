/**
 * A count of elementary steps where cost could grow faster than the input: edit-distance cells
 * (did-you-mean), line-start scans and lookups (line:column), characters of code-frame windows.
 * Tests reset and read it to check that work grows linearly with the input, instead of timing.
 */
export const work = { steps: 0 };
