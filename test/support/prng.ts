import { rng } from '../../src/modules/demo/demo.generator.js';

/** The demo data's seeded generator, so property-style tests draw the same cases on every run. */
export const prng = rng;

/** An integer in [lo, hi]. */
export const between = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const oneOf = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
