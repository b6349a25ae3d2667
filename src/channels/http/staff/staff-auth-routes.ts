// Console sign-in: phone + password + authenticator code; first-time enrolment shows the QR code.
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { changeStaffPassword, confirmEnrolment, enrolmentUri, logInStaff, logOutStaff } from '../../../services/staff-auth.ts';
import type { StaffConsoleDeps } from './staff-console.ts';
import { esc, field, formAction, page, sendPage, staffCss } from './staff-html.ts';
import { actorOf, clearStaffCookie, originOf, requireStaff, setStaffCookie } from './staff-session.ts';

type Form = Record<string, string | undefined>;

function loginPage(error?: string): string {
  return page('Sign in', `<form method="post" action="/staff/login">
${field('phone', 'Phone number', 'type="tel" autocomplete="username" required')}
${field('password', 'Password', 'type="password" autocomplete="current-password" required')}
${field('code', 'Authenticator code (6 digits)', 'inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}"')}
<button type="submit">Sign in</button></form>`, error ? { error } : {});
}

export async function staffAuthRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  app.get('/staff/assets/staff.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(staffCss));
  app.get('/staff/login', async (_request, reply) => sendPage(reply, loginPage()));

  app.post<{ Body: Form }>('/staff/login', async (request, reply) => {
    const body = request.body;
    return formAction(reply, async () => {
      const login = await logInStaff(deps, { phone: body.phone ?? '', password: body.password ?? '', ...(body.code ? { totpCode: body.code } : {}) }, originOf(request));
      setStaffCookie(request, reply, login.token);
      return login.stage === 'full' ? '/staff' : '/staff/enrol';
    }, async (message) => loginPage(message));
  });

  const pending = requireStaff(deps, 'pending');
  const full = requireStaff(deps, 'full');

  const enrolPage = async (uri: string, error?: string): Promise<string> => {
    const qr = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
    return page('Set up your authenticator', `<p>Scan this code with an authenticator app (or type the secret you were given), then enter the 6-digit code it shows.</p>
<p><img src="${esc(qr)}" alt="QR code for the authenticator app" width="220" height="220"></p>
<form method="post" action="/staff/enrol">${field('code', 'Code from the app', 'inputmode="numeric" pattern="[0-9]{6}" required autocomplete="one-time-code"')}<button type="submit">Confirm</button></form>`, error ? { error } : {});
  };

  app.get('/staff/enrol', { preHandler: pending }, async (request, reply) => sendPage(reply, await enrolPage(enrolmentUri(deps, actorOf(request).staff))));
  app.post<{ Body: Form }>('/staff/enrol', { preHandler: pending }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) throw new Error('pending session missing');
    return formAction(reply, async () => {
      const login = await confirmEnrolment(deps, session, request.body.code ?? '', originOf(request));
      setStaffCookie(request, reply, login.token);
      return session.staff.mustChangePassword ? '/staff/password' : '/staff';
    }, async (message) => enrolPage(enrolmentUri(deps, session.staff), message));
  });

  const passwordPage = (error?: string): string => page('Change your password', `<form method="post" action="/staff/password">
${field('current', 'Current (one-time) password', 'type="password" autocomplete="current-password" required')}
${field('next', 'New password (at least 12 characters)', 'type="password" autocomplete="new-password" minlength="12" required')}
<button type="submit">Change password</button></form>`, { signedIn: true, ...(error ? { error } : {}) });
  app.get('/staff/password', { preHandler: full }, async (_request, reply) => sendPage(reply, passwordPage()));
  app.post<{ Body: Form }>('/staff/password', { preHandler: full }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) throw new Error('session missing');
    return formAction(reply, async () => {
      await changeStaffPassword(deps, session, request.body.current ?? '', request.body.next ?? '', originOf(request));
      return '/staff';
    }, async (message) => passwordPage(message));
  });

  app.post('/staff/logout', { preHandler: full }, async (request, reply) => {
    const session = request.staffSession;
    if (session) await logOutStaff(deps, session, originOf(request));
    clearStaffCookie(request, reply);
    return reply.redirect('/staff/login', 303);
  });
}
