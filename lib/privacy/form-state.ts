import type { PersonalDataSummary } from './personal-data';
import type { ErasureCounts } from './erasure';

/** What the search for an address returns to the page, shaped for `useActionState`. */
export type LookupState =
  | { status: 'idle' }
  | { status: 'error'; message: string; email: string }
  | { status: 'found'; summary: PersonalDataSummary };

/** What an erasure returns to the page. */
export type ErasureState =
  | { status: 'idle' }
  | { status: 'error'; message: string; fieldErrors: Partial<Record<'email' | 'mode' | 'confirm', string>> }
  | { status: 'done'; message: string; counts: ErasureCounts };

export const initialLookupState: LookupState = { status: 'idle' };
export const initialErasureState: ErasureState = { status: 'idle' };
