export interface User {
  id: number;
  username: string;
  email: string;
}

export interface Order {
  id: number;
  userId: number;
  status: 'open' | 'shipped';
  total: number;
}

/** An in-memory store; tests put it into the state an example assumes (provider states). */
export class Store {
  users = new Map<number, User>();
  orders: Order[] = [];
  private nextUserId = 1;

  reset(): void {
    this.users.clear();
    this.orders = [];
    this.nextUserId = 1;
  }

  addUser(fields: Omit<User, 'id'> & { id?: number }): User {
    const user = {
      id: fields.id ?? this.nextUserId,
      username: fields.username,
      email: fields.email,
    };
    this.nextUserId = Math.max(this.nextUserId, user.id + 1);
    this.users.set(user.id, user);
    return user;
  }

  /** The state most examples assume: alice (1) with two orders, bob (2) with none. */
  seed(): void {
    this.reset();
    this.addUser({ username: 'alice', email: 'alice@example.com' });
    this.addUser({ username: 'bob', email: 'bob@example.com' });
    this.orders.push(
      { id: 10, userId: 1, status: 'open', total: 25 },
      { id: 11, userId: 1, status: 'shipped', total: 40 },
    );
  }
}
