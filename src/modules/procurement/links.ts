/** Every public URL the procurement module emits. */
export function procurementLinks(baseUrl: string) {
  const api = `${baseUrl}/api/v1/procurement`;
  const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');
  return {
    api,
    releases: `${api}/releases`,
    records: `${api}/records`,
    release: (ocid: string, releaseId: string) => `${api}/releases/${path(ocid, releaseId)}`,
    record: (ocid: string) => `${api}/records/${path(ocid)}`,
    bulk: (period: string, file: string) => `${api}/bulk/${path(period, file)}`,
    publicationPolicy: `${baseUrl}/fr/marches-publics/politique-de-publication`,
  };
}

export type ProcurementLinks = ReturnType<typeof procurementLinks>;
