import { stringify } from 'csv-stringify/sync';
import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { EntityView, Version } from '../reference.types.js';
import { EntityOut } from './reference.schemas.js';

const ENTITY_FIELDS = Object.keys(EntityOut.properties);

/** The version as answers present it: its files with their permanent URLs. */
export function presentVersion(version: Version, baseUrl: string) {
  const { id: _id, attributes: _attributes, ...rest } = version;
  return {
    ...rest,
    files: Object.fromEntries(
      Object.entries(version.files).map(([name, file]) => [
        name,
        {
          ...file,
          url: `${baseUrl}/api/v1/reference/${version.set}/versions/${encodeURIComponent(version.label)}/files/${name}`,
        },
      ]),
    ),
  };
}

export function fieldsOf(fields: string | undefined): string[] | null {
  if (!fields) return null;
  const wanted = fields
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  const unknown = wanted.filter((field) => !ENTITY_FIELDS.includes(field));
  if (unknown.length > 0)
    throw new ValidationError([
      {
        path: 'fields',
        code: 'invalid',
        message: localized(
          `champs inconnus : ${unknown.join(', ')} (parmi ${ENTITY_FIELDS.join(', ')})`,
          `unknown fields: ${unknown.join(', ')} (among ${ENTITY_FIELDS.join(', ')})`,
        ),
      },
    ]);
  return [...new Set(['code', 'name', ...wanted])];
}

export const project = (entity: EntityView, fields: string[] | null) =>
  fields ? Object.fromEntries(fields.map((field) => [field, entity[field as keyof EntityView]])) : entity;

export function csvOf(entities: EntityView[], attributes: string[]): string {
  const columns = [
    'code',
    'name',
    'name_en',
    'status',
    'valid_from',
    'valid_to',
    'successors',
    ...attributes,
  ];
  return stringify(
    entities.map((e) => [
      e.code,
      e.name,
      e.nameEn,
      e.status,
      e.validFrom,
      e.validTo,
      e.status === 'retired' ? e.current.join(' ') : null,
      ...attributes.map((a) => e.attributes[a] ?? null),
    ]),
    { header: true, columns },
  );
}

export function geojsonOf(entities: EntityView[]): string {
  // No set carries geometries yet: features without a location are valid GeoJSON (RFC 7946 §3.2).
  return JSON.stringify({
    type: 'FeatureCollection',
    features: entities.map((entity) => ({
      type: 'Feature',
      id: entity.code,
      geometry: null,
      properties: entity,
    })),
  });
}
