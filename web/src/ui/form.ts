import { useCallback, useState } from 'react';
import { ApiError, type FieldIssue, fieldIssues } from '../api/api.js';

/** The message of each field that has a problem. */
export type FieldErrors<Key extends string> = Partial<Record<Key, string>>;

/** The server's field problems for the fields this form has (the first message of each); others dropped. */
export function errorsByField<Key extends string>(
  issues: readonly FieldIssue[],
  keys: readonly Key[],
): FieldErrors<Key> {
  const found: FieldErrors<Key> = {};
  for (const issue of issues) {
    const key = issue.path[0] as Key | undefined;
    if (key !== undefined && keys.includes(key) && !found[key]) found[key] = issue.message;
  }
  return found;
}

/**
 * The error wiring every form shares, beside `<Field>` (which ties label, hint and error to the control):
 * the messages per field, shown with focus on the first field in error, and a server answer turned into
 * field messages where it names this form's fields. `focus(key)` finds a field's control.
 */
export function useFieldErrors<Key extends string>(
  keys: readonly Key[],
  focus: (key: Key) => HTMLElement | null | undefined,
) {
  const [errors, setErrors] = useState<FieldErrors<Key>>({});
  const show = useCallback(
    (found: FieldErrors<Key>): boolean => {
      setErrors(found);
      const first = keys.find((k) => found[k]);
      if (first) focus(first)?.focus();
      return first !== undefined;
    },
    [keys, focus],
  );
  /** Shows the server's field problems; false when the error names none of this form's fields. */
  const showServerError = useCallback(
    (err: unknown): boolean => show(errorsByField(err instanceof ApiError ? fieldIssues(err) : [], keys)),
    [show, keys],
  );
  return { errors, show, showServerError, clear: () => setErrors({}) };
}
