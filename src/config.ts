import path from 'node:path';

/** Validated settings of one Quai process. Built once by `loadConfig`; nothing else reads `process.env`. */
export interface Config {
  port: number;
  host: string;
  /** Public root URL, without a trailing slash: used in every absolute link Quai emits. */
  baseUrl: string;
  /** Where the embedded database and the blob store live. */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; empty means the embedded PGlite under `dataDir`. */
  databaseUrl: string | null;
  databasePoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxUploadBytes: number;
  /** `auto` loads the demo catalogue on first start of an empty embedded database. */
  demoContent: 'auto' | 'always' | 'never';
  /** Public search results kept in memory until the catalogue changes; 0 turns the cache off. */
  searchCacheSize: number;
  /** OCDS: the registered ocid prefix (ocds-xxxxxx) of the processes imported from events. */
  ocdsOcidPrefix: string;
  /** OCDS: the organisation (by name) that owns the "Marchés publics (OCDS)" dataset. */
  procurementOrganization: string;
  /** Registry API requests per client and minute (searches, lookups, the change feed). */
  registryRateLimit: number;
  /** The organisation (by name) owning the catalog's "Registre des entreprises" dataset; created if missing. */
  registryOrganization: string;
  /** Links users give that the server fetches may lead to 127.0.0.1 (tests only: off by default). */
  fetchAllowLoopback: boolean;
  /** The reference sets' synthetic probe: where it calls (the public URL by default) and how often (0: off). */
  referenceProbe: { url: string; seconds: number };
  /** Searches by a person's name per client and hour (exact full name only; every one logged). */
  personSearchRateLimit: number;
  /** Datastore loads: the largest file loaded into a table, the time one load may take, how many run at once. */
  datastoreLoads: { maxBytes: number; timeoutSeconds: number; concurrency: number };
  /** How long one datastore_search_sql query may run. */
  datastoreSqlSeconds: number;
  /**
   * The link checker of the quality score: how often every link resource is checked (0: never by
   * itself), how long one link may take to answer, how many are checked at once.
   */
  linkCheck: { hours: number; timeoutSeconds: number; concurrency: number };
  /** Harvest runs: each request's time budget and size cap, internal hosts allowed by name. */
  harvest: { timeoutSeconds: number; maxResponseBytes: number; allowHosts: string[] };
  /** The base map of data maps: a tile URL template ({z}/{x}/{y}) and its attribution (HTML). */
  mapTiles: { url: string; attribution: string };
  /**
   * Mail: the SMTP server (`smtp://user:password@host:587`, `smtps://…`; none: messages are kept in
   * the outbox for the administrator) and the sender's address.
   */
  mail: { smtpUrl: string | null; from: string };
  /** Self-service accounts: sign-ups per client and hour (anyone may create an account). */
  signUpRateLimit: number;
  /** Attempts of one webhook delivery (5 s, 10 s, 20 s… apart) before it counts as failed. */
  webhookAttempts: number;
  siteTitle: string;
  /** The portal's name on English pages. */
  siteTitleEn: string;
  siteDescription: string;
  trustProxy: boolean;
  /**
   * Where uploaded files go: null for DATA_DIR/blobs, or S3-compatible object storage
   * (`s3://bucket/prefix`; credentials and region from the AWS SDK's usual variables).
   */
  blobStore: { url: string; endpoint: string | null; region: string | null; forcePathStyle: boolean } | null;
  /** The bearer token `/metrics` asks for; without one, `/metrics` is off (404). */
  metricsToken: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const DEMO_MODES = ['auto', 'always', 'never'] as const;
const FIFTY_GIGABYTES = 50 * 1024 ** 3;

/** Reads and validates every setting; throws one `ConfigError` listing all the bad variables. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = createReader(env, problems);

  const port = read.integer('PORT', 8080, 0, 65535);
  const host = read.string('HOST', 'localhost');
  const dataDir = path.resolve(read.string('DATA_DIR', './var'));
  const databaseUrl = read.optional('DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL: must start with postgres:// or postgresql://');
  }
  const baseUrl = read.string('BASE_URL', `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) problems.push('BASE_URL: must be an absolute http(s) URL');

  const config: Config = {
    port,
    host,
    baseUrl,
    dataDir,
    databaseUrl,
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 500),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    maxUploadBytes: read.integer('MAX_UPLOAD_BYTES', FIFTY_GIGABYTES, 1, Number.MAX_SAFE_INTEGER),
    demoContent: read.oneOf('DEMO_CONTENT', DEMO_MODES, 'auto'),
    searchCacheSize: read.integer('SEARCH_CACHE_SIZE', 1000, 0, 1_000_000),
    siteTitle: read.string('SITE_TITLE', 'Quai — données ouvertes du Québec'),
    siteTitleEn: read.string('SITE_TITLE_EN', 'Quai — Québec open data'),
    siteDescription: read.string(
      'SITE_DESCRIPTION',
      'Portail de données ouvertes : trouver, consulter et réutiliser les données publiques du Québec.',
    ),
    trustProxy: read.boolean('TRUST_PROXY', false),
    metricsToken: read.optional('METRICS_TOKEN') ?? null,
    blobStore: blobStoreOf(read, problems),
    ocdsOcidPrefix: ocidPrefix(read.string('OCDS_OCID_PREFIX', 'ocds-ec9k95'), problems),
    procurementOrganization: read.string('PROCUREMENT_ORGANIZATION', 'secretariat-du-conseil-du-tresor'),
    registryRateLimit: read.integer('REGISTRY_RATE_LIMIT', 300, 1, 1_000_000),
    fetchAllowLoopback: read.boolean('FETCH_ALLOW_LOOPBACK', false),
    referenceProbe: {
      url: read.string('REFERENCE_PROBE_URL', baseUrl).replace(/\/+$/, ''),
      seconds: read.integer('REFERENCE_PROBE_SECONDS', 60, 0, 3600),
    },
    registryOrganization: read.string('REGISTRY_ORGANIZATION', 'registraire-des-entreprises'),
    personSearchRateLimit: read.integer('PERSON_SEARCH_RATE_LIMIT', 30, 1, 100_000),
    datastoreLoads: {
      maxBytes: read.integer('DATASTORE_MAX_BYTES', 10 * 1024 ** 3, 1, Number.MAX_SAFE_INTEGER),
      timeoutSeconds: read.integer('DATASTORE_LOAD_SECONDS', 3600, 1, 7 * 24 * 3600),
      concurrency: read.integer('DATASTORE_LOAD_CONCURRENCY', 2, 1, 64),
    },
    datastoreSqlSeconds: read.integer('DATASTORE_SQL_SECONDS', 10, 1, 600),
    linkCheck: {
      hours: read.integer('LINK_CHECK_HOURS', 24, 0, 24 * 21),
      timeoutSeconds: read.integer('LINK_CHECK_SECONDS', 15, 1, 300),
      concurrency: read.integer('LINK_CHECK_CONCURRENCY', 4, 1, 64),
    },
    harvest: {
      timeoutSeconds: read.integer('HARVEST_REQUEST_SECONDS', 60, 1, 3600),
      maxResponseBytes: read.integer('HARVEST_MAX_RESPONSE_BYTES', 64 * 1024 ** 2, 1024, 2 * 1024 ** 3),
      allowHosts: read
        .string('HARVEST_ALLOW_HOSTS', '')
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    },
    mail: {
      smtpUrl: read.optional('SMTP_URL'),
      from: read.string('MAIL_FROM', `Quai <ne-pas-repondre@${hostOf(baseUrl)}>`),
    },
    signUpRateLimit: read.integer('SIGN_UP_RATE_LIMIT', 10, 1, 100_000),
    webhookAttempts: read.integer('WEBHOOK_ATTEMPTS', 6, 1, 20),
    mapTiles: {
      url: read.string('MAP_TILES_URL', 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
      attribution: read.string(
        'MAP_TILES_ATTRIBUTION',
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
      ),
    },
  };
  if (!/^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(config.mapTiles.url))
    problems.push('MAP_TILES_URL: must be an http(s) URL template with {z}, {x} and {y}');
  if (config.mail.smtpUrl !== null && !/^smtps?:\/\/[^/]+/.test(config.mail.smtpUrl))
    problems.push('SMTP_URL: must start with smtp:// or smtps://');
  if (!/^[^<>]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/.test(config.mail.from))
    problems.push('MAIL_FROM: must be an address, or a name and <address>');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** OCP registers prefixes as "ocds-" and six lower-case letters or digits. */
function ocidPrefix(value: string, problems: string[]): string {
  if (!/^ocds-[a-z0-9]{6}$/.test(value))
    problems.push(`OCDS_OCID_PREFIX must look like ocds-xxxxxx (got "${value}")`);
  return value;
}

function createReader(env: Env, problems: string[]) {
  const raw = (name: string): string | null => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? null : value;
  };
  return {
    optional: raw,
    string(name: string, fallback: string): string {
      return raw(name) ?? fallback;
    },
    integer(name: string, fallback: number, min: number, max: number): number {
      const value = raw(name);
      if (value === null) return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        problems.push(`${name}: expected an integer from ${min} to ${max}, got "${value}"`);
        return fallback;
      }
      return parsed;
    },
    boolean(name: string, fallback: boolean): boolean {
      const value = raw(name)?.toLowerCase();
      if (value === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(value)) return true;
      if (['0', 'false', 'no', 'off'].includes(value)) return false;
      problems.push(`${name}: expected true or false, got "${value}"`);
      return fallback;
    },
    oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
      const value = raw(name);
      if (value === null) return fallback;
      if ((allowed as readonly string[]).includes(value)) return value as T;
      problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    },
  };
}

/** BLOB_STORE=s3://bucket/prefix with its endpoint (MinIO, Ceph RGW, Garage…) and region. */
function blobStoreOf(read: ReturnType<typeof createReader>, problems: string[]): Config['blobStore'] {
  const url = read.optional('BLOB_STORE');
  if (!url) return null;
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(url)) {
    problems.push(`BLOB_STORE must be s3://bucket/prefix (got ${url})`);
    return null;
  }
  const endpoint = read.optional('S3_ENDPOINT');
  return {
    url,
    endpoint,
    region: read.optional('AWS_REGION'),
    forcePathStyle: read.boolean('S3_FORCE_PATH_STYLE', endpoint !== null),
  };
}
