/** SPSS print-format type codes → names (GNU PSPP, "System File Format"). */
export const FORMAT_NAMES: Record<number, string> = {
  1: 'A',
  2: 'AHEX',
  3: 'COMMA',
  4: 'DOLLAR',
  5: 'F',
  6: 'IB',
  7: 'PIBHEX',
  8: 'P',
  9: 'PIB',
  10: 'PK',
  11: 'RB',
  12: 'RBHEX',
  15: 'Z',
  16: 'N',
  17: 'E',
  20: 'DATE',
  21: 'TIME',
  22: 'DATETIME',
  23: 'ADATE',
  24: 'JDATE',
  25: 'DTIME',
  26: 'WKDAY',
  27: 'MONTH',
  28: 'MOYR',
  29: 'QYR',
  30: 'WKYR',
  31: 'PCT',
  32: 'DOT',
  33: 'CCA',
  34: 'CCB',
  35: 'CCC',
  36: 'CCD',
  37: 'CCE',
  38: 'EDATE',
  39: 'SDATE',
  40: 'MTIME',
  41: 'YMDHMS',
};
/** Format types holding dates (seconds since 14 October 1582 at midnight). */
export const DATE_TYPES = new Set([20, 23, 24, 28, 29, 30, 38, 39]);
/** Format types holding date-times. */
export const DATETIME_TYPES = new Set([22, 41]);

/** Windows code pages (machine-integer record) → WHATWG encoding names. */
export const CODE_PAGES: Record<number, string> = {
  65001: 'utf-8',
  936: 'gb18030',
  54936: 'gb18030',
  950: 'big5',
  932: 'shift_jis',
  949: 'euc-kr',
  1252: 'windows-1252',
  1250: 'windows-1250',
  1251: 'windows-1251',
  20127: 'windows-1252',
  28591: 'windows-1252',
};
