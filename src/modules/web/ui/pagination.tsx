import type { PageContext } from '../shell/page-context.js';

/**
 * Links to the pages of a list: previous, the first, a window around the current one, the last,
 * next. Plain links, so the page number lives in the URL and works without JavaScript.
 */
export function Pagination({
  ctx,
  page,
  pages,
  link,
}: {
  ctx: PageContext;
  page: number;
  pages: number;
  link: (page: number) => string;
}) {
  if (pages <= 1) return null;
  const { t } = ctx;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((number) => number >= 1 && number <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="quai-pagination" aria-label={t('pagination')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={link(page - 1)} rel="prev">
              {t('previousPage')}
            </a>
          </li>
        ) : null}
        {shown.map((number, index) => (
          <li key={number}>
            {index > 0 && number - (shown[index - 1] ?? number) > 1 ? (
              <span aria-hidden="true">… </span>
            ) : null}
            {number === page ? (
              <a href={link(number)} aria-current="page" aria-label={t('pageNumber', { page: number })}>
                {number}
              </a>
            ) : (
              <a href={link(number)} aria-label={t('pageNumber', { page: number })}>
                {number}
              </a>
            )}
          </li>
        ))}
        {page < pages ? (
          <li>
            <a href={link(page + 1)} rel="next">
              {t('nextPage')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
