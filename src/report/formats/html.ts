import type { ReportCell, ReportTable } from '../table-model.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and attribute values.
 * @example htmlEscape('a < b & c') // 'a &lt; b &amp; c'
 */
export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

function text(c: ReportCell): string {
  return htmlEscape(c.text) + (c.stars ? `<sup>${htmlEscape(c.stars)}</sup>` : '');
}

/**
 * A table as an HTML fragment (no styles, no scripts) for the self-contained report: a
 * `<table class="povrisk-table">` with the title as `<caption>`, the header in `<thead>`,
 * rows in `<tbody>` (classes `estimate`, `std-error`, `statistic`, `data`; `rule` above a
 * rule; `indent` on indented labels), stars in `<sup>`, and the notes in `<tfoot>`.
 * @example document.body.insertAdjacentHTML('beforeend', toHtml(table))
 */
export function toHtml(table: ReportTable): string {
  const align = (j: number) => (table.align[j] === 'left' ? '' : ` class="${table.align[j]}"`);
  const lines = ['<table class="povrisk-table">'];
  if (table.title) lines.push(`<caption>${htmlEscape(table.title)}</caption>`);
  lines.push(
    `<thead><tr>${table.header.map((h, j) => `<th scope="col"${align(j)}>${htmlEscape(h)}</th>`).join('')}</tr></thead>`,
  );
  lines.push('<tbody>');
  for (const r of table.rows) {
    const classes = [r.kind.replace('_', '-'), ...(r.ruleBefore ? ['rule'] : [])].join(' ');
    const cells = r.cells.map((c, j) =>
      j === 0
        ? `<th scope="row"${r.indent ? ' class="indent"' : ''}>${text(c)}</th>`
        : `<td${align(j)}>${text(c)}</td>`,
    );
    lines.push(`<tr class="${classes}">${cells.join('')}</tr>`);
  }
  lines.push('</tbody>');
  if (table.notes.length > 0) {
    const notes = table.notes.map(htmlEscape).join('<br>');
    lines.push(`<tfoot><tr><td colspan="${table.header.length}">${notes}</td></tr></tfoot>`);
  }
  lines.push('</table>');
  return `${lines.join('\n')}\n`;
}
