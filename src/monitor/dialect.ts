import type { Dialect } from './db.js';

/**
 * DuckDB's type names in a statement, in PostgreSQL's words (DOUBLE → DOUBLE PRECISION,
 * TINYINT → SMALLINT, HUGEINT → NUMERIC), outside string literals only.
 * @example postgresTypes("CAST(x AS DOUBLE), 'DOUBLE'") // "CAST(x AS DOUBLE PRECISION), 'DOUBLE'"
 */
export function postgresTypes(sql: string): string {
  if (!/DOUBLE|TINYINT|HUGEINT/.test(sql)) return sql;
  return sql
    .split("'")
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\bDOUBLE\b(?! PRECISION)/g, 'DOUBLE PRECISION')
            .replace(/\bTINYINT\b/g, 'SMALLINT')
            .replace(/\bHUGEINT\b/g, 'NUMERIC'),
    )
    .join("'");
}

/**
 * A JSON object of SQL expressions: DuckDB's `to_json({…})`, PostgreSQL's `json_build_object`.
 * @example jsonObjectSql('postgres', { wave: 'a.wave' }) // "json_build_object('wave', a.wave)"
 */
export function jsonObjectSql(dialect: Dialect, fields: Readonly<Record<string, string>>): string {
  const entries = Object.entries(fields);
  if (dialect === 'duckdb') return `to_json({${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}})`;
  return `json_build_object(${entries.map(([k, v]) => `'${k}', ${v}`).join(', ')})`;
}

/**
 * A text id as a number for sorting (NULL when it is not all digits): household ids 2 < 10.
 * @example numericIdSql('duckdb', 'a.household_id') // 'TRY_CAST(a.household_id AS HUGEINT)'
 */
export function numericIdSql(dialect: Dialect, column: string): string {
  if (dialect === 'duckdb') return `TRY_CAST(${column} AS HUGEINT)`;
  return `(CASE WHEN ${column} ~ '^\\s*[+-]?[0-9]{1,38}\\s*$' THEN CAST(${column} AS NUMERIC) END)`;
}

/**
 * The current observations (newest version of each household-wave) that satisfy `where`, as
 * a parenthesised subquery: DuckDB's QUALIFY over `observations`, PostgreSQL's view.
 * @example currentObservationsSql('postgres', "wave = 'a'", 'household_id')
 */
export function currentObservationsSql(dialect: Dialect, where: string, partition: string): string {
  if (dialect === 'duckdb') {
    return `(SELECT * FROM observations WHERE ${where}
    QUALIFY version = max(version) OVER (PARTITION BY ${partition}))`;
  }
  return `(SELECT * FROM current_observations WHERE ${where})`;
}

/** Index just past the string literal opening at `i` ('' inside is an escaped quote). */
function skipString(sql: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const k = sql.indexOf("'", j);
    if (k < 0) return sql.length;
    if (sql[k + 1] === "'") j = k + 2;
    else return k + 1;
  }
}

/** The top-level arguments of the call whose '(' is at `open`, and the index past its ')'. */
function callArguments(sql: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'") {
      i = skipString(sql, i) - 1;
    } else if (ch === '(' || ch === '[') {
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
      if (depth === 0) {
        args.push(sql.slice(start, i).trim());
        return { args, end: i + 1 };
      }
    } else if (ch === ',' && depth === 1) {
      args.push(sql.slice(start, i).trim());
      start = i + 1;
    }
  }
  throw new Error(`unbalanced call in SQL: ${sql.slice(open, open + 60)}`);
}

/** A printf conversion of DuckDB's as PostgreSQL text. */
function formatted(spec: string, arg: string): string {
  if (spec === 's') return `CAST(${arg} AS TEXT)`;
  const m = /^(,?)\.(\d+)f$/.exec(spec);
  if (!m) throw new Error(`printf conversion %${spec} has no PostgreSQL form`);
  const digits = Number(m[2]);
  const whole = m[1] === ',' ? 'FM999,999,999,999,999,990' : 'FM999999999999999990';
  return `to_char(${arg}, '${whole}${digits > 0 ? `.${'0'.repeat(digits)}` : ''}')`;
}

/**
 * DuckDB's `printf('template', args…)` calls (a literal template with %s, %.Nf, %,.Nf and
 * %%) as PostgreSQL concatenations of to_char; nested calls too.
 * @example postgresPrintf("printf('v %.3f', v)") // "('v ' || to_char(v, 'FM999999999999999990.000'))"
 */
export function postgresPrintf(sql: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const at = sql.slice(i).search(/\bprintf\(|'/);
    if (at < 0) return out + sql.slice(i);
    const k = i + at;
    if (sql[k] === "'") {
      const end = skipString(sql, k);
      out += sql.slice(i, end);
      i = end;
      continue;
    }
    out += sql.slice(i, k);
    const { args, end } = callArguments(sql, k + 'printf'.length);
    const [template, ...rest] = args.map(postgresPrintf);
    if (!/^'.*'$/s.test(template)) throw new Error('printf template must be a literal');
    const text = template.slice(1, -1).replaceAll("''", "'");
    const pieces: string[] = [];
    let literal = '';
    let n = 0;
    const re = /%(%|s|,?\.\d+f)/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      literal += text.slice(last, m.index);
      last = m.index + m[0].length;
      if (m[1] === '%') {
        literal += '%';
        continue;
      }
      if (literal !== '') pieces.push(`'${literal.replaceAll("'", "''")}'`);
      literal = '';
      pieces.push(formatted(m[1], rest[n++]));
    }
    literal += text.slice(last);
    if (literal !== '') pieces.push(`'${literal.replaceAll("'", "''")}'`);
    out += `(${pieces.length === 0 ? "''" : pieces.join(' || ')})`;
    i = end;
  }
}

/**
 * A statement written for DuckDB, as PostgreSQL runs it: printf calls, TRY_CAST(id AS
 * HUGEINT) for numeric ids, and type names.
 * @example postgresStatement('SELECT CAST(x AS DOUBLE)')
 */
export function postgresStatement(sql: string): string {
  let out = sql.includes('printf(') ? postgresPrintf(sql) : sql;
  out = out.replace(/TRY_CAST\(([\w.]+) AS HUGEINT\)/g, (_, col: string) =>
    numericIdSql('postgres', col),
  );
  return postgresTypes(out);
}
