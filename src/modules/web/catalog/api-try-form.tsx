import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { fieldId } from '../ui/form-fields.js';
import { ScrollRegion } from '../ui/scroll-region.js';

export interface TryParameter {
  name: string;
  /** `path` parameters are required; `query` ones are left out when empty. */
  in: 'path' | 'query';
  required: boolean;
}

/**
 * « Essayer » under a call of the documentation: a field per parameter and a button. With
 * JavaScript the answer shows below (api-console.ts); without, the form leads to the answer.
 */
export function TryForm({
  ctx,
  id,
  path,
  parameters,
  freeQuery = false,
  actions,
}: {
  ctx: PageContext;
  id: string;
  path: string;
  parameters: TryParameter[];
  /** CKAN: the parameters typed as a query string. */
  freeQuery?: boolean;
  /** CKAN: the actions to choose from. */
  actions?: readonly string[];
}) {
  const { t, locale } = ctx;
  const field = (name: string) => fieldId(`${id}-${name}`);
  return (
    <form
      method="get"
      action={href(locale, 'apiTry')}
      class="quai-api-try"
      data-api-try
      data-cut-text={t('apiTryCut')}
    >
      <input type="hidden" name="chemin" value={path} />
      {actions ? (
        <div class="quai-field">
          <label class="quai-label" for={field('action')}>
            {t('apiTryAction')}
          </label>
          <select class="quai-input quai-select" id={field('action')} name="p.action">
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {parameters.map((parameter) => (
        <div class="quai-field" key={parameter.name}>
          <label class="quai-label" for={field(parameter.name)}>
            <code>{parameter.name}</code> ({parameter.in === 'path' ? t('apiTryInPath') : t('apiTryInQuery')})
            {parameter.required ? <span class="quai-required"> ({t('required')})</span> : null}
          </label>
          <input
            class="quai-input"
            type="text"
            id={field(parameter.name)}
            name={`p.${parameter.name}`}
            required={parameter.required}
            spellcheck={false}
          />
        </div>
      ))}
      {freeQuery ? (
        <div class="quai-field">
          <label class="quai-label" for={field('query')}>
            {t('apiTryQuery')}
          </label>
          <p class="quai-hint" id={`${field('query')}-aide`}>
            {t('apiTryQueryHint')}
          </p>
          <input
            class="quai-input quai-input-long"
            type="text"
            id={field('query')}
            name="p.query"
            spellcheck={false}
            aria-describedby={`${field('query')}-aide`}
          />
        </div>
      ) : null}
      <button type="submit" class="qc-button qc-secondary">
        {t('apiTry')}
      </button>
      <div class="quai-api-response" data-api-response hidden>
        <p data-api-status role="status" tabIndex={-1} id={`${field('reponse')}-etat`} />
        {/* A long answer scrolls in its box, which the keyboard can reach. */}
        <ScrollRegion labelledBy={`${field('reponse')}-etat`} class="quai-api-answer">
          <pre>
            <code />
          </pre>
        </ScrollRegion>
      </div>
    </form>
  );
}
