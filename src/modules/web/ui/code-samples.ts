/** The calls shown in a dataset's "use this data" panel: the CKAN API, as scripts already use it. */
export interface CodeSamples {
  curl: string;
  python: string;
  r: string;
}

/**
 * The dataset's record, its CSV file and, when its main table is loaded, a query of that table:
 * the rows themselves, filtered in the API rather than downloaded whole.
 */
export function codeSamples(
  baseUrl: string,
  datasetName: string,
  csvUrl: string | null,
  tableId: string | null = null,
): CodeSamples {
  const showUrl = `${baseUrl}/api/3/action/package_show?id=${encodeURIComponent(datasetName)}`;
  const dataUrl = tableId ? `${baseUrl}/api/v1/resources/${tableId}/data` : null;
  const curl = [
    `curl "${showUrl}"`,
    ...(csvUrl ? ['', `curl -L -O "${csvUrl}"`] : []),
    ...(dataUrl ? ['', `curl "${dataUrl}?limit=5"`] : []),
  ].join('\n');
  const python = [
    'import requests',
    '',
    `response = requests.get("${baseUrl}/api/3/action/package_show", params={"id": "${datasetName}"})`,
    'dataset = response.json()["result"]',
    'for resource in dataset["resources"]:',
    '    print(resource["format"], resource["url"])',
    ...(csvUrl ? ['', 'import pandas', `table = pandas.read_csv("${csvUrl}")`] : []),
    ...(dataUrl
      ? [
          '',
          '# The table, queried: 100 rows at a time (add column=value to filter)',
          `rows = requests.get("${dataUrl}", params={"limit": 100}).json()["records"]`,
        ]
      : []),
  ].join('\n');
  const r = [
    'library(jsonlite)',
    '',
    `dataset <- fromJSON("${showUrl}")$result`,
    'dataset$resources[, c("format", "url")]',
    ...(csvUrl ? ['', `table <- read.csv("${csvUrl}")`] : []),
    ...(dataUrl
      ? ['', '# The table, queried: 100 rows at a time', `rows <- fromJSON("${dataUrl}?limit=100")$records`]
      : []),
  ].join('\n');
  return { curl, python, r };
}
