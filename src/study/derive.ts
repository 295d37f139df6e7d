/** A parsed formula: numbers, column names, + − × / and parentheses. */
export type FormulaNode =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'column'; readonly name: string; readonly at: number }
  | { readonly kind: 'negate'; readonly arg: FormulaNode }
  | {
      readonly kind: 'binary';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    };

/** The outcome of `parseFormula`: the tree and the columns it uses, or where it went wrong. */
export type FormulaParse =
  | { readonly ok: true; readonly node: FormulaNode; readonly columns: readonly string[] }
  | { readonly ok: false; readonly at: number; readonly detail: string };

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'name'; name: string; at: number }
  | { kind: 'op'; op: '+' | '-' | '*' | '/' | '(' | ')'; at: number }
  | { kind: 'end'; at: number };

const OPS: Record<string, '+' | '-' | '*' | '/' | '(' | ')'> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '*': '*',
  '×': '*',
  '/': '/',
  '÷': '/',
  '(': '(',
  ')': ')',
};

function tokenize(text: string): Token[] | { at: number; detail: string } {
  const tokens: Token[] = [];
  const re = /\s+|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)/y;
  let i = 0;
  while (i < text.length) {
    const op = OPS[text[i]];
    if (op) {
      tokens.push({ kind: 'op', op, at: i++ });
      continue;
    }
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return { at: i, detail: `unexpected '${text[i]}'` };
    if (m[1] !== undefined) tokens.push({ kind: 'number', value: Number(m[1]), at: i });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', name: m[2], at: i });
    i = re.lastIndex;
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

/**
 * Parses a formula over columns: numbers, column names (letters, digits, `_` and `.`), the
 * operators + − × / (also written - * /), unary minus and parentheses, with the usual
 * precedence. Nothing is evaluated as code. Returns the tree and the columns it names, or
 * the 0-based character position and what is wrong there.
 * @example parseFormula('a + 0.5 * b') // { ok: true, columns: ['a', 'b'], node: ... }
 */
export function parseFormula(text: string): FormulaParse {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { ok: false, ...tokens };
  let k = 0;
  const columns: string[] = [];
  const fail = (t: Token): never => {
    throw {
      at: t.at,
      detail: t.kind === 'end' ? 'the formula ends too early' : `unexpected '${describe(t)}'`,
    };
  };
  const primary = (): FormulaNode => {
    const t = tokens[k];
    if (t.kind === 'number') {
      k++;
      return { kind: 'number', value: t.value };
    }
    if (t.kind === 'name') {
      k++;
      if (!columns.includes(t.name)) columns.push(t.name);
      return { kind: 'column', name: t.name, at: t.at };
    }
    if (t.kind === 'op' && t.op === '-') {
      k++;
      return { kind: 'negate', arg: primary() };
    }
    if (t.kind === 'op' && t.op === '(') {
      k++;
      const inner = sum();
      const close = tokens[k];
      if (close.kind !== 'op' || close.op !== ')') {
        throw { at: close.at, detail: "missing ')'" };
      }
      k++;
      return inner;
    }
    return fail(t);
  };
  const binary = (next: () => FormulaNode, ops: readonly string[]) => (): FormulaNode => {
    let left = next();
    for (let t = tokens[k]; t.kind === 'op' && ops.includes(t.op); t = tokens[k]) {
      k++;
      left = { kind: 'binary', op: t.op as '+' | '-' | '*' | '/', left, right: next() };
    }
    return left;
  };
  const product = binary(primary, ['*', '/']);
  const sum = binary(product, ['+', '-']);
  try {
    const node = sum();
    if (tokens[k].kind !== 'end') fail(tokens[k]);
    return { ok: true, node, columns };
  } catch (e) {
    const { at, detail } = e as { at: number; detail: string };
    return { ok: false, at, detail };
  }
}

function describe(t: Token): string {
  if (t.kind === 'number') return String(t.value);
  if (t.kind === 'name') return t.name;
  if (t.kind === 'op') return t.op;
  return '';
}

/**
 * Evaluates a parsed formula row by row over columns of `rows` values. A missing value (NaN)
 * anywhere makes the result missing; so does a division by zero.
 * @example evaluateFormula(parsed.node, (name) => data.numeric.get(name)!, data.rows)
 */
export function evaluateFormula(
  node: FormulaNode,
  column: (name: string) => Float64Array,
  rows: number,
): Float64Array {
  const out = new Float64Array(rows);
  const evalNode = (n: FormulaNode): Float64Array => {
    switch (n.kind) {
      case 'number':
        return new Float64Array(rows).fill(n.value);
      case 'column':
        return column(n.name);
      case 'negate':
        return evalNode(n.arg).map((x) => -x);
      case 'binary': {
        const a = evalNode(n.left);
        const b = evalNode(n.right);
        const r = new Float64Array(rows);
        for (let i = 0; i < rows; i++) {
          const x = a[i];
          const y = b[i];
          r[i] = n.op === '+' ? x + y : n.op === '-' ? x - y : n.op === '*' ? x * y : x / y;
          if (!Number.isFinite(r[i])) r[i] = NaN;
        }
        return r;
      }
    }
  };
  out.set(evalNode(node));
  return out;
}
