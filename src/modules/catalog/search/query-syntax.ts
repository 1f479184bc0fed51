import { QueryError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';

/**
 * The subset of Solr's query syntax that CKAN clients send in `q` and `fq`:
 * words, "phrases", prefix*, AND / OR / NOT / + / -, parentheses, field:value,
 * field:"a phrase", field:(a OR b), field:[from TO to].
 */
export type QueryNode =
  | { kind: 'all' }
  | { kind: 'text'; value: string; phrase: boolean; prefix: boolean; field: TextField }
  | { kind: 'match'; field: string; value: string }
  | { kind: 'range'; field: string; from: string | null; to: string | null }
  /** Datasets whose spatial coverage intersects the box (ckanext-spatial's ext_bbox). */
  | { kind: 'bbox'; west: number; south: number; east: number; north: number }
  | { kind: 'and'; nodes: QueryNode[] }
  | { kind: 'or'; nodes: QueryNode[] }
  | { kind: 'not'; node: QueryNode };

/** Free text searches all the indexed text, or the title only ("title:") or description only. */
export type TextField = 'all' | 'title' | 'notes';

const TEXT_FIELDS: Record<string, TextField> = {
  text: 'all',
  title: 'title',
  notes: 'notes',
  description: 'notes',
};

type Token =
  | { type: 'word'; value: string }
  | { type: 'phrase'; value: string }
  | { type: 'range'; from: string; to: string }
  | { type: 'field'; name: string }
  | { type: '(' | ')' | 'AND' | 'OR' | 'NOT' | '+' | '-' };

export function queryError(en: string, fr?: string): QueryError {
  return new QueryError(localized(`Requête de recherche invalide : ${fr ?? en}`, en));
}

/**
 * The bounds of the query language: the longest query, the most terms (words, phrases, field
 * values, ranges) and the deepest nesting (parentheses and negations). A query within them is
 * parsed and run with a bounded amount of work; beyond them it is refused (400), whoever sends it.
 */
export const QUERY_LIMITS = { length: 4000, terms: 100, depth: 10 } as const;

/** Parses a query; an empty or blank one, or `*:*`, matches everything. */
export function parseQuery(input: string): QueryNode {
  if (input.length > QUERY_LIMITS.length) {
    throw queryError(
      `the query is longer than ${QUERY_LIMITS.length} characters`,
      `la requête dépasse ${QUERY_LIMITS.length} caractères`,
    );
  }
  const tokens = tokenize(input);
  if (tokens.length === 0) return { kind: 'all' };
  const parser = new Parser(tokens);
  const node = parser.parseOr();
  if (!parser.done()) throw queryError(`unexpected "${describe(parser.peek())}"`);
  return node;
}

/** How many terms a parsed query holds (the search service bounds q and fq together). */
export function countTerms(node: QueryNode): number {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.nodes.reduce((sum, child) => sum + countTerms(child), 0);
    case 'not':
      return countTerms(node.node);
    case 'all':
      return 0;
    default:
      return 1;
  }
}

export function tooManyTerms(): QueryError {
  return queryError(
    `the query has more than ${QUERY_LIMITS.terms} terms`,
    `la requête compte plus de ${QUERY_LIMITS.terms} termes`,
  );
}

const SPACE = /\s+/y;
const WORD = /[^\s()"[\]{}]+/y;
const RANGE = /^\s*(\S+)\s+TO\s+(\S+)\s*$/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let terms = 0;
  const push = (token: Token) => {
    if (token.type === 'word' || token.type === 'phrase' || token.type === 'range') {
      if (++terms > QUERY_LIMITS.terms) throw tooManyTerms();
    }
    tokens.push(token);
  };
  let i = 0;
  while (i < input.length) {
    const char = input[i] as string;
    SPACE.lastIndex = i;
    if (SPACE.test(input)) {
      i = SPACE.lastIndex;
    } else if (char === '(' || char === ')') {
      push({ type: char });
      i++;
    } else if (char === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw queryError('unterminated quotation mark');
      push({ type: 'phrase', value: input.slice(i + 1, end) });
      i = end + 1;
    } else if (char === '[' || char === '{') {
      const close = [input.indexOf(']', i), input.indexOf('}', i)].filter((at) => at >= 0);
      if (close.length === 0) throw queryError('unterminated range');
      const end = Math.min(...close);
      const match = RANGE.exec(input.slice(i + 1, end));
      if (!match) throw queryError('a range must read [from TO to]');
      push({ type: 'range', from: match[1] as string, to: match[2] as string });
      i = end + 1;
    } else if ((char === '+' || char === '-' || char === '!') && isTokenStart(input[i + 1])) {
      push({ type: char === '+' ? '+' : '-' });
      i++;
    } else {
      WORD.lastIndex = i;
      const word = WORD.exec(input)?.[0] ?? char;
      i += word.length;
      for (const token of wordTokens(word)) push(token);
    }
  }
  return tokens;
}

function isTokenStart(char: string | undefined): boolean {
  return char !== undefined && !/\s/.test(char);
}

function wordTokens(word: string): Token[] {
  if (word === 'AND' || word === '&&') return [{ type: 'AND' }];
  if (word === 'OR' || word === '||') return [{ type: 'OR' }];
  if (word === 'NOT') return [{ type: 'NOT' }];
  const colon = word.indexOf(':');
  // "field:value": a field name is an identifier; anything else ("l'eau:") stays a word.
  if (colon > 0 && /^[A-Za-z_][\w.]*$/.test(word.slice(0, colon))) {
    const rest = word.slice(colon + 1);
    const field: Token = { type: 'field', name: word.slice(0, colon) };
    return rest === '' ? [field] : [field, { type: 'word', value: rest }];
  }
  return [{ type: 'word', value: word }];
}

function describe(token: Token | undefined): string {
  if (!token) return 'end of query';
  if ('value' in token) return token.value;
  if (token.type === 'field') return `${token.name}:`;
  if (token.type === 'range') return `[${token.from} TO ${token.to}]`;
  return token.type;
}

class Parser {
  private position = 0;
  /** Open parentheses and negations around the current position. */
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private deeper(): void {
    if (++this.depth > QUERY_LIMITS.depth) {
      throw queryError(
        `the query nests deeper than ${QUERY_LIMITS.depth} levels`,
        `la requête imbrique plus de ${QUERY_LIMITS.depth} niveaux`,
      );
    }
  }

  done(): boolean {
    return this.position >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token | undefined {
    return this.tokens[this.position++];
  }

  parseOr(): QueryNode {
    const nodes = [this.parseAnd()];
    while (this.peek()?.type === 'OR') {
      this.next();
      nodes.push(this.parseAnd());
    }
    return nodes.length === 1 ? (nodes[0] as QueryNode) : { kind: 'or', nodes };
  }

  private parseAnd(): QueryNode {
    const nodes = [this.parseUnary()];
    for (;;) {
      const token = this.peek();
      if (!token || token.type === 'OR' || token.type === ')') break;
      if (token.type === 'AND') this.next();
      nodes.push(this.parseUnary());
    }
    return nodes.length === 1 ? (nodes[0] as QueryNode) : { kind: 'and', nodes };
  }

  /** Any run of NOT, - and + before a clause (read in a loop: a long run cannot exhaust the stack). */
  private parseUnary(): QueryNode {
    let negations = 0;
    for (let token = this.peek(); token?.type === 'NOT' || token?.type === '-' || token?.type === '+'; ) {
      if (token.type !== '+') {
        negations++;
        this.deeper();
      }
      this.next();
      token = this.peek();
    }
    let node = this.parsePrimary();
    for (let i = 0; i < negations; i++) node = { kind: 'not', node };
    this.depth -= negations;
    return node;
  }

  private parsePrimary(): QueryNode {
    const token = this.next();
    if (!token) throw queryError('the query ends too early');
    switch (token.type) {
      case '(': {
        this.deeper();
        const node = this.parseOr();
        if (this.next()?.type !== ')') throw queryError('missing closing parenthesis');
        this.depth--;
        return node;
      }
      case 'word':
        return textNode(token.value, false, 'all');
      case 'phrase':
        return textNode(token.value, true, 'all');
      case 'field':
        return this.parseField(token.name);
      default:
        throw queryError(`unexpected "${describe(token)}"`);
    }
  }

  private parseField(name: string): QueryNode {
    const token = this.next();
    if (!token) throw queryError(`missing value after "${name}:"`);
    if (name === '*' || (token.type === 'word' && token.value === '*' && name !== 'text')) {
      return { kind: 'all' };
    }
    if (token.type === 'range')
      return { kind: 'range', field: name, from: bound(token.from), to: bound(token.to) };
    if (token.type === 'word' || token.type === 'phrase')
      return fieldValue(name, token.value, token.type === 'phrase');
    if (token.type === '(') {
      const values: QueryNode[] = [];
      for (let inner = this.next(); inner?.type !== ')'; inner = this.next()) {
        if (!inner) throw queryError('missing closing parenthesis');
        if (inner.type === 'OR') continue;
        if (inner.type !== 'word' && inner.type !== 'phrase')
          throw queryError(`unexpected "${describe(inner)}"`);
        values.push(fieldValue(name, inner.value, inner.type === 'phrase'));
      }
      if (values.length === 0) throw queryError(`missing value after "${name}:"`);
      return values.length === 1 ? (values[0] as QueryNode) : { kind: 'or', nodes: values };
    }
    throw queryError(`missing value after "${name}:"`);
  }
}

function bound(value: string): string | null {
  return value === '*' ? null : value;
}

function fieldValue(field: string, value: string, phrase: boolean): QueryNode {
  const textField = TEXT_FIELDS[field];
  if (textField) return textNode(value, phrase, textField);
  return { kind: 'match', field, value };
}

function textNode(value: string, phrase: boolean, field: TextField): QueryNode {
  if (!phrase && (value === '*' || value === '*:*')) return { kind: 'all' };
  const prefix = !phrase && value.length > 1 && value.endsWith('*');
  return { kind: 'text', value: prefix ? value.slice(0, -1) : value, phrase, prefix, field };
}
