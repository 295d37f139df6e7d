/** The fonts whose advance widths `textWidth` knows: Times (Word's Times New Roman, LibreOffice's
 * metric-compatible Liberation Serif) and Computer Modern Roman (LaTeX's cmr10). */
export type FontMetrics = 'times' | 'computer-modern';

// Advance widths of ASCII 32–126 in 1/1000 em: Adobe's Times-Roman AFM and Knuth's cmr10 TFM.
// prettier-ignore
const ASCII: Record<FontMetrics, readonly number[]> = {
  times: [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, // ␠ ! " # $ % & ' ( ) * + , - . /
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // 0–9 : ; < = > ?
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // @ A–O
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // P–Z [ \ ] ^ _
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // ` a–o
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,      // p–z { | } ~
  ],
  'computer-modern': [
    333, 278, 500, 833, 500, 833, 778, 278, 389, 389, 500, 778, 278, 333, 278, 500,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 778, 778, 778, 472,
    778, 750, 708, 722, 764, 681, 653, 785, 750, 361, 514, 778, 625, 917, 750, 778,
    681, 778, 736, 556, 722, 750, 750, 1028, 750, 750, 611, 278, 500, 278, 500, 500,
    278, 500, 556, 444, 556, 444, 306, 500, 556, 278, 306, 528, 278, 833, 556, 500,
    556, 528, 392, 394, 389, 556, 528, 722, 528, 528, 444, 500, 500, 500, 500,
  ],
};

// A few non-ASCII characters the tables use: true minus (LaTeX prints $-$), en dash, ², ≥.
const OTHER: Record<FontMetrics, Readonly<Record<string, number>>> = {
  times: { '−': 564, '–': 500, '²': 300, '≥': 549, '≤': 549, '×': 564, ' ': 250 },
  'computer-modern': { '−': 778, '–': 500, '²': 350, '≥': 778, '≤': 778, '×': 778, ' ': 333 },
};

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/;

/**
 * The printed width of a line of text in ems of its font size, from the font's advance widths
 * (no kerning): Times for Word and LibreOffice, Computer Modern for LaTeX. CJK characters count
 * one em; characters the tables do not know count as a digit. Multiply by the size in points.
 * @example textWidth('0.328', { font: 'times' }) * 10 // 12.5 (points at 10 pt)
 */
export function textWidth(text: string, options: { font: FontMetrics }): number {
  const ascii = ASCII[options.font];
  const other = OTHER[options.font];
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 32 && code < 127) w += ascii[code - 32];
    else if (other[ch] !== undefined) w += other[ch];
    else w += WIDE.test(ch) ? 1000 : 500;
  }
  return w / 1000;
}

/**
 * The widest word of a text in ems (the narrowest a column can be without breaking a word).
 * @example longestWordWidth('Wage income', { font: 'times' }) // width of "income"
 */
export function longestWordWidth(text: string, options: { font: FontMetrics }): number {
  let widest = 0;
  // A CJK line may break between any two characters: each is a word of its own.
  const words = text.replace(new RegExp(WIDE.source, 'g'), ' $& ').split(/\s+/);
  for (const word of words) widest = Math.max(widest, textWidth(word, options));
  return widest;
}
