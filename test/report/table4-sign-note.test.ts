import { describe, expect, it } from 'vitest';
import { DICTIONARY } from '../../src/paper/dictionary.js';
import { LIANGSHAN_STUDY } from '../../src/paper/liangshan-study.js';
import {
  PUBLISHED_TABLE4,
  TABLE4_SIGN_NOTE,
  TABLE4_SIGN_NOTE_ZH,
} from '../../src/paper/published-regressions.js';
import { parseStudy } from '../../src/study/study.js';
import { reportSetup } from '../../src/report/report-setup.js';
import { paperTables } from '../../src/report/study-tables.js';

describe("Table 4's signs", () => {
  it('intercept + Σ b·x̄ is 0.69–1.01 as printed and 0.155–0.168 with road, motivation and wage share reversed', () => {
    const mean = (term: string) => DICTIONARY.find((d) => d.name === term)!.mean;
    // The published coefficients as transcribed (strings as printed), one column per model.
    const rows = PUBLISHED_TABLE4.rows.map(
      (r) => [r.term, r.cells.map((c) => (c ? [Number(c[0])] : null))] as const,
    );
    expect(rows.length).toBe(12);
    const meanV = (flip: boolean) =>
      Array.from({ length: 7 }, (_, j) =>
        rows.reduce((s, [term, cells]) => {
          const c = cells?.[j];
          if (!c) return s;
          if (term === '(Intercept)') return s + c[0];
          const b =
            flip && ['road_hardened', 'motivation', 'wage_share'].includes(term) ? -c[0] : c[0];
          return s + b * mean(term);
        }, 0),
      );
    const printed = meanV(false);
    const reversed = meanV(true);
    expect(Math.min(...printed)).toBeCloseTo(0.694, 3);
    expect(Math.max(...printed)).toBeCloseTo(1.014, 3);
    expect(Math.min(...reversed)).toBeCloseTo(0.155, 3);
    expect(Math.max(...reversed)).toBeCloseTo(0.168, 3);
  });

  it("the report's published Table 4 carries the footnote", () => {
    const study = parseStudy(LIANGSHAN_STUDY, { file: '<built-in study>', dir: process.cwd() });
    expect(paperTables(reportSetup(study, { lang: 'en' })).table4.notes).toContain(
      TABLE4_SIGN_NOTE,
    );
    expect(paperTables(reportSetup(study, { lang: 'zh-CN' })).table4.notes).toContain(
      TABLE4_SIGN_NOTE_ZH,
    );
    expect(TABLE4_SIGN_NOTE).toContain('0.69–1.01');
    expect(TABLE4_SIGN_NOTE).toContain('0.155–0.168');
  });
});
