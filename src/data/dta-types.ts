/** Stata storage types. */
export type DtaType = 'byte' | 'int' | 'long' | 'float' | 'double' | 'str' | 'strL';

/**
 * Storage type and width of an old type code (102–110): letters for numbers, 0x7f + n for str#;
 * null for an unknown code.
 * @example oldType(100) // ['double', 8]
 */
export function oldType(code: number): [DtaType, number] | null {
  const types: Record<number, [DtaType, number]> = {
    98: ['byte', 1],
    105: ['int', 2],
    108: ['long', 4],
    102: ['float', 4],
    100: ['double', 8],
  };
  if (types[code]) return types[code];
  return code > 0x7f ? ['str', code - 0x7f] : null;
}
/**
 * The same for releases 111–116: 251–255 for numbers, 1–244 for str#.
 * @example type111(255) // ['double', 8]
 */
export function type111(code: number): [DtaType, number] | null {
  const types: Record<number, [DtaType, number]> = {
    251: ['byte', 1],
    252: ['int', 2],
    253: ['long', 4],
    254: ['float', 4],
    255: ['double', 8],
  };
  return types[code] ?? (code >= 1 && code <= 244 ? ['str', code] : null);
}
/**
 * The same for releases 117–119: 65526–65530 for numbers, 32768 for strL, 1–2045 for str#.
 * @example type117(32768) // ['strL', 8]
 */
export function type117(code: number): [DtaType, number] | null {
  const types: Record<number, [DtaType, number]> = {
    65530: ['byte', 1],
    65529: ['int', 2],
    65528: ['long', 4],
    65527: ['float', 4],
    65526: ['double', 8],
    32768: ['strL', 8],
  };
  return types[code] ?? (code >= 1 && code <= 2045 ? ['str', code] : null);
}
