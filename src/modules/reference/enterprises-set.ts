import type { RegistryService } from '../registry/index.js';
import type { EntityView, Version } from './reference.types.js';
import { ENTERPRISES } from './sets.js';

/** A set another module serves through the lookup contract: no copy is kept here. */
export interface ExternalSet {
  versions(): Promise<Version[]>;
  find(code: string): Promise<EntityView | null>;
  search(query: string, limit: number): Promise<EntityView[]>;
}

const NO_FILTERS = {
  status: [],
  legalForm: [],
  municipality: null,
  activity: null,
  registeredFrom: null,
  registeredTo: null,
};

type Hit = Awaited<ReturnType<RegistryService['search']>>['hits'][number];

function view(hit: Hit): EntityView {
  // The Registraire's "radiée" statuses end an enterprise's registration.
  const retired = /^radi/i.test(hit.statusLabel ?? '');
  return {
    set: ENTERPRISES.id,
    code: hit.neq,
    name: hit.name ?? hit.neq,
    nameEn: null,
    status: retired ? 'retired' : 'current',
    validFrom: hit.registeredOn,
    validTo: retired ? hit.statusOn : null,
    startReason: null,
    endReason: retired ? hit.statusLabel : null,
    attributes: { status: hit.statusLabel, legalForm: hit.legalFormLabel, municipality: hit.municipality },
    predecessors: [],
    successors: [],
    current: retired ? [] : [hit.neq],
  };
}

/** The business registry's enterprises as a reference set: each registry edition is a version. */
export function enterprisesSet(registry: RegistryService): ExternalSet {
  return {
    async versions() {
      const editions = (await registry.editions()).filter((edition) => edition.state === 'done');
      return editions.map((edition, index) => ({
        id: `${ENTERPRISES.id}@${edition.publishedOn}`,
        set: ENTERPRISES.id,
        label: edition.publishedOn,
        referenceDate: edition.publishedOn,
        previous: editions[index + 1] ? `${ENTERPRISES.id}@${editions[index + 1]?.publishedOn}` : null,
        publishedAt: (edition.finishedAt ?? edition.startedAt).toISOString(),
        fictitious: false,
        attributes: ENTERPRISES.attributes,
        sources: [],
        files: {},
        rowCount: edition.counts?.enterprises ?? 0,
        changeCount: 0,
        structureOverride: null,
      }));
    },
    async find(code) {
      if (!/^\d{10}$/.test(code)) return null;
      const { hits } = await registry.search({
        q: code,
        filters: NO_FILTERS,
        limit: 1,
        offset: 0,
        count: false,
      });
      return hits[0] ? view(hits[0]) : null;
    },
    async search(query, limit) {
      const { hits } = await registry.search({
        q: query,
        filters: NO_FILTERS,
        limit,
        offset: 0,
        count: false,
      });
      return hits.map(view);
    },
  };
}
