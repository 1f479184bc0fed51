/** The calls shown in a dataset's "use this data" panel: the CKAN API, as scripts already use it. */
export interface CodeSamples {
  curl: string;
  python: string;
  r: string;
}

export function codeSamples(baseUrl: string, datasetName: string, csvUrl: string | null): CodeSamples {
  const showUrl = `${baseUrl}/api/3/action/package_show?id=${encodeURIComponent(datasetName)}`;
  const curl = [`curl "${showUrl}"`, ...(csvUrl ? ['', `curl -L -O "${csvUrl}"`] : [])].join('\n');
  const python = [
    'import requests',
    '',
    `response = requests.get("${baseUrl}/api/3/action/package_show", params={"id": "${datasetName}"})`,
    'dataset = response.json()["result"]',
    'for resource in dataset["resources"]:',
    '    print(resource["format"], resource["url"])',
    ...(csvUrl ? ['', 'import pandas', `table = pandas.read_csv("${csvUrl}")`] : []),
  ].join('\n');
  const r = [
    'library(jsonlite)',
    '',
    `dataset <- fromJSON("${showUrl}")$result`,
    'dataset$resources[, c("format", "url")]',
    ...(csvUrl ? ['', `table <- read.csv("${csvUrl}")`] : []),
  ].join('\n');
  return { curl, python, r };
}
