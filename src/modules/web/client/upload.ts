/**
 * The resource form's upload, improved: the file goes in pieces to /uploads with a progress bar,
 * and after a network cut the upload resumes where the server says it stands. Once the whole file
 * is there, the form is sent with the upload's id instead of the file. Without this script, the
 * form sends the file itself: it works, without progress or resuming.
 */
const PIECE_BYTES = 8 * 1024 * 1024;
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];

interface UploadState {
  id: string;
  offset: number;
  size: number;
}

const form = document.getElementById('formulaire-ressource') as HTMLFormElement | null;
const texts = document.getElementById('textes-televersement')?.dataset ?? {};

if (form) {
  showOnlyTheChosenKind(form);
  enhance(form);
}

/** The file field for a file, the link field for a link: the other one is hidden. */
function showOnlyTheChosenKind(form: HTMLFormElement): void {
  const fileField = form.querySelector<HTMLElement>('[data-upload-field]');
  const linkField = form.querySelector<HTMLElement>('[data-link-field]');
  if (!fileField || !linkField) return;
  const update = () => {
    const link = form.querySelector<HTMLInputElement>('input[name=kind]:checked')?.value === 'link';
    fileField.hidden = link;
    linkField.hidden = !link;
  };
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name=kind]'))
    radio.addEventListener('change', update);
  update();
}

function enhance(form: HTMLFormElement): void {
  const fileInput = form.querySelector<HTMLInputElement>('input[type=file]');
  const uploadId = form.querySelector<HTMLInputElement>('input[name=upload_id]');
  const csrf = form.querySelector<HTMLInputElement>('input[name=_csrf]')?.value ?? '';
  const progressBox = form.querySelector<HTMLElement>('.quai-upload-progress');
  const bar = progressBox?.querySelector('progress');
  const status = progressBox?.querySelector<HTMLElement>('[role=status]');
  if (!fileInput || !uploadId || !progressBox || !bar || !status) return;
  let busy = false;
  let announced = -1;

  const say = (text: string) => {
    status.textContent = text;
  };
  const show = (state: UploadState) => {
    const percent = Math.floor((state.offset / state.size) * 100);
    bar.value = percent;
    // Every tenth, not every piece: screen readers would not keep up.
    if (Math.floor(percent / 10) !== announced) {
      announced = Math.floor(percent / 10);
      say((texts.progress ?? '{percent} %').replace('{percent}', String(percent)));
    }
  };

  form.addEventListener('submit', async (event) => {
    const kind = form.querySelector<HTMLInputElement>('input[name=kind]:checked')?.value;
    const file = fileInput.files?.[0];
    if (kind !== 'upload' || !file || uploadId.value) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    progressBox.hidden = false;
    try {
      const state = await send(file, csrf, show, () => say(texts.resuming ?? ''));
      uploadId.value = state.id;
      say(texts.done ?? '');
      // The file is on the server: the form goes without it.
      fileInput.disabled = true;
      form.submit();
    } catch (error) {
      busy = false;
      say(
        (texts.failed ?? '{reason}').replace(
          '{reason}',
          error instanceof Error ? error.message : String(error),
        ),
      );
    }
  });
}

async function send(
  file: File,
  csrf: string,
  progress: (state: UploadState) => void,
  resuming: () => void,
): Promise<UploadState> {
  const key = `quai-upload:${file.name}:${file.size}:${file.lastModified}`;
  let state = await resume(sessionStorage.getItem(key));
  if (!state) {
    state = await call<UploadState>('/uploads', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ filename: file.name, size: file.size, type: file.type || undefined }),
    });
    sessionStorage.setItem(key, state.id);
  }
  progress(state);
  let failures = 0;
  while (state.offset < state.size) {
    const current: UploadState = state;
    try {
      state = await call<UploadState>(`/uploads/${current.id}`, {
        method: 'PATCH',
        headers: {
          'Content-Type': 'application/offset+octet-stream',
          'Upload-Offset': String(current.offset),
          'X-CSRF-Token': csrf,
        },
        body: file.slice(current.offset, current.offset + PIECE_BYTES),
      });
      failures = 0;
    } catch (error) {
      if (error instanceof Refused && error.status !== 409) throw error;
      // Cut or out of step: wait, then ask the server how much it has.
      const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)] ?? 1000;
      failures += 1;
      if (failures > 20) throw error;
      resuming();
      await new Promise((resolve) => setTimeout(resolve, delay));
      state = (await resume(current.id).catch(() => null)) ?? current;
    }
    progress(state);
  }
  sessionStorage.removeItem(key);
  return state;
}

async function resume(id: string | null): Promise<UploadState | null> {
  if (!id) return null;
  try {
    return await call<UploadState>(`/uploads/${id}`, { method: 'GET' });
  } catch (error) {
    if (error instanceof Refused) return null;
    throw error;
  }
}

/** The server answered, and said no (as opposed to a network failure, which is retried). */
class Refused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  const headers = {
    'Accept-Language': document.documentElement.lang,
    ...(init.headers as Record<string, string>),
  };
  const response = await fetch(url, { ...init, headers, credentials: 'same-origin' });
  if (response.ok) return (await response.json()) as T;
  const problem = (await response.json().catch(() => ({}))) as { detail?: string };
  if (response.status >= 500) throw new Error(problem.detail ?? response.statusText);
  throw new Refused(problem.detail ?? response.statusText, response.status);
}
