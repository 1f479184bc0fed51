import type { ComponentChild } from 'preact';
import type { BodsInterest, RegistryService } from '../../registry/index.js';
import { FollowControl, type FollowState } from '../community/follow.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { MESSAGES, type MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { ScrollRegion } from '../ui/scroll-region.js';

export type EnterpriseView = Awaited<ReturnType<RegistryService['enterprise']>>;

const day = (locale: 'fr' | 'en', value: string | null) =>
  value ? formatDate(locale, new Date(`${value}T12:00:00Z`)) : '';

/** One enterprise of the registry: its facts, every name with its period, establishments, history. */
export function EnterprisePage({
  ctx,
  enterprise,
  follow,
}: {
  ctx: PageContext;
  enterprise: EnterpriseView;
  /** Following its changes from one edition to the next. */
  follow: FollowState;
}) {
  const { t, locale } = ctx;
  const title = enterprise.name ?? enterprise.neq;
  const facts: [string, ComponentChild][] = [
    [t('enterpriseNeq'), <code>{enterprise.neq}</code>],
    [
      t('enterpriseStatus'),
      <>
        <span lang="fr">{enterprise.statusLabel ?? enterprise.status ?? ''}</span>
        {enterprise.statusOn ? ` ${t('enterpriseSince', { date: day(locale, enterprise.statusOn) })}` : ''}
      </>,
    ],
    [t('enterpriseForm'), <span lang="fr">{enterprise.legalFormLabel ?? enterprise.legalForm ?? ''}</span>],
    [t('enterpriseRegistered'), day(locale, enterprise.registeredOn)],
    [
      t('enterpriseAddress'),
      [enterprise.address, enterprise.municipality, enterprise.postalCode].filter(Boolean).join(', '),
    ],
    [t('enterpriseActivity'), [enterprise.activityCode, enterprise.activity].filter(Boolean).join(' — ')],
    [t('enterpriseEmployees'), enterprise.employeesLabel ?? ''],
  ];
  const nameKind = (name: { type: string; endOn: string | null }) =>
    name.endOn
      ? t('enterpriseNameFormer')
      : name.type === 'N'
        ? t('enterpriseNameCurrent')
        : t('enterpriseNameOther');
  return (
    <Layout
      ctx={ctx}
      title={`${title} — ${t('registryTitle')}`}
      section="registry"
      breadcrumbs={[{ label: t('registryTitle'), href: href(locale, 'registry') }, { label: title }]}
    >
      <h1 lang="fr">{title}</h1>
      <div class="quai-follow-bar">
        <FollowControl ctx={ctx} state={follow} what={title} />
      </div>
      <dl class="quai-metadata">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd lang={label === t('enterpriseStatus') || label === t('enterpriseForm') ? 'fr' : undefined}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <Table
        id="noms"
        caption={t('enterpriseNames')}
        head={[t('enterpriseName'), t('enterpriseNameKind'), t('enterpriseNameFrom'), t('enterpriseNameTo')]}
        rows={enterprise.names.map((name) => [
          <span lang="fr">{name.name}</span>,
          nameKind(name),
          day(locale, name.startOn),
          day(locale, name.endOn),
        ])}
      />
      <h2 id="etablissements">{t('enterpriseEstablishments')}</h2>
      {enterprise.establishments.length === 0 ? (
        <p>{t('enterpriseNoEstablishment')}</p>
      ) : (
        <ul class="quai-plain-list">
          {enterprise.establishments.map((place) => (
            <li key={place.suffix}>
              <span lang="fr">{place.name}</span>
              {place.principal ? ` (${t('enterprisePrincipal')})` : ''} —{' '}
              {[place.address, place.municipality, place.postalCode].filter(Boolean).join(', ')}
              {place.activity ? ` — ${place.activity}` : ''}
            </li>
          ))}
        </ul>
      )}
      {enterprise.relations.length > 0 ? (
        <Table
          id="fusions"
          caption={t('enterpriseRelations')}
          head={[t('enterpriseNeq'), t('enterpriseName'), t('enterpriseNameKind'), t('enterpriseNameFrom')]}
          rows={enterprise.relations.map((relation) => {
            const other = relation.neq === enterprise.neq ? relation.relatedNeq : relation.neq;
            return [
              other ? <a href={href(locale, 'enterprise', { neq: other })}>{other}</a> : '',
              <span lang="fr">{relation.relatedName ?? ''}</span>,
              relation.kind ?? '',
              day(locale, relation.effectiveOn),
            ];
          })}
        />
      ) : null}
      {enterprise.continuations.length > 0 ? (
        <Table
          id="continuations"
          caption={t('enterpriseContinuations')}
          head={[
            t('enterpriseNameKind'),
            t('enterpriseForm'),
            t('enterpriseAddress'),
            t('enterpriseNameFrom'),
          ]}
          rows={enterprise.continuations.map((row) => [
            row.changeType ?? '',
            [row.regime, row.otherRegime].filter(Boolean).join(' → '),
            row.locality ?? '',
            day(locale, row.effectiveOn),
          ])}
        />
      ) : null}
      {enterprise.people.length > 0 ? (
        <>
          <h2 id="personnes">{t('enterprisePeople')}</h2>
          <ul class="quai-plain-list">
            {enterprise.people.map((person) => (
              <li key={person.recordId}>
                <span lang="fr">{person.fullName}</span> —{' '}
                {person.interests.map((interest) => interestText(ctx, interest)).join(' ; ')}
                {person.addresses[0]?.address
                  ? ` — ${t('enterpriseProfessionalAddress')} ${person.addresses[0].address}`
                  : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="historique">{t('enterpriseHistory')}</h2>
      {enterprise.history.length === 0 ? (
        <p>{t('enterpriseHistoryNone')}</p>
      ) : (
        <ul class="quai-plain-list">
          {enterprise.history.map((change) => (
            <li key={change.seq}>
              {day(locale, change.edition)} — {t(`change_${change.kind}` as MessageKey)}
              {change.details && 'to' in change.details && typeof change.details.to === 'string' ? (
                <>
                  {locale === 'fr' ? ' : ' : ': '}
                  {typeof change.details.from === 'string' && change.details.from ? (
                    <>
                      <span lang="fr">{change.details.from}</span> → {''}
                    </>
                  ) : null}
                  <span lang="fr">{change.details.to}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/api/v1/registry/enterprises/${enterprise.neq}`}>{t('enterpriseData')}</a>
      </p>
      <p>{t('registryLicence')}</p>
    </Layout>
  );
}

/** An interest as words: its kind, the share held, since when. */
function interestText(ctx: PageContext, interest: BodsInterest): string {
  const { t, locale } = ctx;
  const type = interest.type;
  const key = `interest_${type}` as MessageKey;
  const words = [key in MESSAGES ? t(key) : type];
  const share = interest.share?.exact;
  if (typeof share === 'number') words.push(`${formatNumber(locale, share)} %`);
  if (interest.beneficialOwnershipOrControl === true) words.push(t('interestBeneficial'));
  if (typeof interest.startDate === 'string')
    words.push(t('enterpriseSince', { date: day(locale, interest.startDate) }));
  return words.join(', ');
}

function Table({
  id,
  caption,
  head,
  rows,
}: {
  id: string;
  caption: string;
  head: string[];
  rows: ComponentChild[][];
}) {
  return (
    <>
      <h2 id={id}>{caption}</h2>
      <ScrollRegion labelledBy={`${id}-legende`}>
        <table class="quai-table">
          <caption id={`${id}-legende`} class="quai-visually-hidden">
            {caption}
          </caption>
          <thead>
            <tr>
              {head.map((label) => (
                <th key={label} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                {row.map((cell, column) => (
                  <td key={column}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
