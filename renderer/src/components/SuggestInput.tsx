/**
 * A text input with suggestions (an HTML datalist): the user may pick one or type anything else. Takes
 * every input attribute plus the list's id and its entries. Used by the manual-holdings form (assets,
 * wallets) and the catalog override form (assets).
 */
import type { InputHTMLAttributes } from 'react';
import { useFieldAria } from './Field';

export interface Suggestion {
  value: string;
  /** Shown beside the value in the list (an asset's name). */
  label?: string;
}

export function SuggestInput(
  props: InputHTMLAttributes<HTMLInputElement> & { listId: string; suggestions: readonly Suggestion[] },
) {
  const { listId, suggestions, ...input } = props;
  const aria = useFieldAria();
  return (
    <>
      <input {...aria} {...input} list={listId} />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </datalist>
    </>
  );
}
