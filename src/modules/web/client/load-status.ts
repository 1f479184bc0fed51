/**
 * A resource whose data is still loading: its status line follows the load (percent, rows read)
 * and the page reloads itself once the table is ready or the load has failed. Without this
 * script the line says to reload the page.
 */
for (const status of document.querySelectorAll<HTMLElement>('[data-load-status]')) follow(status);

interface LoadStatus {
  load: { state: 'queued' | 'running' | 'done' | 'failed'; percent: number; rows: number } | null;
}

const FIRST_WAIT_MS = 1500;
const LONGEST_WAIT_MS = 10_000;
/** After this long the page stops asking (a reload starts again). */
const GIVE_UP_MS = 15 * 60_000;

function follow(status: HTMLElement): void {
  const url = status.dataset.loadStatus ?? '';
  const template = status.dataset.runningText ?? '';
  const numbers = new Intl.NumberFormat(document.documentElement.lang || 'fr');
  const started = Date.now();
  let wait = FIRST_WAIT_MS;
  let shownPercent = -1;
  const hint = status.querySelector<HTMLElement>('[data-load-hint]');
  if (hint) hint.hidden = false;
  const ask = async () => {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      const body = response.ok ? ((await response.json()) as LoadStatus) : null;
      const load = body?.load;
      if (load?.state === 'done' || load?.state === 'failed') {
        window.location.reload();
        return;
      }
      // Said again only every ten points, so that a screen reader is not flooded.
      if (
        load?.state === 'running' &&
        template &&
        Math.floor(load.percent / 10) !== Math.floor(shownPercent / 10)
      ) {
        shownPercent = load.percent;
        const text = status.querySelector<HTMLElement>('[data-load-text]');
        if (text)
          text.textContent = template
            .replace('{percent}', numbers.format(Math.round(load.percent)))
            .replace('{rows}', numbers.format(load.rows));
      }
    } catch {
      // A network hiccup: asked again later.
    }
    wait = Math.min(wait * 1.5, LONGEST_WAIT_MS);
    if (Date.now() - started < GIVE_UP_MS) window.setTimeout(ask, wait);
  };
  window.setTimeout(ask, wait);
}
