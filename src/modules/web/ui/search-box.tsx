import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';

/** The search form, in a search landmark: a GET to the search page, so results have a URL. */
export function SearchBox({ ctx, q, large = false }: { ctx: PageContext; q: string; large?: boolean }) {
  const { t, locale } = ctx;
  return (
    <search class={`quai-search${large ? ' quai-search-large' : ''}`}>
      <form method="get" action={href(locale, 'search')}>
        <label for="recherche" class="quai-label">
          {t('searchLabel')}
        </label>
        <p class="quai-hint" id="recherche-aide">
          {t('searchHint')}
        </p>
        <div class="quai-search-row">
          <input
            type="search"
            id="recherche"
            name="q"
            value={q}
            class="quai-input"
            aria-describedby="recherche-aide"
            autocomplete="off"
            maxLength={500}
          />
          <button type="submit" class="qc-button qc-primary">
            {t('searchButton')}
          </button>
        </div>
      </form>
    </search>
  );
}
