// A browser module: it uses only fetch and strings, no node APIs.

export interface UserCardOptions {
  readonly baseUrl: string;
  readonly token: string;
}

interface User {
  id: number;
  username: string;
}

interface OrderList {
  count: number;
  results: { id: number; total: number }[];
}

/** Renders a user's card with their open orders, as HTML. */
export async function renderUserCard(options: UserCardOptions, userId: number): Promise<string> {
  const headers = { Authorization: `Bearer ${options.token}` };
  const [userResponse, ordersResponse] = await Promise.all([
    fetch(new URL(`/users/${userId}`, options.baseUrl), { headers }),
    fetch(new URL(`/users/${userId}/orders?status=open`, options.baseUrl), { headers }),
  ]);
  if (userResponse.status === 404)
    return '<section class="user-card missing">No such user</section>';
  if (!userResponse.ok || !ordersResponse.ok)
    throw new Error(`shop api failed: ${userResponse.status}/${ordersResponse.status}`);
  const user = (await userResponse.json()) as User;
  const orders = (await ordersResponse.json()) as OrderList;
  const items = orders.results.map((order) => `<li>#${order.id}: ${order.total} €</li>`).join('');
  return `<section class="user-card"><h2>${escapeHtml(user.username)}</h2><p>${orders.count} open order(s)</p><ul>${items}</ul></section>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
