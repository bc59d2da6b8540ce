// What the shop of bench/verify answers, shared by the real Express app (shop-app.js) and the
// examples the workload writes (verify-workload.js), so that every example passes.

/** An item of shop `shop`; `verbose` adds its price history, `tenant` is the X-Tenant header. */
export function item(shop, id, { verbose = false, tenant = 'public' } = {}) {
  return {
    id,
    shop,
    sku: `SHOP${shop}-${String(id).padStart(4, '0')}`,
    name: `Item ${id} of shop ${shop}`,
    price: { amount: 1250 + id, currency: 'EUR' },
    tags: ['x', 'y'],
    owner: { id: 7, username: 'alice', url: '/users/7' },
    tenant,
    ...(verbose
      ? {
          history: [
            { date: '2026-01-01', amount: 1200 + id },
            { date: '2026-06-01', amount: 1250 + id },
          ],
        }
      : {}),
  };
}

export const NOT_FOUND = { detail: 'Not found.' };

/** The cart after adding `quantity` of `sku` to the empty cart `cart` of shop `shop`. */
export function cart(shop, cartId, { sku, quantity }) {
  return {
    cartId,
    shop,
    lines: [{ sku, quantity, unitPrice: 1250 }],
    total: { amount: 1250 * quantity, currency: 'EUR' },
  };
}
