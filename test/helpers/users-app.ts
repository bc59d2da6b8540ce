import express, { type Express } from 'express';

export interface User {
  readonly id: number;
  readonly name: string;
}

/**
 * A users API whose rows exist only while a test or a state handler puts them in `users`:
 * `GET /users/:id` answers the row, or 404. With `log`, each request is logged as
 * `GET /users/1 auth=<Authorization or ->`.
 */
export function usersApp(log?: string[]): { app: Express; users: Map<number, User> } {
  const users = new Map<number, User>();
  const app = express();
  app.get('/users/:id', (req, res) => {
    log?.push(`GET ${req.originalUrl} auth=${req.headers.authorization ?? '-'}`);
    const user = users.get(Number(req.params.id));
    if (user === undefined) res.status(404).json({ detail: 'Not found.' });
    else res.json(user);
  });
  return { app, users };
}
