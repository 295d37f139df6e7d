/**
 * Lays out rows of cells as an aligned plain-text table; the first column is left-aligned,
 * the rest right-aligned, with a rule under the header.
 * @example textTable([['term', 'estimate'], ['x', '1.0000']])
 */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, j) => {
      widths[j] = Math.max(widths[j] ?? 0, displayWidth(cell));
    });
  }
  const pad = (cell: string, j: number): string => {
    const fill = ' '.repeat(widths[j] - displayWidth(cell));
    return j === 0 ? cell + fill : fill + cell;
  };
  const lines = rows.map((row) => row.map(pad).join('  ').trimEnd());
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1));
  return [rule, lines[0], rule, ...lines.slice(1), rule].join('\n');
}

/** Width of a string on a terminal, counting CJK characters as two columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}
