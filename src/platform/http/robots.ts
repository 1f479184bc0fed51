/**
 * Whether a request comes from a program that crawls or scripts rather than from a person's
 * browser, by its user agent: usage statistics leave these out. No user agent counts as a robot.
 */
export function isRobot(userAgent: string | undefined): boolean {
  return (
    !userAgent || /bot|crawl|spider|slurp|curl|wget|python|httpclient|autocannon|headless/i.test(userAgent)
  );
}

/**
 * Whether a request comes from a crawler (a search engine, an archiver, a monitor): downloads and
 * API reads by scripts count as use, a crawler's do not.
 */
export function isCrawler(userAgent: string | undefined): boolean {
  return /bot|crawl|spider|slurp|archiver|monitor|uptime|autocannon|headless/i.test(userAgent ?? '');
}
