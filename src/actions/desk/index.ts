// The editors' desk actions, one module per resource. Every one of them runs behind the desk
// middleware (src/server/auth/middleware.ts): a session and a matching CSRF token, or 403.
import { replies } from './replies';

export const desk = { replies };
