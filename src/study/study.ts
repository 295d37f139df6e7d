import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Lang, Localized } from '../domain/localized.js';
import { isOptionError, UserError } from '../errors.js';
import { messages } from '../messages.js';
import { closestName } from '../data/closest-name.js';
import { povertyLine } from '../vep/poverty-line.js';
import { parseFormula, type FormulaNode } from './derive.js';
import { STUDY_SCHEMA, type StudyFile, type StudyGroup } from './study-schema.js';

/** A place in a study file: the key path (`vep.x[2]`) and how to find its line. */
export type StudyPath = readonly (string | number)[];

/** A validated study with every default filled in. */
export interface Study {
  /** The study file as named by the user (or `<built-in study>`), for messages. */
  readonly file: string;
  readonly title: Localized;
  readonly description: Localized | null;
  /** The report's language (default en). */
  readonly lang: Lang;
  /** The published study the report compares with, or null (no paper panels, columns, notes). */
  readonly compare: 'liangshan-2020' | null;
  /** The report's own wording; null where the study gives none (the report's neutral default). */
  readonly wording: {
    readonly outcome: Localized | null;
    readonly dependent: Localized | null;
    readonly unit: Localized | null;
    readonly titles: Readonly<
      Record<'table1' | 'table2' | 'table3' | 'table4' | 'table5', Localized | null>
    >;
  };
  readonly data: {
    /** The data file, resolved against the study file's folder. */
    readonly path: string;
    readonly id: string | null;
    /** The wave column of a panel as the study file names it, or null (then `wave` if the file has it). */
    readonly wave: string | null;
    readonly columns: Readonly<Record<string, string>>;
    readonly sheet: string | null;
  };
  readonly derive: readonly {
    readonly name: string;
    readonly formula: string;
    readonly label: Localized | null;
    readonly node: FormulaNode;
    readonly columns: readonly string[];
  }[];
  readonly labels: Readonly<Record<string, Localized>>;
  readonly vep: {
    readonly income: string;
    readonly x: readonly string[];
    /** The poverty line per person per year, and how it was given. */
    readonly line: number;
    readonly lineSpec: {
      readonly line?: number;
      readonly usdPerDay?: number;
      readonly ppp?: number;
    };
    /** The currency of the line (null: none named) and the period of income. */
    readonly currency: string | null;
    readonly period: Localized | null;
    readonly variance: 'linear' | 'exponential';
    readonly floor: number;
    readonly threshold: number | 'relative';
    readonly bands: readonly [number, number];
    readonly weights: string | null;
  };
  readonly table1: readonly string[];
  readonly explanatory: readonly string[];
  readonly regression: {
    readonly vce: 'classical' | 'hc0' | 'hc1' | 'hc2' | 'hc3';
    readonly models: readonly { readonly label: string; readonly x: readonly string[] }[];
    readonly stepwise: {
      readonly pr?: number;
      readonly pe?: number;
      readonly forward: boolean;
    } | null;
  };
  readonly quantiles: {
    readonly taus: readonly number[];
    readonly x: readonly string[];
    readonly se: 'nid' | 'iid' | 'ker' | 'boot';
    readonly reps: number;
    readonly seed: number;
  } | null;
  readonly groups: readonly StudyGroup[];
  readonly outputs: {
    readonly formats: readonly ('markdown' | 'csv' | 'latex' | 'docx')[];
  };
  /** Throws a UserError about a place in the study file: `file line N, path: detail`. */
  readonly fail: (path: StudyPath, detail: string) => never;
}

const validateSchema = new Ajv({ allErrors: true, strict: false }).compile(STUDY_SCHEMA);

/**
 * Reads and validates a study file (YAML or JSON). See `parseStudy`.
 * @example const study = await loadStudy('examples/liangshan.study.yaml');
 */
export async function loadStudy(path: string): Promise<Study> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UserError(messages.fileNotFound(path));
  }
  return parseStudy(text, { file: path, dir: dirname(resolve(path)) });
}

/**
 * Parses and validates the text of a study file against `STUDY_SCHEMA`, then checks what a
 * schema cannot (one poverty line, band order, formulas that parse, names defined once) and
 * fills the defaults. Any problem is a UserError naming the file, the line and the key path,
 * e.g. `study.yaml line 12, vep.x[2]: must be string`. `dir` resolves the data path.
 * @example parseStudy(text, { file: 'study.yaml', dir: process.cwd() })
 */
export function parseStudy(text: string, options: { file: string; dir: string }): Study {
  const file = options.file;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = lines.linePos(e.pos[0]).line;
    throw new UserError(
      messages.study.at(file, line, '', messages.study.unreadable(e.message.split('\n')[0])),
    );
  }
  const fail = (path: StudyPath, detail: string, key?: string): never => {
    throw new UserError(
      messages.study.at(file, lineOf(doc, lines, path, key), pathText(path), detail),
    );
  };
  const raw: unknown = doc.toJS();
  if (!validateSchema(raw)) {
    const error = pickError(validateSchema.errors ?? []);
    const path = pointerPath(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      const parent = schemaAt(path);
      const known = Object.keys((parent?.properties as object | undefined) ?? {});
      fail([...path, key], messages.study.unknownKey(closestName(key, known)), key);
    }
    fail(path, schemaMessage(error));
  }
  return resolveStudy(raw as StudyFile, { file, dir: options.dir, fail });
}

function resolveStudy(
  s: StudyFile,
  ctx: { file: string; dir: string; fail: (path: StudyPath, detail: string) => never },
): Study {
  const { fail } = ctx;
  if (s.data.wave !== undefined && s.data.id === undefined)
    fail(['data', 'wave'], 'a panel needs data.id too (the household column)');
  const pl = s.vep.poverty_line;
  const line = studyPovertyLine(pl, fail);
  if (pl.line !== undefined && pl.ppp !== undefined)
    fail(['vep', 'poverty_line', 'ppp'], messages.study.pppWithLine());
  const bands = s.vep.bands ?? [0.3, 0.6];
  if (!(bands[0] < bands[1]))
    fail(['vep', 'bands'], 'the first cut point must be below the second');
  const derived: Study['derive'][number][] = [];
  (s.derive ?? []).forEach((d, k) => {
    if (derived.some((e) => e.name === d.name))
      fail(['derive', k, 'name'], messages.study.duplicateName(d.name));
    const parsed = parseFormula(d.formula);
    if (!parsed.ok)
      fail(
        ['derive', k, 'formula'],
        messages.study.formulaSyntax(d.formula, parsed.at, parsed.detail),
      );
    else
      derived.push(
        Object.freeze({ ...d, label: d.label ?? null, node: parsed.node, columns: parsed.columns }),
      );
  });
  const explanatory = s.explanatory;
  const models = (s.regression?.models ?? ['all']).map((m, k) =>
    Object.freeze({ label: `(${k + 1})`, x: m === 'all' ? explanatory : m }),
  );
  const sw = s.regression?.stepwise;
  if (sw && sw.pr === undefined && sw.pe === undefined)
    fail(['regression', 'stepwise'], 'give pr (backward), pe (forward) or both');
  if (sw && sw.pr !== undefined && sw.pe !== undefined && !(sw.pe < sw.pr))
    fail(['regression', 'stepwise'], 'pe must be below pr (as Stata requires)');
  (s.groups ?? []).forEach((g, k) => {
    if (g.min_count !== undefined && g.levels !== 'from-data')
      fail(['groups', k, 'min_count'], 'min_count goes with levels: from-data');
    if (typeof g.levels === 'string') return;
    g.levels.forEach((level, j) => {
      const at = ['groups', k, 'levels', j];
      if (level.values === undefined && level.min === undefined && level.max === undefined)
        fail(at, 'give values, or min and/or max');
      if (level.values !== undefined && (level.min !== undefined || level.max !== undefined))
        fail(at, 'give values, or min and/or max, not both');
    });
  });
  const q = s.quantiles;
  return Object.freeze({
    file: ctx.file,
    title: s.title ?? basename(ctx.file),
    description: s.description ?? null,
    lang: s.lang ?? 'en',
    compare: s.compare ?? null,
    wording: Object.freeze({
      outcome: s.wording?.outcome ?? null,
      dependent: s.wording?.dependent ?? null,
      unit: s.wording?.unit ?? null,
      titles: Object.freeze({
        table1: s.wording?.titles?.table1 ?? null,
        table2: s.wording?.titles?.table2 ?? null,
        table3: s.wording?.titles?.table3 ?? null,
        table4: s.wording?.titles?.table4 ?? null,
        table5: s.wording?.titles?.table5 ?? null,
      }),
    }),
    data: Object.freeze({
      path: resolve(ctx.dir, s.data.path),
      id: s.data.id ?? null,
      wave: s.data.wave ?? null,
      columns: Object.freeze({ ...(s.data.columns ?? {}) }),
      sheet: s.data.sheet ?? null,
    }),
    derive: Object.freeze(derived),
    labels: Object.freeze({
      ...Object.fromEntries(derived.flatMap((d) => (d.label ? [[d.name, d.label]] : []))),
      ...(s.labels ?? {}),
    }),
    vep: Object.freeze({
      income: s.vep.income,
      x: s.vep.x,
      line,
      lineSpec: Object.freeze({
        ...(pl.line !== undefined ? { line: pl.line } : {}),
        ...(pl.usd_per_day !== undefined ? { usdPerDay: pl.usd_per_day } : {}),
        ...(pl.ppp !== undefined ? { ppp: pl.ppp } : {}),
      }),
      currency: pl.currency ?? null,
      period: pl.period ?? null,
      variance: s.vep.variance ?? 'linear',
      floor: s.vep.variance_floor ?? 1e-4,
      threshold: s.vep.threshold ?? 0.5,
      bands: [bands[0], bands[1]] as const,
      weights: s.vep.weights ?? null,
    }),
    table1: s.table1 ?? s.vep.x,
    explanatory,
    regression: Object.freeze({
      vce: s.regression?.vce ?? 'hc1',
      models: Object.freeze(models),
      stepwise: sw ? Object.freeze({ ...sw, forward: sw.forward ?? false }) : null,
    }),
    quantiles: q
      ? Object.freeze({
          taus: q.taus,
          x: q.x ?? models[models.length - 1].x,
          se: q.se ?? 'nid',
          reps: q.reps ?? 200,
          seed: q.seed ?? 1,
        })
      : null,
    groups: s.groups ?? [],
    outputs: Object.freeze({
      formats: s.outputs?.formats ?? (['markdown', 'csv', 'latex', 'docx'] as const),
    }),
    fail,
  });
}

/** `['vep', 'x', 2]` → `vep.x[2]`. */
function pathText(path: StudyPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function pointerPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The study file's keys for the options of `povertyLine`. */
const POVERTY_LINE_KEYS: Readonly<Record<string, string>> = Object.freeze({
  usdPerDay: 'usd_per_day',
});

/** The poverty line of a study file, by `povertyLine`; its option errors name the file's keys. */
function studyPovertyLine(
  pl: StudyFile['vep']['poverty_line'],
  fail: (path: StudyPath, detail: string) => never,
): number {
  try {
    return povertyLine({ line: pl.line, usdPerDay: pl.usd_per_day, ppp: pl.ppp });
  } catch (e) {
    if (!isOptionError(e)) throw e;
    return fail(
      ['vep', 'poverty_line'],
      e.render((o) => POVERTY_LINE_KEYS[o] ?? o),
    );
  }
}

/** The 1-based line of a key path (or of `key` inside it), when the document has it. */
function lineOf(doc: Document, lines: LineCounter, path: StudyPath, key?: string): number | null {
  const at = key !== undefined ? path.slice(0, -1) : path;
  const node = at.length === 0 ? doc.contents : doc.getIn(at, true);
  let offset: number | undefined;
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    offset = (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
  }
  offset ??= (node as { range?: [number, number, number] } | null)?.range?.[0];
  return offset === undefined ? null : lines.linePos(offset).line;
}

/** The most specific error: unknown keys first, then the deepest path, anyOf's own last. */
function pickError(errors: readonly ErrorObject[]): ErrorObject {
  const score = (e: ErrorObject) =>
    (e.keyword === 'additionalProperties' ? 1000 : 0) +
    e.instancePath.split('/').length * 10 -
    (e.keyword === 'anyOf' || e.keyword === 'const' ? 5 : 0);
  // Inside an anyOf, report the alternatives together (the anyOf's own error).
  const outer = errors.filter((e) => !e.schemaPath.includes('/anyOf/'));
  const pool = outer.length > 0 ? outer : errors;
  return [...pool].sort((a, b) => score(b) - score(a))[0];
}

function schemaMessage(e: ErrorObject): string {
  if (e.keyword === 'required') return `missing required key '${String(e.params.missingProperty)}'`;
  if (e.keyword === 'enum')
    return `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  if (e.keyword === 'anyOf' || e.keyword === 'const') {
    const at = e.schemaPath;
    if (at.includes('threshold')) return "must be a number in (0, 1) or 'relative'";
    if (at.includes('models')) return "must be 'all' or a list of variable names";
    return 'must be text, or text per language ({ en: …, zh-CN: … })';
  }
  return e.message ?? 'invalid value';
}

/** The sub-schema of an object at a data path (for the known keys of an unknown-key error). */
function schemaAt(path: StudyPath): Record<string, unknown> | null {
  let node: Record<string, unknown> | undefined = STUDY_SCHEMA as unknown as Record<
    string,
    unknown
  >;
  for (const p of path) {
    if (!node) return null;
    if (typeof p === 'number')
      node = (node.items ?? (node.else as Record<string, unknown> | undefined)?.items) as
        Record<string, unknown> | undefined;
    else node = (node.properties as Record<string, Record<string, unknown>> | undefined)?.[p];
  }
  return node ?? null;
}
