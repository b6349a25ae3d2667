// `saxla create-staff --role agent|support|manager|admin|marketing --store ID --phone NUMBER [--name NAME]`: the first staff
// accounts. Returns the text to print once: the one-time password and the TOTP enrolment secret.
import { DomainError } from '../domain/errors.ts';
import { staffRoles, type StaffRole } from '../db/staff-repository.ts';
import { createStaff, type StaffDeps } from './staff-auth.ts';
import { isHeadOfficeRole } from './staff-scope.ts';

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function createStaffFromCli(deps: StaffDeps, args: readonly string[]): Promise<string> {
  const role = option(args, 'role');
  const phone = option(args, 'phone');
  const store = option(args, 'store');
  const name = option(args, 'name');
  if (!role || !(staffRoles as readonly string[]).includes(role)) throw new DomainError('VALIDATION_FAILED', `--role must be one of ${staffRoles.join(', ')}`);
  if (!phone) throw new DomainError('VALIDATION_FAILED', '--phone NUMBER is required');
  const headOffice = isHeadOfficeRole(role as StaffRole);
  const storeless = role === 'marketing';
  if (!headOffice && !store) throw new DomainError('VALIDATION_FAILED', '--store ID is required for every role but admin and marketing');
  const created = await createStaff(deps, { role: role as StaffRole, storeId: store ?? null, phone, name }, { staffId: null, origin: { ip: 'cli', userAgent: 'saxla create-staff' } });
  return [
    `staff ${created.staffId} created (${role}${store && !storeless ? ` at ${store}` : ''})`,
    ...(store && storeless ? [`  (${role} accounts belong to no store: --store ${store} was not recorded)`] : []),
    `  one-time password (change it at first sign-in): ${created.initialPassword}`,
    `  TOTP secret for the authenticator app:         ${created.totpSecret}`,
    `  or scan this URI as a QR code:                  ${created.otpauthUri}`,
    '  These are shown once and are not stored in clear anywhere.',
    '',
  ].join('\n');
}
