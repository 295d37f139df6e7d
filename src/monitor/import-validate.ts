import type { Db } from './db.js';
import { quoteIdent } from '../data/source.js';
import { messages } from '../messages.js';
import { ID_COLUMNS, STORED_COLUMNS, type ColumnRule } from './columns.js';
import { rowsOf, sqlString } from './sql.js';
import type { RowProblem } from '../domain/monitor-answers.js';

export type { RowProblem } from '../domain/monitor-answers.js';

function ruleCheck(rule: ColumnRule, t: string): { test: string; why: string } | null {
  const whys = messages.cellRule;
  switch (rule.kind) {
    case 'flag':
      return { test: `${t} NOT IN (0, 1)`, why: whys.flag() };
    case 'count':
      return {
        test: `(${t} < ${rule.min ?? 0} OR ${t} <> floor(${t}))`,
        why: whys.count(rule.min ?? 0),
      };
    case 'code':
      return { test: `${t} NOT IN (${rule.codes!.join(', ')})`, why: whys.code(rule.codes!) };
    case 'number': {
      const parts: string[] = [];
      if (rule.min !== undefined) parts.push(`${t} < ${rule.min}`);
      if (rule.max !== undefined) parts.push(`${t} > ${rule.max}`);
      if (parts.length === 0) return null;
      return { test: `(${parts.join(' OR ')})`, why: whys.range(rule.min, rule.max) };
    }
  }
}

/** The SQL expression that yields one column's problem struct, or NULL when the cell is fine. */
function problemSql(rule: ColumnRule): string {
  const q = quoteIdent(rule.name);
  const t = `TRY_CAST(trim(${q}) AS DOUBLE)`;
  const problem = (why: string) =>
    `{'column': ${sqlString(rule.name)}, 'value': ${q}, 'why': ${sqlString(why)}}`;
  const check = ruleCheck(rule, t);
  return `CASE WHEN ${q} IS NULL THEN NULL
    WHEN ${t} IS NULL OR NOT isfinite(${t}) THEN ${problem(messages.cellRule.notNumber())}
    ${check ? `WHEN ${check.test} THEN ${problem(check.why)}` : ''} END`;
}

function idProblemSql(name: string): string {
  const q = quoteIdent(name);
  return `CASE WHEN ${q} IS NULL OR trim(${q}) = '' THEN
    {'column': ${sqlString(name)}, 'value': ${q}, 'why': ${sqlString(messages.cellRule.missing())}} END`;
}

/**
 * Every invalid cell of the staged raw rows (table `table`, text columns plus `row_no`), in
 * one scan, plus repeated household ids: the whole list, sorted by row then column order.
 * @example await findProblems(connection, 'monitor_raw') // [] when the file is valid
 */
export async function findProblems(connection: Db, table: string): Promise<RowProblem[]> {
  const exprs = [...ID_COLUMNS.map(idProblemSql), ...STORED_COLUMNS.map(problemSql)];
  const cells = await rowsOf(
    connection,
    `WITH checked AS (
       SELECT row_no, list_filter([${exprs.join(',\n')}], e -> e IS NOT NULL) AS problems
       FROM ${table})
     SELECT row_no, p.column AS "column", p.value AS value, p.why AS why
     FROM (SELECT row_no, unnest(problems) AS p FROM checked WHERE len(problems) > 0)`,
  );
  const duplicates = await rowsOf(
    connection,
    `SELECT row_no, household_id AS value, first_row FROM (
       SELECT row_no, household_id, min(row_no) OVER (PARTITION BY trim(household_id)) AS first_row
       FROM ${table} WHERE household_id IS NOT NULL AND trim(household_id) <> '')
     WHERE row_no > first_row`,
  );
  const order = new Map(
    [...ID_COLUMNS, ...STORED_COLUMNS.map((c) => c.name)].map((n, i) => [n, i]),
  );
  const problems: RowProblem[] = [
    ...cells.map((r) => ({
      row: Number(r.row_no),
      column: String(r.column),
      value: r.value === null ? null : String(r.value),
      why: String(r.why),
    })),
    ...duplicates.map((r) => ({
      row: Number(r.row_no),
      column: 'household_id',
      value: String(r.value),
      why: messages.cellRule.duplicate(Number(r.first_row)),
    })),
  ];
  problems.sort((a, b) => a.row - b.row || (order.get(a.column) ?? 0) - (order.get(b.column) ?? 0));
  return problems.map((p) => Object.freeze(p));
}
