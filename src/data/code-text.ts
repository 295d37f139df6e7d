import type { CodedText } from './columns.js';

/**
 * A text column as codes into its distinct values, in order of first appearance (missing −1).
 * @example codeText(['b', 'a', null, 'b']) // { codes: [0, 1, -1, 0], levels: ['b', 'a'] }
 */
export function codeText(values: readonly (string | null)[]): CodedText {
  const codes = new Int32Array(values.length);
  const index = new Map<string, number>();
  const levels: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(value);
    if (code === undefined) {
      code = levels.length;
      index.set(value, code);
      levels.push(value);
    }
    codes[i] = code;
  }
  return Object.freeze({ codes, levels: Object.freeze(levels) });
}
