import type { JsonObject } from './ocds/json.js';
import { isObject } from './ocds/json.js';

/** What tender search and the portal read from a compiled release, as columns. */
export interface RecordSummary {
  title: string | null;
  titleEn: string | null;
  buyerId: string | null;
  buyerName: string | null;
  tenderStatus: string | null;
  procurementMethod: string | null;
  mainCategory: string | null;
  valueAmount: number | null;
  tenderStart: string | null;
  tenderEnd: string | null;
  /** Text that tender search matches: title, description, buyer, items, suppliers. */
  searchText: string;
}

export function summarize(compiled: JsonObject): RecordSummary {
  const tender = isObject(compiled.tender) ? compiled.tender : {};
  const buyer = isObject(compiled.buyer) ? compiled.buyer : {};
  const period = isObject(tender.tenderPeriod) ? tender.tenderPeriod : {};
  const awards = objects(compiled.awards);
  const contracts = objects(compiled.contracts);
  const title = text(tender.title) ?? text(awards[0]?.title) ?? text(contracts[0]?.title);
  const suppliers = awards.flatMap((award) =>
    objects(award.suppliers).map((supplier) => text(supplier.name)),
  );
  const items = objects(tender.items).map((item) => text(item.description));
  return {
    title,
    titleEn: text(tender.title_en),
    buyerId: text(buyer.id),
    buyerName: text(buyer.name),
    tenderStatus: text(tender.status),
    procurementMethod: text(tender.procurementMethod),
    mainCategory: text(tender.mainProcurementCategory),
    valueAmount: amountOf(tender.value) ?? sumOf(contracts) ?? sumOf(awards),
    tenderStart: instant(period.startDate),
    tenderEnd: instant(period.endDate),
    searchText: [
      title,
      text(tender.title_en),
      text(tender.description),
      text(buyer.name),
      ...items,
      ...suppliers,
    ]
      .filter(Boolean)
      .join(' '),
  };
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function amountOf(value: unknown): number | null {
  return isObject(value) && typeof value.amount === 'number' && Number.isFinite(value.amount)
    ? value.amount
    : null;
}

function sumOf(entries: JsonObject[]): number | null {
  const amounts = entries.map((entry) => amountOf(entry.value)).filter((amount) => amount !== null);
  return amounts.length > 0 ? amounts.reduce((sum, amount) => sum + amount, 0) : null;
}

function instant(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null;
}
