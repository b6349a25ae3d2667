// Console sign-in: phone + password + authenticator code; first-time enrolment shows the QR code.
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { field, submitButton } from '../kit/forms.ts';
import { html } from '../kit/html.ts';
import { formAction, page, sendPage, staffCss, staffText, type StaffText } from './staff-layout.ts';
import { actorOf, clearStaffCookie, originOf, requireStaff, setStaffCookie } from './staff-session.ts';

type Form = Record<string, string | undefined>;

function loginPage(text: StaffText, error?: string): string {
  const { t } = text;
  return page(text, t('login.title'), html`<form method="post" action="/staff/login">
${field({ id: 'phone', label: t('login.phone'), type: 'tel', autocomplete: 'username' })}
${field({ id: 'password', label: t('login.password'), type: 'password', autocomplete: 'current-password' })}
${field({ id: 'code', label: t('login.code'), inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', required: false })}
${submitButton(t('login.submit'))}</form>`, error ? { error } : {});
}

export async function staffAuthRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  app.get('/staff/assets/staff.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(staffCss));
  app.get('/staff/login', async (request, reply) => sendPage(reply, loginPage(staffText(request))));

  app.post<{ Body: Form }>('/staff/login', async (request, reply) => {
    const body = request.body;
    return formAction(reply, async () => {
      const login = await deps.useCases.logInStaff({ phone: body.phone ?? '', password: body.password ?? '', ...(body.code ? { totpCode: body.code } : {}) }, originOf(request));
      setStaffCookie(request, reply, login.token);
      return login.stage === 'full' ? '/staff' : '/staff/enrol';
    }, async (message) => loginPage(staffText(request), message));
  });

  const pending = requireStaff(deps, 'pending');
  const full = requireStaff(deps, 'full');

  const enrolPage = async (text: StaffText, uri: string, error?: string): Promise<string> => {
    const { t } = text;
    const qr = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
    return page(text, t('enrol.title'), html`<p>${t('enrol.intro')}</p>
<p><img src="${qr}" alt="${t('enrol.qrAlt')}" width="220" height="220"></p>
<form method="post" action="/staff/enrol">${field({ id: 'code', label: t('enrol.code'), inputmode: 'numeric', pattern: '[0-9]{6}', autocomplete: 'one-time-code' })}${submitButton(t('enrol.submit'))}</form>`, error ? { error } : {});
  };

  app.get('/staff/enrol', { preHandler: pending }, async (request, reply) => sendPage(reply, await enrolPage(staffText(request), deps.useCases.enrolmentUri(actorOf(request).staff))));
  app.post<{ Body: Form }>('/staff/enrol', { preHandler: pending }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) throw new Error('pending session missing');
    return formAction(reply, async () => {
      const login = await deps.useCases.confirmEnrolment(session, request.body.code ?? '', originOf(request));
      setStaffCookie(request, reply, login.token);
      return session.staff.mustChangePassword ? '/staff/password' : '/staff';
    }, async (message) => enrolPage(staffText(request), deps.useCases.enrolmentUri(session.staff), message));
  });

  const passwordPage = (text: StaffText, error?: string): string => page(text, text.t('password.title'), html`<form method="post" action="/staff/password">
${field({ id: 'current', label: text.t('password.current'), type: 'password', autocomplete: 'current-password' })}
${field({ id: 'next', label: text.t('password.next'), type: 'password', autocomplete: 'new-password', minlength: 12 })}
${submitButton(text.t('password.submit'))}</form>`, { signedIn: true, ...(error ? { error } : {}) });
  app.get('/staff/password', { preHandler: full }, async (request, reply) => sendPage(reply, passwordPage(staffText(request))));
  app.post<{ Body: Form }>('/staff/password', { preHandler: full }, async (request, reply) => {
    const session = request.staffSession;
    if (!session) throw new Error('session missing');
    return formAction(reply, async () => {
      await deps.useCases.changeStaffPassword(session, request.body.current ?? '', request.body.next ?? '', originOf(request));
      return '/staff';
    }, async (message) => passwordPage(staffText(request), message));
  });

  app.post('/staff/logout', { preHandler: full }, async (request, reply) => {
    const session = request.staffSession;
    if (session) await deps.useCases.logOutStaff(session, originOf(request));
    clearStaffCookie(request, reply);
    return reply.redirect('/staff/login', 303);
  });
}
