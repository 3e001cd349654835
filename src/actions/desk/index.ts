// The editors' desk actions, one module per resource. Every one of them runs behind the desk
// middleware (src/server/auth/middleware.ts): a session and a matching CSRF token, or 403.
import { outbox } from './outbox';
import { questions } from './questions';
import { replies } from './replies';
import { session } from './session';

export const desk = { replies, questions, session, outbox };
