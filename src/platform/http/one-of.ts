import { type TUnsafe, Type } from 'typebox';

/**
 * A string schema that takes one of the given values, typed as their union: for value lists kept
 * as constants (`COLUMN_TYPES`, `CHANGE_KINDS`), where `Type.Union` over a mapped array would lose
 * the literal types.
 */
export function oneOf<T extends string>(
  values: readonly T[],
  options: { description?: string } = {},
): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
}
