import type { FieldIssue } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { EventColumn, EventRow } from './event-format.js';
import type { Read } from './event-values.js';

/** Reads the cells of one source row, collecting a field issue for each cell that is wrong. */
export class RowReader {
  constructor(
    private readonly row: EventRow,
    /** The row's number among the events, from 1 (the header is not counted). */
    readonly number: number,
    private readonly issues: FieldIssue[],
  ) {}

  text(column: EventColumn, required = false): string | undefined {
    const value = this.row[column]?.trim();
    if (value) return value;
    if (required) {
      this.issue(
        column,
        'required',
        localized('est obligatoire pour ce type d’événement', 'is required for this event type'),
      );
    }
    return undefined;
  }

  read<T>(column: EventColumn, reader: (text: string) => Read<T>, required = false): T | undefined {
    const text = this.text(column, required);
    if (text === undefined) return undefined;
    const result = reader(text);
    if (result.ok) return result.value;
    this.issue(column, 'invalid', result.reason);
    return undefined;
  }

  issue(column: EventColumn, code: string, message: FieldIssue['message']): void {
    this.issues.push({ path: `rows.${this.number}.${column}`, code, message });
  }
}
