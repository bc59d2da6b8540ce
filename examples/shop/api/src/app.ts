import express, { type NextFunction, type Request, type Response } from 'express';
import type { Store } from './store.js';

const TOKEN = 'Bearer shop-token';

/** The shop API: users and their orders. Every route needs the bearer token. */
export function createApp(store: Store): express.Express {
  const app = express();
  app.use(express.json());

  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.get('authorization') !== TOKEN) {
      response.status(401).json({ detail: 'Authentication credentials were not provided.' });
      return;
    }
    next();
  });

  app.get('/users/:id', (request, response) => {
    const user = store.users.get(Number(request.params.id));
    if (user === undefined) {
      response.status(404).json({ detail: 'Not found.' });
      return;
    }
    response.json(user);
  });

  app.post('/users', (request, response) => {
    const { username, email } = (request.body ?? {}) as { username?: unknown; email?: unknown };
    const errors: Record<string, string[]> = {};
    if (typeof username !== 'string' || username === '')
      errors.username = ['This field is required.'];
    if (typeof email !== 'string' || !email.includes('@'))
      errors.email = ['Enter a valid email address.'];
    if (Object.keys(errors).length > 0) {
      response.status(400).json(errors);
      return;
    }
    const user = store.addUser({ username: username as string, email: email as string });
    // The id is the store's next one and the time is now: the contract's rules allow both.
    response.status(201).json({ ...user, createdAt: new Date().toISOString() });
  });

  app.get('/users/:id/orders', (request, response) => {
    const userId = Number(request.params.id);
    if (!store.users.has(userId)) {
      response.status(404).json({ detail: 'Not found.' });
      return;
    }
    const statuses = ([] as unknown[]).concat(request.query.status ?? []).map(String);
    const orders = store.orders.filter(
      (order) =>
        order.userId === userId && (statuses.length === 0 || statuses.includes(order.status)),
    );
    response.json({ count: orders.length, results: orders });
  });

  return app;
}
