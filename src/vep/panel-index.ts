import { UserError } from '../errors.js';
import { messages } from '../messages.js';

/** Where each household's row of each wave is. */
export interface PanelIndex {
  /** Distinct waves in ascending order (numerically when every value is a number). */
  readonly waves: readonly string[];
  /** Distinct household ids, in order of first appearance. */
  readonly ids: readonly string[];
  /** rowOf[h · waves.length + w]: the input row of household h in wave w, or −1. */
  readonly rowOf: Int32Array;
}

/**
 * Indexes a long panel (one row per household and wave) by household and wave. A missing id
 * or wave, or a household with two rows in one wave, is a UserError naming the file, the
 * column and the row (1-based, as in a spreadsheet without its header).
 * @example panelIndex(['a', 'a', 'b'], ['1', '2', '1'], { path: 'p.csv', id: 'id', wave: 'wave' }).rowOf // [0, 1, 2, -1]
 */
export function panelIndex(
  ids: readonly (string | null)[],
  waves: readonly (string | null)[],
  names: { path: string; id: string; wave: string },
): PanelIndex {
  const rows = ids.length;
  const household = new Map<string, number>();
  const waveCode = new Map<string, number>();
  const hOf = new Int32Array(rows);
  const wOf = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const id = ids[r];
    const wave = waves[r];
    if (id === null || id.trim() === '')
      throw new UserError(messages.validate.missingCell(names.path, names.id, r + 1));
    if (wave === null || wave.trim() === '')
      throw new UserError(messages.validate.missingCell(names.path, names.wave, r + 1));
    let h = household.get(id);
    if (h === undefined) household.set(id, (h = household.size));
    let w = waveCode.get(wave);
    if (w === undefined) waveCode.set(wave, (w = waveCode.size));
    hOf[r] = h;
    wOf[r] = w;
  }
  const distinct = [...waveCode.keys()];
  const numeric = distinct.every((s) => s.trim() !== '' && Number.isFinite(Number(s)));
  const sorted = [...distinct].sort((a, b) =>
    numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0,
  );
  const rank = new Int32Array(distinct.length);
  sorted.forEach((wave, k) => (rank[waveCode.get(wave)!] = k));
  const W = sorted.length;
  const rowOf = new Int32Array(household.size * W).fill(-1);
  for (let r = 0; r < rows; r++) {
    const slot = hOf[r] * W + rank[wOf[r]];
    if (rowOf[slot] >= 0)
      throw new UserError(
        messages.validate.duplicateRow(
          names.path,
          names.id,
          ids[r]!,
          waves[r]!,
          rowOf[slot] + 1,
          r + 1,
        ),
      );
    rowOf[slot] = r;
  }
  return Object.freeze({
    waves: Object.freeze(sorted),
    ids: Object.freeze([...household.keys()]),
    rowOf,
  });
}
