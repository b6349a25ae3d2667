// The store locator, a store's slots, and customers' visits (book, list, cancel, move).
import type { FastifyInstance } from 'fastify';
import { parseInstant, parseIsoDate } from '../../../domain/calendar.ts';
import { parseCoordinates } from '../../../domain/store-schedule.ts';
import { appointmentPurposes, customerLanguages, type AppointmentPurpose } from '../../../domain/vocabularies.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { isoDateSchema } from '../schemas.ts';
import { requestLocale } from './plans.ts';

const storeIdParam = { type: 'object', required: ['storeId'], properties: { storeId: { type: 'string', minLength: 1, maxLength: 40 } } } as const;
const appointmentIdParam = { type: 'object', required: ['appointmentId'], properties: { appointmentId: { type: 'string', minLength: 1, maxLength: 64 } } } as const;
const slotStart = { type: 'string', minLength: 10, maxLength: 40, description: 'ISO-8601 with offset, a slot start from /slots' } as const;

const bookBody = {
  type: 'object', required: ['storeId', 'slotStart', 'purpose'], additionalProperties: false,
  properties: { storeId: { type: 'string', minLength: 1, maxLength: 40 }, slotStart, purpose: { type: 'string', enum: appointmentPurposes } },
} as const;
const rescheduleBody = {
  type: 'object', required: ['slotStart'], additionalProperties: false,
  properties: { slotStart, storeId: { type: 'string', minLength: 1, maxLength: 40 } },
} as const;

export async function storeRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.get<{ Querystring: { near?: string; lang?: string } }>('/api/v1/stores', {
    schema: {
      tags: ['stores'], summary: 'Stores, nearest first when near=LAT,LNG is given',
      querystring: { type: 'object', additionalProperties: false, properties: { near: { type: 'string', maxLength: 60 }, lang: { type: 'string', enum: customerLanguages } } },
    },
  }, async (request) => {
    const near = request.query.near === undefined ? null : parseCoordinates(request.query.near);
    return { items: await deps.useCases.findStoresNear(near, requestLocale(request)), callCentre: deps.callCentrePhone ? { phone: deps.callCentrePhone } : null };
  });

  app.get<{ Params: { storeId: string }; Querystring: { date: string } }>('/api/v1/stores/:storeId/slots', {
    schema: {
      tags: ['stores'], summary: "A day's slots in Asia/Baku with free places", params: storeIdParam,
      querystring: { type: 'object', required: ['date'], additionalProperties: false, properties: { date: isoDateSchema } },
    },
  }, async (request) => ({ items: await deps.useCases.listSlots(request.params.storeId, parseIsoDate(request.query.date)) }));

  const customer = requireCustomer(deps);

  app.post<{ Body: { storeId: string; slotStart: string; purpose: AppointmentPurpose } }>('/api/v1/appointments', {
    preHandler: customer, schema: { tags: ['stores'], summary: 'Book a visit; a full slot answers 409 SLOT_FULL', body: bookBody },
  }, async (request, reply) => {
    const me = customerOf(request);
    const booked = await deps.useCases.bookAppointment(me, { storeId: request.body.storeId, slotStart: parseInstant(request.body.slotStart), purpose: request.body.purpose });
    return reply.code(201).send(booked);
  });

  app.get('/api/v1/appointments', {
    preHandler: customer, schema: { tags: ['stores'], summary: "The customer's upcoming visits" },
  }, async (request) => ({ items: await deps.useCases.listMyAppointments(customerOf(request).id) }));

  app.post<{ Params: { appointmentId: string } }>('/api/v1/appointments/:appointmentId/cancel', {
    preHandler: customer, schema: { tags: ['stores'], summary: 'Cancel a visit (frees the place)', params: appointmentIdParam },
  }, async (request) => deps.useCases.cancelAppointment(customerOf(request), request.params.appointmentId));

  app.post<{ Params: { appointmentId: string }; Body: { slotStart: string; storeId?: string } }>('/api/v1/appointments/:appointmentId/reschedule', {
    preHandler: customer, schema: { tags: ['stores'], summary: 'Move a visit to another slot (the old place is released only if the new one is taken)', params: appointmentIdParam, body: rescheduleBody },
  }, async (request) => deps.useCases.rescheduleAppointment(customerOf(request), request.params.appointmentId, parseInstant(request.body.slotStart), request.body.storeId));
}
