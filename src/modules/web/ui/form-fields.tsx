import type { ComponentChildren } from 'preact';
import type { PageContext } from '../shell/page-context.js';
import { CSRF_FIELD } from '../shell/web-cookies.js';

/** Field name → message, in the page's language. */
export type FieldErrors = Record<string, string>;

interface FieldBase {
  ctx: PageContext;
  name: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  required?: boolean;
}

/** The id of the element a summary links to and that `aria-describedby` points at. */
export const fieldId = (name: string) => `champ-${name.replace(/[^a-z0-9_-]/gi, '-')}`;

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${fieldId(name)}-aide` : null, error ? `${fieldId(name)}-erreur` : null].filter(
    Boolean,
  );
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ ctx, name, label, required }: Pick<FieldBase, 'ctx' | 'name' | 'label' | 'required'>) {
  return (
    <label for={fieldId(name)} class="quai-label">
      {label}
      {required ? <span class="quai-required"> ({ctx.t('required')})</span> : null}
    </label>
  );
}

function HintAndError({ ctx, name, hint, errors }: Pick<FieldBase, 'ctx' | 'name' | 'hint' | 'errors'>) {
  const error = errors[name];
  return (
    <>
      {hint ? (
        <p class="quai-hint" id={`${fieldId(name)}-aide`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="quai-field-error" id={`${fieldId(name)}-erreur`}>
          <span class="quai-visually-hidden">{ctx.t('errorPrefix')} </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField(
  props: FieldBase & {
    value: string | null | undefined;
    type?: 'text' | 'email' | 'url' | 'password' | 'date';
    autocomplete?: string;
    spellcheck?: boolean;
    size?: 'short' | 'long';
    /** The id of a <datalist> of suggested values. */
    list?: string;
  },
) {
  const {
    ctx,
    name,
    label,
    hint,
    errors,
    required,
    value,
    type = 'text',
    autocomplete,
    size = 'long',
  } = props;
  const error = errors[name];
  return (
    <div class={`quai-field${error ? ' quai-field-invalid' : ''}`}>
      <Label ctx={ctx} name={name} label={label} required={required} />
      <HintAndError ctx={ctx} name={name} hint={hint} errors={errors} />
      <input
        class={`quai-input quai-input-${size}`}
        id={fieldId(name)}
        name={name}
        type={type}
        value={value ?? ''}
        required={required}
        autocomplete={autocomplete}
        spellcheck={props.spellcheck}
        list={props.list}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export function TextArea(
  props: FieldBase & { value: string | null | undefined; rows?: number; lang?: string },
) {
  const { ctx, name, label, hint, errors, required, value, rows = 6 } = props;
  const error = errors[name];
  return (
    <div class={`quai-field${error ? ' quai-field-invalid' : ''}`}>
      <Label ctx={ctx} name={name} label={label} required={required} />
      <HintAndError ctx={ctx} name={name} hint={hint} errors={errors} />
      <textarea
        class="quai-input quai-input-long"
        id={fieldId(name)}
        name={name}
        rows={rows}
        required={required}
        lang={props.lang}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
  lang?: string | undefined;
}

export function SelectField(props: FieldBase & { value: string | null | undefined; choices: Choice[] }) {
  const { ctx, name, label, hint, errors, required, value, choices } = props;
  const error = errors[name];
  return (
    <div class={`quai-field${error ? ' quai-field-invalid' : ''}`}>
      <Label ctx={ctx} name={name} label={label} required={required} />
      <HintAndError ctx={ctx} name={name} hint={hint} errors={errors} />
      <select
        class="quai-input quai-select"
        id={fieldId(name)}
        name={name}
        required={required}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {choices.map((choice) => (
          <option
            key={choice.value}
            value={choice.value}
            selected={choice.value === (value ?? '')}
            lang={choice.lang}
          >
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radio buttons or checkboxes in a fieldset; the summary links to the first one. */
export function ChoiceGroup(
  props: FieldBase & { type: 'radio' | 'checkbox'; values: readonly string[]; choices: Choice[] },
) {
  const { ctx, name, label, hint, errors, required, type, values, choices } = props;
  const error = errors[name];
  return (
    <fieldset
      class={`quai-fieldset${error ? ' quai-field-invalid' : ''}`}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend class="quai-label">
        {label}
        {required ? <span class="quai-required"> ({ctx.t('required')})</span> : null}
      </legend>
      <HintAndError ctx={ctx} name={name} hint={hint} errors={errors} />
      <div class="quai-choices">
        {choices.map((choice, index) => {
          const id = index === 0 ? fieldId(name) : `${fieldId(name)}-${index}`;
          return (
            <div class="quai-choice" key={choice.value}>
              <input
                type={type}
                id={id}
                name={name}
                value={choice.value}
                checked={values.includes(choice.value)}
                aria-invalid={error ? 'true' : undefined}
              />
              <label for={id} lang={choice.lang}>
                {choice.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * The list of a form's errors, first thing in the form: it takes the focus when the page loads
 * and links each message to its field (WCAG 3.3.1).
 */
export function ErrorSummary({
  ctx,
  errors,
  labels,
}: {
  ctx: PageContext;
  errors: FieldErrors;
  labels: Record<string, string>;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="quai-error-summary" role="alert" tabIndex={-1} autofocus aria-labelledby="resume-erreurs">
      <h2 id="resume-erreurs">{ctx.t('errorSummaryTitle', { count: entries.length })}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            {labels[name] ? (
              <a href={`#${fieldId(name)}`}>{ctx.t('errorWithLabel', { label: labels[name], message })}</a>
            ) : (
              message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A form that changes something: POST, with its CSRF token. */
export function PostForm({
  ctx,
  action,
  children,
  multipart,
  class: className,
  id,
}: {
  ctx: PageContext;
  action: string;
  children: ComponentChildren;
  multipart?: boolean;
  class?: string;
  id?: string;
}) {
  return (
    <form
      method="post"
      action={action}
      class={className}
      id={id}
      enctype={multipart ? 'multipart/form-data' : undefined}
      noValidate
    >
      <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
      {children}
    </form>
  );
}

/** The title of a form's page: "Error: …" first when it comes back refused (WCAG 3.3.1). */
export function formTitle(ctx: PageContext, heading: string, hasErrors: boolean): string {
  return hasErrors ? `${ctx.t('errorPrefix')} ${heading}` : heading;
}

/** The submit button of a form, and the way out without saving. */
export function FormButtons({
  submit,
  cancelHref,
  cancel,
}: {
  submit: string;
  cancelHref: string;
  cancel: string;
}) {
  return (
    <div class="quai-form-buttons">
      <button type="submit" class="qc-button qc-primary">
        {submit}
      </button>
      <a href={cancelHref} class="qc-button qc-tertiary">
        {cancel}
      </a>
    </div>
  );
}

/**
 * One action on one row of a table (revoke a token, remove a member): a small POST form whose
 * button says in full what it does to whom (its visible word starts the accessible name).
 */
export function RowAction({
  ctx,
  action,
  fields,
  label,
  fullLabel,
}: {
  ctx: PageContext;
  action: string;
  fields: Record<string, string>;
  label: string;
  fullLabel: string;
}) {
  return (
    <PostForm ctx={ctx} action={action} class="quai-inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="qc-button qc-secondary qc-compact" aria-label={fullLabel}>
        {label}
      </button>
    </PostForm>
  );
}
