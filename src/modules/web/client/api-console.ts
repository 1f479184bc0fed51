/**
 * The API console: each "Try it" form of the documentation page asks for its call in place and
 * shows the status and the answer under the form. Without this script the form leads to the
 * answer itself (through /fr/api/essayer, which fills the path).
 */
import { tryUrl } from './api-try.js';

const SHOWN_CHARACTERS = 20_000;

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-api-try]')) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(form);
  });
}

async function run(form: HTMLFormElement): Promise<void> {
  const path = form.querySelector<HTMLInputElement>('input[name="chemin"]')?.value ?? '';
  const fields = [...new FormData(form).entries()].map(
    ([key, value]) => [key, String(value)] as [string, string],
  );
  const url = tryUrl(path, fields);
  const output = form.querySelector<HTMLElement>('[data-api-response]');
  const status = output?.querySelector<HTMLElement>('[data-api-status]');
  const body = output?.querySelector<HTMLElement>('code');
  if (!output || !status || !body) return;
  output.hidden = false;
  status.textContent = `GET ${url} …`;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    const text = await response.text();
    let shown = text;
    try {
      shown = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON (a CSV, an error page): shown as it came.
    }
    const cut = shown.length > SHOWN_CHARACTERS;
    body.textContent = cut ? `${shown.slice(0, SHOWN_CHARACTERS)}\n…` : shown;
    status.textContent = `GET ${url} → ${response.status} ${response.statusText}${cut ? ` (${form.dataset.cutText ?? ''})` : ''}`;
  } catch (error) {
    body.textContent = '';
    status.textContent = `GET ${url} → ${String(error)}`;
  }
  status.focus();
}
