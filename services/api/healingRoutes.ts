import type { HealingDesk } from '../../core/operate/healingDesk.ts';
import { OperateError } from '../../core/operate/operateErrors.ts';
import { ApiError } from './apiErrors.ts';
import { type ApiReply, type Route, route } from './apiRoute.ts';
import {
  DecisionBodySchema,
  DeliveryActionBodySchema,
  HealingPageSchema,
  HealingViewSchema,
  KillSwitchBodySchema,
  KillSwitchSchema,
  ListQuerySchema,
  PrincipalSchema,
} from './apiSchemas.ts';

/** HTTP statuses of the desk's transport-neutral error codes (core/operate/operateErrors.ts). */
const STATUS_OF_CODE: Record<OperateError['code'], number> = {
  'not-found': 404,
  'invalid-argument': 400,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

/** The REST operations over the healing desk. Actor of a decision = the API key's name, never a body field. */
export function healingRoutes(desk: HealingDesk): Route[] {
  return [
    route({
      method: 'GET',
      path: '/v1/whoami',
      operationId: 'whoAmI',
      summary: "The calling key's name (the actor its decisions are recorded with) and roles.",
      role: 'viewer',
      response: PrincipalSchema,
      errors: [],
      handle: async ({ principal }) => ({ json: { name: principal.name, roles: [...principal.roles] } }),
    }),
    route({
      method: 'GET',
      path: '/v1/healings',
      operationId: 'listHealings',
      summary: 'Healings, newest first, filtered by state, service or category; paged.',
      role: 'viewer',
      query: ListQuerySchema,
      response: HealingPageSchema,
      responseName: 'HealingPage',
      errors: [400],
      handle: ({ query }) =>
        deskCall(async () => {
          const page = await desk.list(
            {
              ...(query.state ? { state: query.state } : {}),
              ...(query.service ? { service: query.service } : {}),
              ...(query.category ? { category: query.category } : {}),
            },
            { size: query.pageSize, token: query.pageToken ?? null },
          );
          return { json: { healings: page.healings, nextPageToken: page.nextToken } };
        }),
    }),
    route({
      method: 'GET',
      path: '/v1/healings/{id}',
      operationId: 'getHealing',
      summary: 'One healing: its error, analysis, candidates and their validation, risk, approvals and events.',
      role: 'viewer',
      response: HealingViewSchema,
      responseName: 'HealingView',
      errors: [404],
      handle: ({ params }) => deskCall(async () => ({ json: await desk.get(id(params)) })),
    }),
    route({
      method: 'GET',
      path: '/v1/healings/{id}/diff',
      operationId: 'getHealingDiff',
      summary: 'The validated patch as a unified diff (404 while the healing has no winner).',
      role: 'viewer',
      response: { mediaType: 'text/x-diff' },
      errors: [404],
      handle: ({ params }) =>
        deskCall(async () => {
          const view = await desk.get(id(params));
          if (view.diff === null) throw new ApiError(404, 'no-patch', `healing ${view.id} has no validated patch`);
          return { text: view.diff, contentType: 'text/x-diff; charset=utf-8' };
        }),
    }),
    route({
      method: 'POST',
      path: '/v1/healings/{id}/decision',
      operationId: 'decideHealing',
      summary: 'Approve or reject the patch awaiting approval; recorded as an audit event with actor, time and reason.',
      role: 'reviewer',
      body: DecisionBodySchema,
      response: HealingViewSchema,
      responseName: 'HealingView',
      errors: [400, 404, 409],
      handle: ({ params, body, principal }) =>
        deskCall(async () => ({
          json: await desk.decide(id(params), {
            decision: body.decision,
            reason: body.reason,
            actor: principal.name,
            roles: [...principal.roles],
            candidateId: body.candidateId ?? null,
          }),
        })),
    }),
    route({
      method: 'POST',
      path: '/v1/healings/{id}/delivery',
      operationId: 'steerDelivery',
      summary:
        'Resume a paused delivery (its next canary step runs in the background) or roll a paused or delivered one ' +
        'back to the version that served before; recorded with actor and reason. 503 where no delivery sweep runs.',
      role: 'reviewer',
      body: DeliveryActionBodySchema,
      response: HealingViewSchema,
      responseName: 'HealingView',
      errors: [400, 404, 409, 503],
      handle: ({ params, body, principal }) =>
        deskCall(async () => ({
          json: await desk.steerDelivery(id(params), {
            action: body.action,
            reason: body.reason,
            actor: principal.name,
          }),
        })),
    }),
    route({
      method: 'GET',
      path: '/v1/control/kill-switch',
      operationId: 'getKillSwitch',
      summary: 'Whether all automatic delivery is stopped (never set = off).',
      role: 'viewer',
      response: KillSwitchSchema,
      responseName: 'KillSwitch',
      errors: [],
      handle: () =>
        deskCall(async () => ({
          json: (await desk.killSwitch()) ?? { on: false, by: '', at: '', reason: 'never set' },
        })),
    }),
    route({
      method: 'PUT',
      path: '/v1/control/kill-switch',
      operationId: 'setKillSwitch',
      summary: 'Stop (on) or allow (off) all automatic delivery at once; deliveries in flight stop at their next step.',
      role: 'operator',
      body: KillSwitchBodySchema,
      response: KillSwitchSchema,
      responseName: 'KillSwitch',
      errors: [400],
      handle: ({ body, principal }) =>
        deskCall(async () => ({ json: await desk.setKillSwitch(body.on, principal.name, body.reason) })),
    }),
  ];
}

function id(params: Record<string, string>): string {
  const value = params['id'] ?? '';
  if (!/^[\w.-]{1,128}$/.test(value)) throw new ApiError(400, 'bad-request', 'invalid healing id');
  return value;
}

/** Runs a desk call and turns its typed errors into API errors; anything else is a 500. */
async function deskCall(call: () => Promise<ApiReply>): Promise<ApiReply> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof OperateError) {
      const code = 'reason' in error && typeof error.reason === 'string' ? error.reason : error.code;
      throw new ApiError(STATUS_OF_CODE[error.code], code, error.message);
    }
    throw error;
  }
}
