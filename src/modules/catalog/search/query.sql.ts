import type { SqlParams } from '../../../platform/db/sql-params.js';
import { findFormat } from '../vocabularies/formats.js';
import { type QueryNode, queryError, type TextField } from './query-syntax.js';

/**
 * Translates a parsed query into SQL over `catalog.datasets d`. Subtrees made only of free text
 * become one tsquery (so the GIN index answers them); field clauses become plain predicates.
 */
export function queryToSql(node: QueryNode, params: SqlParams): string {
  if (node.kind === 'all') return 'TRUE';
  if (isPureText(node) && textField(node) === 'all') return `d.search_vector @@ ${toTsquery(node, params)}`;
  switch (node.kind) {
    case 'text':
      return `${fieldVector(node.field)} @@ ${toTsquery(node, params)}`;
    case 'match':
      return matchSql(node.field, node.value, params);
    case 'range':
      return rangeSql(node.field, node.from, node.to, params);
    case 'bbox':
      return `(d.bbox_west <= ${params.add(node.east)} AND d.bbox_east >= ${params.add(node.west)}
        AND d.bbox_south <= ${params.add(node.north)} AND d.bbox_north >= ${params.add(node.south)})`;
    case 'and':
      return `(${node.nodes.map((child) => queryToSql(child, params)).join(' AND ')})`;
    case 'or':
      return `(${node.nodes.map((child) => queryToSql(child, params)).join(' OR ')})`;
    case 'not':
      return `NOT (${queryToSql(node.node, params)})`;
  }
}

/**
 * The tsquery that ranks results: every free-text word the query asks for (negated ones aside),
 * or null when the query has none and results are ordered by date.
 */
export function rankingTsquery(node: QueryNode, params: SqlParams): string | null {
  const positives: QueryNode[] = [];
  const collect = (current: QueryNode) => {
    if (current.kind === 'text') positives.push(current);
    else if (current.kind === 'and' || current.kind === 'or') current.nodes.forEach(collect);
  };
  collect(node);
  if (positives.length === 0) return null;
  return positives.map((text) => toTsquery(text, params)).join(' || ');
}

function isPureText(node: QueryNode): boolean {
  if (node.kind === 'text') return true;
  if (node.kind === 'and' || node.kind === 'or') return node.nodes.every(isPureText);
  if (node.kind === 'not') return isPureText(node.node);
  return false;
}

/** The single text field of a pure-text subtree, or "mixed". */
function textField(node: QueryNode): TextField | 'mixed' {
  if (node.kind === 'text') return node.field;
  const children =
    node.kind === 'and' || node.kind === 'or' ? node.nodes : node.kind === 'not' ? [node.node] : [];
  const fields = new Set(children.map(textField));
  return fields.size === 1 ? ([...fields][0] as TextField | 'mixed') : 'mixed';
}

function fieldVector(field: TextField): string {
  // Title-only and description-only searches are rare; they analyse the text on the fly.
  if (field === 'title')
    return "(to_tsvector('quai_fr', d.title_fr) || to_tsvector('quai_en', coalesce(d.title_en, '')))";
  if (field === 'notes') {
    return "(to_tsvector('quai_fr', coalesce(d.notes_fr, '')) || to_tsvector('quai_en', coalesce(d.notes_en, '')))";
  }
  return 'd.search_vector';
}

/**
 * Each word is analysed in French and in English, and either analysis may match. A word that is a
 * stop word in either language ("de", "the") is ignored: otherwise the other language would
 * demand a word that the first dropped from the index.
 */
function toTsquery(node: QueryNode, params: SqlParams): string {
  switch (node.kind) {
    case 'text':
      return textTsquery(node, params);
    case 'and':
      return `(${node.nodes.map((child) => toTsquery(child, params)).join(' && ')})`;
    case 'or':
      return `(${node.nodes.map((child) => toTsquery(child, params)).join(' || ')})`;
    case 'not':
      return `(!! ${toTsquery(node.node, params)})`;
    default:
      throw new Error(`not a text node: ${node.kind}`);
  }
}

function textTsquery(node: Extract<QueryNode, { kind: 'text' }>, params: SqlParams): string {
  if (node.prefix) {
    const stem = node.value.normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '');
    if (stem !== '') return bothLanguages('to_tsquery', params.add(`${stem}:*`));
  }
  return bothLanguages(node.phrase ? 'phraseto_tsquery' : 'plainto_tsquery', params.add(node.value));
}

function bothLanguages(parse: string, value: string): string {
  const fr = `${parse}('quai_fr', ${value})`;
  const en = `${parse}('quai_en', ${value})`;
  // Most words analyse alike in both languages: then one copy, not "eau | eau", to match and rank.
  return `(CASE WHEN numnode(${fr}) = 0 OR numnode(${en}) = 0 THEN ''::tsquery WHEN ${fr} = ${en} THEN ${fr} ELSE ${fr} || ${en} END)`;
}

/** Field clauses CKAN clients use in `fq` (and sometimes in `q`). */
function matchSql(field: string, value: string, params: SqlParams): string {
  switch (field) {
    case 'name':
      return `d.name = ${params.add(value)}`;
    case 'id':
      return `d.id::text = ${params.add(value)}`;
    case 'organization':
      return `d.owner_org IN (SELECT id FROM catalog.groups WHERE is_organization AND name = ${params.add(value)})`;
    case 'owner_org':
      return `d.owner_org::text = ${params.add(value)}`;
    case 'creator_user_id':
      return `d.creator_user_id::text = ${params.add(value)}`;
    // Themes, tags and formats are looked up in facet_keys (one GIN index; see search.repo.ts).
    case 'groups':
      return `d.facet_keys && ARRAY(SELECT 'g' || id FROM catalog.groups WHERE NOT is_organization AND name = ${params.add(value)})`;
    case 'tags':
      return `d.facet_keys @> ARRAY['t' || ${params.add(value)}]`;
    case 'res_format':
      return `d.facet_keys @> ARRAY['r' || ${params.add(findFormat(value)?.label ?? value)}]`;
    case 'license_id':
      return `d.license_id = ${params.add(value)}`;
    // The metadata quality band (high, medium, low), kept in facet_keys with the score.
    case 'quality':
      return `d.facet_keys @> ARRAY['q' || ${params.add(value)}]`;
    case 'state':
      return `d.state = ${params.add(value)}`;
    case 'type':
    case 'dataset_type':
      return `d.type = ${params.add(value)}`;
    case 'update_frequency':
      return `d.update_frequency = ${params.add(value)}`;
    case 'language':
      return `d.languages @> ARRAY[${params.add(value)}]::text[]`;
    case 'capacity':
      if (value === 'public' || value === 'private')
        return value === 'public' ? 'NOT d.private' : 'd.private';
      throw queryError('capacity must be public or private');
    case 'private':
      if (value === 'true' || value === 'false') return value === 'true' ? 'd.private' : 'NOT d.private';
      throw queryError('private must be true or false');
    case 'site_id':
      return 'TRUE';
    default:
      throw queryError(`undefined field ${field}`);
  }
}

const RANGE_COLUMNS: Record<string, string> = {
  metadata_modified: 'd.metadata_modified',
  metadata_created: 'd.metadata_created',
};

function rangeSql(field: string, from: string | null, to: string | null, params: SqlParams): string {
  const column = RANGE_COLUMNS[field];
  if (!column) throw queryError(`field ${field} does not support ranges`);
  const parts = [
    from === null ? null : `${column} >= ${params.add(solrDate(from))}::timestamptz`,
    to === null ? null : `${column} <= ${params.add(solrDate(to))}::timestamptz`,
  ].filter((part) => part !== null);
  return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
}

/** Solr dates: ISO 8601 (with or without time), or NOW. */
function solrDate(value: string): string {
  if (value === 'NOW') return new Date().toISOString();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw queryError(`invalid date ${value}`);
  return date.toISOString();
}
