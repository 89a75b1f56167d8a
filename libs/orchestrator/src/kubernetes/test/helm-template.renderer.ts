import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, parseAllDocuments, stringify } from 'yaml';

/**
 * A renderer for the SUBSET of Helm's template language (Go text/template + a few Sprig
 * functions) that helm/chainloom uses, so the chart can be rendered and its output checked on a
 * machine without the helm binary. It is strict on purpose: any construct or function outside the
 * subset throws, so the chart cannot drift into syntax this check would silently mis-render.
 *
 * Supported:
 * - actions `{{ … }}` with trim markers `{{-` / `-}}`, comments `{{/* … *\/}}`;
 * - `if` / `else if` / `else` / `end`, `range` (lists and maps, map keys sorted as Go does;
 *   `$v :=` and `$k, $v :=`), `with` / `else`, `define`, variables `$x := …` and `$`;
 * - fields `.A.b` on maps (a missing key is empty; a field of an empty value is an error, as in
 *   Helm), parenthesised pipelines, string/number/boolean literals, `|` pipelines;
 * - functions: include, toYaml, nindent, indent, quote, default, printf (%s %d %v), trunc,
 *   trimSuffix, contains, dict, list, index, eq, ne, gt, lt, and, or, not, empty, join, sha256sum,
 *   toString.
 * Not supported (throws): everything else, e.g. `tpl`, `lookup`, `required`, `.Capabilities`,
 * `.Files`, `template`, `block`, pipelines on field results `(…).x`.
 */

type Value = unknown;
type Scope = Map<string, Value>;

interface Token {
  readonly kind: 'text' | 'action';
  readonly text: string;
  readonly line: number;
}

type Node =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'output'; readonly pipeline: Pipeline; readonly line: number }
  | { readonly type: 'assign'; readonly name: string; readonly pipeline: Pipeline; readonly line: number }
  | { readonly type: 'if'; readonly cond: Pipeline; readonly then: Node[]; readonly otherwise: Node[]; readonly line: number }
  | { readonly type: 'with'; readonly value: Pipeline; readonly body: Node[]; readonly otherwise: Node[]; readonly line: number }
  | { readonly type: 'range'; readonly keyVar?: string; readonly valueVar?: string; readonly over: Pipeline; readonly body: Node[]; readonly line: number };

type Operand =
  | { readonly kind: 'literal'; readonly value: Value }
  | { readonly kind: 'field'; readonly base: 'dot' | string; readonly path: readonly string[] }
  | { readonly kind: 'call'; readonly name: string }
  | { readonly kind: 'paren'; readonly pipeline: Pipeline };
type Command = readonly Operand[];
type Pipeline = readonly Command[];

export class TemplateError extends Error {}

export interface HelmContext {
  readonly Values: Record<string, unknown>;
  readonly Release: { readonly Name: string; readonly Namespace: string; readonly Service: string; readonly IsInstall: boolean; readonly IsUpgrade: boolean; readonly Revision: number };
  readonly Chart: { readonly Name: string; readonly Version: string; readonly AppVersion: string };
}

export class HelmTemplateRenderer {
  private readonly defines = new Map<string, Node[]>();

  constructor(private readonly file = 'template') {}

  /** Parses a template file, registering its `define`s; returns its top-level nodes. */
  load(source: string, file = this.file): Node[] {
    const tokens = tokenize(source, file);
    const parser = new Parser(tokens, file, this.defines);
    return parser.parseAll();
  }

  render(nodes: Node[], context: HelmContext): string {
    return this.exec(nodes, context, new Map([['$', context]]), context);
  }

  private exec(nodes: readonly Node[], dot: Value, scope: Scope, root: HelmContext): string {
    let out = '';
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          out += node.text;
          break;
        case 'output':
          out += printValue(this.evalPipeline(node.pipeline, dot, scope, root), node.line);
          break;
        case 'assign':
          scope.set(node.name, this.evalPipeline(node.pipeline, dot, scope, root));
          break;
        case 'if':
          out += truthy(this.evalPipeline(node.cond, dot, scope, root))
            ? this.exec(node.then, dot, new Map(scope), root)
            : this.exec(node.otherwise, dot, new Map(scope), root);
          break;
        case 'with': {
          const value = this.evalPipeline(node.value, dot, scope, root);
          out += truthy(value) ? this.exec(node.body, value, new Map(scope), root) : this.exec(node.otherwise, dot, new Map(scope), root);
          break;
        }
        case 'range': {
          const over = this.evalPipeline(node.over, dot, scope, root);
          const entries: [Value, Value][] = Array.isArray(over)
            ? over.map((v, i) => [i, v])
            : isMap(over)
              ? Object.keys(over)
                  .sort()
                  .map((k) => [k, over[k]])
              : over === undefined || over === null
                ? []
                : fail(`line ${node.line}: range over ${typeof over}`);
          for (const [key, value] of entries) {
            const inner = new Map(scope);
            if (node.keyVar) inner.set(node.keyVar, key);
            if (node.valueVar) inner.set(node.valueVar, value);
            out += this.exec(node.body, value, inner, root);
          }
          break;
        }
      }
    }
    return out;
  }

  private evalPipeline(pipeline: Pipeline, dot: Value, scope: Scope, root: HelmContext): Value {
    let piped: { value: Value } | undefined;
    for (const command of pipeline) {
      piped = { value: this.evalCommand(command, dot, scope, root, piped) };
    }
    return piped?.value;
  }

  private evalCommand(command: Command, dot: Value, scope: Scope, root: HelmContext, piped?: { value: Value }): Value {
    const [head, ...rest] = command;
    if (head.kind !== 'call') {
      if (rest.length || piped) throw new TemplateError(`${this.file}: a value cannot take arguments or a pipe`);
      return this.evalOperand(head, dot, scope, root);
    }
    const name = head.name;
    // and/or short-circuit, as Go's do since 1.18.
    if (name === 'and' || name === 'or') {
      const operands = [...rest.map((o) => () => this.evalOperand(o, dot, scope, root)), ...(piped ? [() => piped.value] : [])];
      let last: Value;
      for (const operand of operands) {
        last = operand();
        if (name === 'and' ? !truthy(last) : truthy(last)) return last;
      }
      return last;
    }
    const args = rest.map((o) => this.evalOperand(o, dot, scope, root));
    if (piped) args.push(piped.value);
    if (name === 'include') {
      const [template, context] = args;
      const body = this.defines.get(String(template));
      if (!body) throw new TemplateError(`${this.file}: no template named "${String(template)}"`);
      return this.exec(body, context, new Map([['$', context]]), root);
    }
    const fn = FUNCTIONS[name];
    if (!fn) throw new TemplateError(`${this.file}: function "${name}" is outside the supported subset`);
    return fn(...args);
  }

  private evalOperand(operand: Operand, dot: Value, scope: Scope, root: HelmContext): Value {
    switch (operand.kind) {
      case 'literal':
        return operand.value;
      case 'paren':
        return this.evalPipeline(operand.pipeline, dot, scope, root);
      case 'call':
        return this.evalCommand([operand], dot, scope, root);
      case 'field': {
        let value: Value;
        if (operand.base === 'dot') value = dot;
        else if (scope.has(operand.base)) value = scope.get(operand.base);
        else throw new TemplateError(`${this.file}: undefined variable ${operand.base}`);
        for (const key of operand.path) {
          if (value === undefined || value === null) throw new TemplateError(`${this.file}: nil pointer evaluating .${operand.path.join('.')} (at "${key}")`);
          if (!isMap(value)) throw new TemplateError(`${this.file}: can't evaluate field ${key} in type ${typeof value}`);
          value = value[key];
        }
        return value;
      }
    }
  }
}

// ---- functions ---------------------------------------------------------------------------------

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  toYaml: (v) => (v === undefined || v === null ? 'null' : stringify(v, { sortMapEntries: true, lineWidth: 0 }).replace(/\n$/, '')),
  indent: (n, s) => indent(Number(n), String(s)),
  nindent: (n, s) => `\n${indent(Number(n), String(s))}`,
  quote: (...vs) => vs.filter((v) => v !== undefined && v !== null).map((v) => JSON.stringify(toText(v))).join(' '),
  default: (fallback, v) => (truthy(v) ? v : fallback),
  printf: (format, ...args) => {
    let i = 0;
    return String(format).replace(/%([sdv%])/g, (_m, verb: string) => (verb === '%' ? '%' : toText(args[i++])));
  },
  trunc: (n, s) => String(s).slice(0, Number(n)),
  trimSuffix: (suffix, s) => (String(s).endsWith(String(suffix)) ? String(s).slice(0, -String(suffix).length || undefined) : String(s)),
  contains: (needle, haystack) => String(haystack).includes(String(needle)),
  dict: (...kv) => {
    if (kv.length % 2) throw new TemplateError('dict needs key/value pairs');
    const out: Record<string, Value> = {};
    for (let i = 0; i < kv.length; i += 2) out[String(kv[i])] = kv[i + 1];
    return out;
  },
  list: (...vs) => vs,
  index: (collection, ...keys) =>
    keys.reduce<Value>((v, k) => {
      if (!isMap(v) && !Array.isArray(v)) throw new TemplateError(`index of ${typeof v}`);
      return (v as Record<string, Value>)[String(k)];
    }, collection),
  eq: (a, ...bs) => bs.some((b) => a === b),
  ne: (a, b) => a !== b,
  gt: (a, b) => Number(a) > Number(b),
  lt: (a, b) => Number(a) < Number(b),
  not: (v) => !truthy(v),
  empty: (v) => !truthy(v),
  join: (sep, list) => (Array.isArray(list) ? list.map(toText).join(String(sep)) : toText(list)),
  sha256sum: (s) => createHash('sha256').update(String(s)).digest('hex'),
  toString: (v: Value) => toText(v),
};

function indent(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.replace(/\n/g, `\n${pad}`);
}

function isMap(v: Value): v is Record<string, Value> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go template truth: false, 0, nil, and empty strings, lists and maps are false. */
function truthy(v: Value): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

function toText(v: Value): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new TemplateError(`cannot print a ${Array.isArray(v) ? 'list' : 'map'} (use toYaml)`);
}

function printValue(v: Value, line: number): string {
  try {
    return toText(v);
  } catch (error) {
    throw new TemplateError(`line ${line}: ${(error as Error).message}`);
  }
}

const fail = (message: string): never => {
  throw new TemplateError(message);
};

// ---- lexing and parsing ------------------------------------------------------------------------

function tokenize(source: string, file: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos < source.length) {
    const open = source.indexOf('{{', pos);
    let text = open < 0 ? source.slice(pos) : source.slice(pos, open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      if (text) tokens.push({ kind: 'text', text, line: lineOf(source, pos) });
      break;
    }
    const close = source.indexOf('}}', open);
    if (close < 0) throw new TemplateError(`${file}:${lineOf(source, open)}: unclosed action`);
    let inner = source.slice(open + 2, close);
    if (inner.startsWith('- ') || inner.startsWith('-\n')) {
      text = text.replace(/\s+$/, '');
      inner = inner.slice(1);
    }
    trimNext = false;
    if (inner.endsWith(' -') || inner.endsWith('\n-')) {
      trimNext = true;
      inner = inner.slice(0, -1);
    }
    if (text) tokens.push({ kind: 'text', text, line: lineOf(source, pos) });
    const trimmed = inner.trim();
    if (!trimmed.startsWith('/*')) tokens.push({ kind: 'action', text: trimmed, line: lineOf(source, open) });
    else if (!trimmed.endsWith('*/')) throw new TemplateError(`${file}:${lineOf(source, open)}: a comment must end with */ before }}`);
    pos = close + 2;
  }
  return tokens;
}

const lineOf = (source: string, pos: number) => source.slice(0, pos).split('\n').length;

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly file: string,
    private readonly defines: Map<string, Node[]>,
  ) {}

  parseAll(): Node[] {
    const nodes = this.parseUntil([]);
    if (this.index < this.tokens.length) throw this.error(this.tokens[this.index], `unexpected {{ ${this.tokens[this.index].text} }}`);
    return nodes;
  }

  /** Parses nodes until one of the `stops` keywords (not consumed). */
  private parseUntil(stops: readonly string[]): Node[] {
    const nodes: Node[] = [];
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      if (token.kind === 'text') {
        nodes.push({ type: 'text', text: token.text });
        this.index++;
        continue;
      }
      const keyword = token.text.split(/\s+/)[0];
      if (stops.includes(keyword)) return nodes;
      this.index++;
      switch (keyword) {
        case 'if':
          nodes.push(this.parseIf(token, token.text.slice(2)));
          break;
        case 'with': {
          const body = this.parseUntil(['else', 'end']);
          const otherwise = this.consume('else') ? this.parseUntil(['end']) : [];
          this.expect('end', token);
          nodes.push({ type: 'with', value: this.pipeline(token.text.slice(4), token), body, otherwise, line: token.line });
          break;
        }
        case 'range': {
          const match = /^range\s+(?:(\$\w+)\s*(?:,\s*(\$\w+))?\s*:=\s*)?(.+)$/s.exec(token.text);
          if (!match) throw this.error(token, 'malformed range');
          const [, first, second, over] = match;
          const body = this.parseUntil(['end', 'else']);
          if (this.tokens[this.index]?.text === 'else') throw this.error(token, 'range … else is outside the supported subset');
          this.expect('end', token);
          nodes.push({ type: 'range', keyVar: second ? first : undefined, valueVar: second ?? first, over: this.pipeline(over, token), body, line: token.line });
          break;
        }
        case 'define': {
          const name = /^define\s+"([^"]+)"$/.exec(token.text)?.[1];
          if (!name) throw this.error(token, 'malformed define');
          const body = this.parseUntil(['end']);
          this.expect('end', token);
          this.defines.set(name, body);
          break;
        }
        case 'end':
        case 'else':
          throw this.error(token, `unexpected ${keyword}`);
        default: {
          const assign = /^(\$\w+)\s*:=\s*(.+)$/s.exec(token.text);
          if (assign) nodes.push({ type: 'assign', name: assign[1], pipeline: this.pipeline(assign[2], token), line: token.line });
          else if (/^(template|block|tpl|lookup|required|break|continue)\b/.test(token.text)) throw this.error(token, `"${keyword}" is outside the supported subset`);
          else nodes.push({ type: 'output', pipeline: this.pipeline(token.text, token), line: token.line });
        }
      }
    }
    if (stops.length) throw new TemplateError(`${this.file}: missing {{ end }}`);
    return nodes;
  }

  private parseIf(token: Token, condition: string): Node {
    const then = this.parseUntil(['else', 'end']);
    let otherwise: Node[] = [];
    const next = this.tokens[this.index];
    if (next?.text.startsWith('else if ')) {
      this.index++;
      // `else if` nests an if that shares this one's {{ end }}.
      otherwise = [this.parseIf(next, next.text.slice(7))];
      return { type: 'if', cond: this.pipeline(condition, token), then, otherwise, line: token.line };
    }
    if (this.consume('else')) otherwise = this.parseUntil(['end']);
    this.expect('end', token);
    return { type: 'if', cond: this.pipeline(condition, token), then, otherwise, line: token.line };
  }

  private consume(keyword: string): boolean {
    if (this.tokens[this.index]?.kind === 'action' && this.tokens[this.index].text === keyword) {
      this.index++;
      return true;
    }
    return false;
  }

  private expect(keyword: string, opener: Token): void {
    if (!this.consume(keyword)) throw this.error(opener, `missing {{ ${keyword} }}`);
  }

  private error(token: Token, message: string): TemplateError {
    return new TemplateError(`${this.file}:${token.line}: ${message}`);
  }

  private pipeline(text: string, token: Token): Pipeline {
    const lexemes = lex(text.trim(), () => this.error(token, `cannot read "${text.trim()}"`));
    let pos = 0;
    const parsePipeline = (): Pipeline => {
      const commands: Command[] = [];
      let current: Operand[] = [];
      while (pos < lexemes.length && lexemes[pos] !== ')') {
        const lexeme = lexemes[pos++];
        if (lexeme === '|') {
          if (!current.length) throw this.error(token, 'empty command in a pipeline');
          commands.push(current);
          current = [];
        } else if (lexeme === '(') {
          const inner = parsePipeline();
          if (lexemes[pos++] !== ')') throw this.error(token, 'missing )');
          current.push({ kind: 'paren', pipeline: inner });
        } else current.push(operand(lexeme));
      }
      if (!current.length) throw this.error(token, 'empty pipeline');
      commands.push(current);
      return commands;
    };
    const operand = (lexeme: string): Operand => {
      if (lexeme.startsWith('"')) return { kind: 'literal', value: JSON.parse(lexeme) as string };
      if (/^-?\d+(\.\d+)?$/.test(lexeme)) return { kind: 'literal', value: Number(lexeme) };
      if (lexeme === 'true' || lexeme === 'false') return { kind: 'literal', value: lexeme === 'true' };
      if (lexeme === '.') return { kind: 'field', base: 'dot', path: [] };
      if (lexeme.startsWith('.')) return { kind: 'field', base: 'dot', path: lexeme.slice(1).split('.') };
      if (lexeme.startsWith('$')) {
        const [base, ...path] = lexeme.split('.');
        return { kind: 'field', base, path };
      }
      if (/^[A-Za-z]\w*$/.test(lexeme)) return { kind: 'call', name: lexeme };
      throw this.error(token, `cannot read "${lexeme}"`);
    };
    const result = parsePipeline();
    if (pos !== lexemes.length) throw this.error(token, 'unbalanced )');
    return result;
  }
}

function lex(text: string, error: () => Error): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')' || c === '|') out.push(text[i++]);
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw error();
      out.push(text.slice(i, j + 1));
      i = j + 1;
    } else if (c === '`' || c === "'") throw error();
    else {
      let j = i;
      while (j < text.length && !/[\s()|]/.test(text[j])) j++;
      out.push(text.slice(i, j));
      i = j;
    }
  }
  return out;
}

// ---- the chart ---------------------------------------------------------------------------------

export interface RenderedChart {
  /** Every document of every manifest template, parsed, with the file it came from. */
  readonly documents: readonly { readonly file: string; readonly object: Record<string, unknown> }[];
  readonly notes: string;
}

/** `helm template <release> <chartDir> --namespace <ns> [--set …]`, for this chart's subset. */
export function renderChart(chartDir: string, options: { release?: string; namespace?: string; values?: Record<string, unknown> } = {}): RenderedChart {
  const chart = parseYaml(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as { name: string; version: string; appVersion: string };
  const defaults = parseYaml(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) as Record<string, unknown>;
  const context: HelmContext = {
    Values: deepMerge(defaults, options.values ?? {}),
    Release: { Name: options.release ?? 'chainloom', Namespace: options.namespace ?? 'chainloom', Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
  };
  const dir = join(chartDir, 'templates');
  const files = readdirSync(dir).sort();
  const renderer = new HelmTemplateRenderer();
  const parsed = new Map<string, Node[]>();
  // Helpers first, so every define is known before any template renders.
  for (const file of [...files.filter((f) => f.startsWith('_')), ...files.filter((f) => !f.startsWith('_'))]) {
    parsed.set(file, renderer.load(readFileSync(join(dir, file), 'utf8'), file));
  }
  const documents: { file: string; object: Record<string, unknown> }[] = [];
  let notes = '';
  for (const file of files) {
    if (file.startsWith('_')) continue;
    const output = renderer.render(parsed.get(file) ?? [], context);
    if (file === 'NOTES.txt') {
      notes = output;
      continue;
    }
    for (const doc of parseAllDocuments(output)) {
      if (doc.errors.length) throw new TemplateError(`${file}: rendered YAML does not parse: ${doc.errors[0].message}\n${output}`);
      const object = doc.toJS() as Record<string, unknown> | null;
      if (object !== null && object !== undefined) documents.push({ file, object });
    }
  }
  return { documents, notes };
}

/** Helm's coalescing of --set/-f values onto the defaults: maps merge, everything else replaces. */
export function deepMerge(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    out[key] = isMap(value) && isMap(out[key]) ? deepMerge(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}
