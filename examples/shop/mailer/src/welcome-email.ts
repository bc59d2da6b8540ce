export interface ShopApi {
  /** Where the shop api lives, e.g. `http://api.shop.internal`. */
  readonly baseUrl: string;
  readonly token: string;
}

export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Thrown when the api has no such user. */
export class UnknownUserError extends Error {
  override readonly name = 'UnknownUserError';
}

/** Builds the welcome email for a user, fetching the user from the shop api. */
export async function welcomeEmail(api: ShopApi, userId: number): Promise<Email> {
  const response = await fetch(new URL(`/users/${userId}`, api.baseUrl), {
    headers: { Authorization: `Bearer ${api.token}` },
  });
  if (response.status === 404) throw new UnknownUserError(`user ${userId} does not exist`);
  if (!response.ok) throw new Error(`shop api answered ${response.status} for user ${userId}`);
  const user = (await response.json()) as { username: string; email: string };
  return {
    to: user.email,
    subject: `Welcome to the shop, ${user.username}!`,
    text: `Hello ${user.username},\n\nyour account is ready.\n`,
  };
}
