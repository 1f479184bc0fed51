import type { JsonObject } from '../ocds/json.js';
import { isObject } from '../ocds/json.js';

/**
 * Compiled releases as flat tables, one per array (as OCDS spreadsheets do): column names
 * are OCDS field paths, every row starts with the process's ocid.
 */
export const TABLES = {
  tenders: [
    'ocid',
    'tender/id',
    'tender/title',
    'tender/title_en',
    'tender/status',
    'buyer/id',
    'buyer/name',
    'tender/procurementMethod',
    'tender/procurementMethodDetails',
    'tender/mainProcurementCategory',
    'tender/value/amount',
    'tender/value/currency',
    'tender/tenderPeriod/startDate',
    'tender/tenderPeriod/endDate',
    'tender/numberOfTenderers',
  ],
  awards: [
    'ocid',
    'awards/id',
    'awards/status',
    'awards/date',
    'awards/value/amount',
    'awards/value/currency',
    'awards/suppliers/id',
    'awards/suppliers/name',
  ],
  contracts: [
    'ocid',
    'contracts/id',
    'contracts/awardID',
    'contracts/status',
    'contracts/dateSigned',
    'contracts/period/startDate',
    'contracts/period/endDate',
    'contracts/value/amount',
    'contracts/value/currency',
  ],
  amendments: [
    'ocid',
    'section',
    'section/id',
    'amendments/id',
    'amendments/date',
    'amendments/description',
    'amendments/rationale',
  ],
  parties: [
    'ocid',
    'parties/id',
    'parties/name',
    'parties/roles',
    'parties/identifier/scheme',
    'parties/identifier/id',
    'parties/address/locality',
    'parties/address/region',
  ],
} as const;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
export type Cell = string | number | null;

/** The rows one compiled release adds to a table (cells in the order of TABLES[table]). */
export function flattenRows(table: TableName, compiled: JsonObject): Cell[][] {
  const ocid = cell(compiled.ocid);
  const tender = obj(compiled.tender);
  switch (table) {
    case 'tenders': {
      if (!isObject(compiled.tender)) return [];
      const buyer = obj(compiled.buyer);
      const value = obj(tender.value);
      const period = obj(tender.tenderPeriod);
      return [
        [
          ocid,
          cell(tender.id),
          cell(tender.title),
          cell(tender.title_en),
          cell(tender.status),
          cell(buyer.id),
          cell(buyer.name),
          cell(tender.procurementMethod),
          cell(tender.procurementMethodDetails),
          cell(tender.mainProcurementCategory),
          cell(value.amount),
          cell(value.currency),
          cell(period.startDate),
          cell(period.endDate),
          cell(tender.numberOfTenderers),
        ],
      ];
    }
    case 'awards':
      return list(compiled.awards).map((award) => {
        const value = obj(award.value);
        const suppliers = list(award.suppliers);
        return [
          ocid,
          cell(award.id),
          cell(award.status),
          cell(award.date),
          cell(value.amount),
          cell(value.currency),
          joined(suppliers.map((s) => s.id)),
          joined(suppliers.map((s) => s.name)),
        ];
      });
    case 'contracts':
      return list(compiled.contracts).map((contract) => {
        const value = obj(contract.value);
        const period = obj(contract.period);
        return [
          ocid,
          cell(contract.id),
          cell(contract.awardID),
          cell(contract.status),
          cell(contract.dateSigned),
          cell(period.startDate),
          cell(period.endDate),
          cell(value.amount),
          cell(value.currency),
        ];
      });
    case 'amendments':
      return [
        ...list(tender.amendments).map((amendment) => amendmentRow(ocid, 'tender', tender.id, amendment)),
        ...list(compiled.awards).flatMap((award) =>
          list(award.amendments).map((amendment) => amendmentRow(ocid, 'awards', award.id, amendment)),
        ),
        ...list(compiled.contracts).flatMap((contract) =>
          list(contract.amendments).map((amendment) =>
            amendmentRow(ocid, 'contracts', contract.id, amendment),
          ),
        ),
      ];
    case 'parties':
      return list(compiled.parties).map((party) => {
        const identifier = obj(party.identifier);
        const address = obj(party.address);
        return [
          ocid,
          cell(party.id),
          cell(party.name),
          joined(Array.isArray(party.roles) ? party.roles : []),
          cell(identifier.scheme),
          cell(identifier.id),
          cell(address.locality),
          cell(address.region),
        ];
      });
  }
}

function amendmentRow(ocid: Cell, section: string, sectionId: unknown, amendment: JsonObject): Cell[] {
  return [
    ocid,
    section,
    cell(sectionId),
    cell(amendment.id),
    cell(amendment.date),
    cell(amendment.description),
    cell(amendment.rationale),
  ];
}

function obj(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

function list(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function cell(value: unknown): Cell {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

function joined(values: unknown[]): Cell {
  const texts = values.filter((value) => typeof value === 'string' || typeof value === 'number');
  return texts.length > 0 ? texts.join(';') : null;
}
