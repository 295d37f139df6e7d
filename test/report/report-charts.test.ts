import { describe, expect, test } from 'vitest';
import { coefficientPanels } from '../../src/report/charts/coefficient-panels.js';
import { niceTicks, tickLabel } from '../../src/report/charts/svg.js';
import { vulnerabilityHistogram } from '../../src/report/charts/vulnerability-histogram.js';
import { histogram } from '../../src/report/study-histogram.js';

describe('chart helpers', () => {
  test('niceTicks covers the range with round steps and no float residue', () => {
    expect(niceTicks(0, 450, 5)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(niceTicks(-0.3, 0, 4)).toEqual([-0.3, -0.2, -0.1, 0]);
    expect(niceTicks(-1.5e-5, 0, 4)).toEqual([-0.000015, -0.00001, -0.000005, 0]);
    expect(niceTicks(2, 2)).toEqual([2]);
    expect(tickLabel(0.30000000000000004)).toBe('0.3');
    expect(tickLabel(-0.00001)).toBe('-1.0E-5');
  });

  test('histogram: 20 bins over [0, 1], 1 in the last bin, NaN left out', () => {
    const h = histogram(Float64Array.from([0, 0.049, 0.05, 0.5, 1, NaN]));
    expect(h.counts).toHaveLength(20);
    expect(h.counts[0]).toBe(2);
    expect(h.counts[1]).toBe(1);
    expect(h.counts[10]).toBe(1);
    expect(h.counts[19]).toBe(1);
    expect(h.edges[20]).toBe(1);
  });

  test('the histogram shades three bands and escapes its labels', () => {
    const svg = vulnerabilityHistogram(histogram(Float64Array.from([0.1, 0.2, 0.7])), {
      bands: [0.3, 0.6],
      shares: [2 / 3, 0, 1 / 3],
    });
    expect(svg.match(/<rect class="band /g)).toHaveLength(3);
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(20);
    expect(svg).toContain('low 67%');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 560 300"/);
  });

  test('coefficient panels: one panel per term, intervals drawn, titles escaped', () => {
    const svg = coefficientPanels(
      [
        { title: 'a < b & c', points: [{ x: 0, estimate: 1, low: 0.5, high: 1.5 }] },
        { title: 'b', points: [{ x: 1, estimate: -1, low: -2, high: 0 }] },
      ],
      {
        title: 'T',
        mode: 'bars',
        xTicks: [
          { x: 0, label: '(1)' },
          { x: 1, label: '(2)' },
        ],
        xDomain: [0, 1],
      },
    );
    expect(svg.match(/<g class="panel"/g)).toHaveLength(2);
    expect(svg.match(/<line class="ci-bar"/g)).toHaveLength(2);
    expect(svg).toContain('a &lt; b &amp; c');
  });
});
