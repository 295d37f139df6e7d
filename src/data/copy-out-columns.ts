import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

/** The columns read by `copyOutColumns`, `rows` long each. */
export interface CopiedColumns {
  /** The first column of the query, as text. */
  readonly ids: string[];
  /** The numeric columns by name, in the order asked for; NULL is NaN. */
  readonly numeric: Map<string, Float64Array>;
  readonly rows: number;
}

/** The shape of the query's result. */
export interface CopyOutColumnsOptions {
  /** Names of the query's columns after the id, in order: float8 or integers, NULL allowed. */
  readonly numeric: readonly string[];
}

/**
 * Runs `COPY (sql) TO STDOUT` on PostgreSQL and collects the result column-major: the first
 * column as text ids, the next ones (named by `options.numeric`, in order) as Float64Arrays
 * grown chunk by chunk, without an object per row. NULL becomes NaN; `NaN`, `Infinity`,
 * `-Infinity` and `-0` come back as themselves. The numbers are exact: PostgreSQL 12 and later
 * print float8 in the shortest form that reads back to the same double, as long as
 * `extra_float_digits` is at least 1 (the default); a session with a lower setting (rounded
 * output) is refused. A float4 (`real`) column reads back as the double of its printed
 * decimal, not of its float value: cast it to float8 in the query.
 * @example
 * const { ids, numeric, rows } = await copyOutColumns(client,
 *   'SELECT household_id, income, size FROM households WHERE wave = 2', { numeric: ['income', 'size'] });
 * numeric.get('income') // Float64Array(rows)
 */
export async function copyOutColumns(
  client: pg.ClientBase,
  sql: string,
  options: CopyOutColumnsOptions,
): Promise<CopiedColumns> {
  const names = options.numeric;
  if (new Set(names).size !== names.length) {
    throw new Error(`copyOutColumns: numeric names repeat: ${names.join(', ')}`);
  }
  const digits = await client.query<{ d: number }>(
    "SELECT current_setting('extra_float_digits')::int AS d",
  );
  if (digits.rows[0].d < 1) {
    throw new Error(
      `copyOutColumns: extra_float_digits is ${digits.rows[0].d}; it must be at least 1 (PostgreSQL's default) for exact doubles`,
    );
  }
  const parser = new CopyTextParser(names.length);
  const stream = client.query(copyStreams.to(`COPY (${sql}) TO STDOUT`));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const end = text.lastIndexOf('\n');
    if (end < 0) rest = text;
    else {
      parser.parse(text, end);
      rest = text.slice(end + 1);
    }
  }
  rest += decoder.decode();
  if (rest !== '') throw new Error(`copyOutColumns: the COPY output ends inside a row`);
  const numeric = new Map<string, Float64Array>();
  for (const [k, name] of names.entries())
    numeric.set(name, parser.columns[k].slice(0, parser.rows));
  return { ids: parser.ids, numeric, rows: parser.rows };
}

/** COPY text format: a field's escapes (`\t`, `\n`, `\\`, …) and the character each stands for. */
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function unescapeField(raw: string): string {
  return raw.replace(/\\(.)/gs, (_, c: string) => ESCAPES[c] ?? c);
}

/** Parses whole lines of COPY text output into growing columns. */
class CopyTextParser {
  readonly ids: string[] = [];
  columns: Float64Array[];
  rows = 0;

  constructor(private readonly width: number) {
    this.columns = Array.from({ length: width }, () => new Float64Array(1024));
  }

  /** Reads the lines of `text` up to and including the newline at `end`. */
  parse(text: string, end: number): void {
    const width = this.width;
    let pos = 0;
    while (pos <= end) {
      const nl = text.indexOf('\n', pos);
      const row = this.rows;
      if (row === this.columns[0]?.length) this.grow();
      let tab = width === 0 ? nl : text.indexOf('\t', pos);
      if (tab < 0 || tab > nl) throw this.shapeError(row);
      const id = text.slice(pos, tab);
      if (id === '\\N') throw new Error(`copyOutColumns: the id of row ${row + 1} is NULL`);
      this.ids.push(id.includes('\\') ? unescapeField(id) : id);
      for (let k = 0; k < width; k++) {
        const from = tab + 1;
        tab = text.indexOf('\t', from);
        if (k === width - 1) {
          if (tab >= 0 && tab < nl) throw this.shapeError(row);
          tab = nl;
        } else if (tab < 0 || tab > nl) throw this.shapeError(row);
        this.columns[k][row] = parseNumber(text.slice(from, tab), row, k);
      }
      this.rows = row + 1;
      pos = nl + 1;
    }
  }

  private grow(): void {
    this.columns = this.columns.map((c) => {
      const bigger = new Float64Array(c.length * 2);
      bigger.set(c);
      return bigger;
    });
  }

  private shapeError(row: number): Error {
    return new Error(
      `copyOutColumns: row ${row + 1} does not have 1 + ${this.width} columns (an id and the numeric ones)`,
    );
  }
}

function parseNumber(field: string, row: number, column: number): number {
  if (field === '\\N') return NaN;
  const x = Number(field);
  if (x !== x && field !== 'NaN') {
    throw new Error(
      `copyOutColumns: row ${row + 1}, numeric column ${column + 1}: not a number: ${field}`,
    );
  }
  if (field === '')
    throw new Error(`copyOutColumns: row ${row + 1}, numeric column ${column + 1}: empty`);
  return x;
}
