/**
 * The truck factor by degree of authorship (DOA), after G. Avelino, L. Passos, A. Hora and
 * M. T. Valente, "A novel approach for estimating truck factors", ICPC 2016
 * (https://doi.org/10.1109/ICPC.2016.7503718), as in their tool aserg-ufmg/Truck-Factor:
 *
 *   DOA(d, f) = 3.293 + 1.098·FA + 0.164·DL − 0.321·ln(1 + AC)
 *
 * where FA is 1 when d created f, DL the number of changes d made to f, AC the number of changes
 * others made to f. Per file, DOA is normalised by the file's highest DOA; d is an author of f
 * when the normalised DOA > 0.75 and the absolute DOA ≥ 3.293. The truck factor is the number of
 * top authors (by files authored) removed, one at a time, until more than 50% of the files have
 * no author left.
 */

/** One file's history: who created it and how many changes each developer made. */
export interface FileAuthorship {
  /** Developer who created the file (in the history seen), or undefined. */
  readonly creator: number | undefined;
  /** Changes per developer (creation included). */
  readonly changes: ReadonlyMap<number, number>;
}

/** What {@link truckFactor} returns. */
export interface TruckFactorResult {
  readonly value: number;
  /** Files considered. */
  readonly files: number;
  /** The developers removed, in order (the truck-factor set). */
  readonly removed: readonly number[];
  /** Share of files with an author left after the removals, 0..1. */
  readonly coverageAfter: number;
}

/** DOA of a developer on a file (the paper's formula). */
export function degreeOfAuthorship(fa: boolean, dl: number, ac: number): number {
  return 3.293 + 1.098 * (fa ? 1 : 0) + 0.164 * dl - 0.321 * Math.log(1 + ac);
}

/** The authors of each file, by normalised DOA > 0.75 and DOA ≥ 3.293. */
export function fileAuthors(files: Iterable<FileAuthorship>): number[][] {
  const out: number[][] = [];
  for (const file of files) {
    let total = 0;
    for (const n of file.changes.values()) total += n;
    const doas: [number, number][] = [];
    let max = -Infinity;
    for (const [dev, dl] of file.changes) {
      const doa = degreeOfAuthorship(file.creator === dev, dl, total - dl);
      doas.push([dev, doa]);
      if (doa > max) max = doa;
    }
    out.push(doas.filter(([, doa]) => doa / max > 0.75 && doa >= 3.293).map(([dev]) => dev));
  }
  return out;
}

/**
 * Greedy removal of the developer authoring the most files until coverage (files with an author
 * left) drops below 50%. Ties go to the smaller developer id (deterministic).
 */
export function truckFactor(files: readonly FileAuthorship[]): TruckFactorResult {
  const authors = fileAuthors(files);
  const total = authors.length;
  if (total === 0) return { value: 0, files: 0, removed: [], coverageAfter: 0 };
  const byDev = new Map<number, number[]>();
  authors.forEach((list, i) => {
    for (const d of list) {
      const mine = byDev.get(d);
      if (mine === undefined) byDev.set(d, [i]);
      else mine.push(i);
    }
  });
  const left = authors.map((list) => list.length);
  let covered = left.filter((n) => n > 0).length;
  const removed: number[] = [];
  while (byDev.size > 0 && covered / total >= 0.5) {
    let top = -1;
    let topCount = -1;
    for (const [dev, list] of byDev)
      if (list.length > topCount || (list.length === topCount && dev < top)) {
        top = dev;
        topCount = list.length;
      }
    for (const i of byDev.get(top) ?? []) if (--(left[i] as number) === 0) covered--;
    byDev.delete(top);
    removed.push(top);
  }
  return { value: removed.length, files: total, removed, coverageAfter: covered / total };
}
