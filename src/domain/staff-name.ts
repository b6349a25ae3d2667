// A staff member's name as colleagues see it in reports and the audit log: what was typed, with
// its spaces tidied, 1 to 80 characters, no control characters. Optional: absent or blank is none.
import { DomainError } from './errors.ts';

export const STAFF_NAME_MAX = 80;

export function parseStaffName(text: string | undefined): string | null {
  if (text === undefined) return null;
  const name = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name === '') return null;
  // \p{C} holds control, format and unassigned characters: none belongs in a person's name.
  if (/\p{C}/u.test(name)) throw new DomainError('VALIDATION_FAILED', 'a name cannot contain control characters', [{ path: 'name', message: 'control characters' }]);
  if ([...name].length > STAFF_NAME_MAX) throw new DomainError('VALIDATION_FAILED', `a name has at most ${STAFF_NAME_MAX} characters`, [{ path: 'name', message: 'too long' }]);
  return name;
}
