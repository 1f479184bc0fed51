import type { ApiToken } from '../../accounts/index.js';
import { formatDateTime } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  ErrorSummary,
  type FieldErrors,
  formTitle,
  PostForm,
  RowAction,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { ScrollRegion } from '../ui/scroll-region.js';

export interface TokensView {
  tokens: ApiToken[];
  /** The secret of a token just created: shown on this response only. */
  created: { name: string; token: string } | null;
  name: string;
  errors: FieldErrors;
}

export function TokensPage({ ctx, view }: { ctx: PageContext; view: TokensView }) {
  const { t, locale } = ctx;
  const action = href(locale, 'tokens');
  const hasErrors = Object.keys(view.errors).length > 0;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('apiTokens'), hasErrors)}
      breadcrumbs={[
        { label: t('workspaceTitle'), href: href(locale, 'workspace') },
        { label: t('apiTokens') },
      ]}
    >
      <h1>{t('apiTokens')}</h1>
      <p>{t('tokensLead')}</p>
      {view.created ? (
        <div class="quai-callout quai-callout-success" role="status">
          <p>{t('tokenCreated')}</p>
          <p>
            <label for="nouveau-jeton">{view.created.name}</label>
          </p>
          <input
            id="nouveau-jeton"
            class="quai-input quai-input-long quai-code"
            readOnly
            value={view.created.token}
          />
        </div>
      ) : null}

      <section aria-labelledby="creer-jeton">
        <h2 id="creer-jeton">{t('createToken')}</h2>
        <PostForm ctx={ctx} action={action}>
          <ErrorSummary ctx={ctx} errors={view.errors} labels={{ name: t('tokenName') }} />
          <input type="hidden" name="action" value="create" />
          <TextField
            ctx={ctx}
            name="name"
            label={t('tokenName')}
            hint={t('tokenNameHint')}
            errors={view.errors}
            value={view.name}
            required
          />
          <button type="submit" class="qc-button qc-primary">
            {t('createToken')}
          </button>
        </PostForm>
      </section>

      <section aria-labelledby="mes-jetons">
        <h2 id="mes-jetons">{t('myTokens')}</h2>
        {view.tokens.length === 0 ? (
          <p>{t('noTokens')}</p>
        ) : (
          <ScrollRegion labelledBy="mes-jetons">
            <table class="quai-table">
              <thead>
                <tr>
                  <th scope="col">{t('tokenName')}</th>
                  <th scope="col">{t('tokenCreatedOn')}</th>
                  <th scope="col">{t('tokenLastUsed')}</th>
                  <th scope="col">{t('memberActions')}</th>
                </tr>
              </thead>
              <tbody>
                {view.tokens.map((token) => (
                  <tr key={token.id}>
                    <th scope="row">{token.name}</th>
                    <td>{formatDateTime(locale, token.created)}</td>
                    <td>{token.lastUsed ? formatDateTime(locale, token.lastUsed) : t('never')}</td>
                    <td>
                      <RowAction
                        ctx={ctx}
                        action={action}
                        fields={{ action: 'revoke', token: token.id }}
                        label={t('revoke')}
                        fullLabel={t('revokeToken', { name: token.name })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </Layout>
  );
}
