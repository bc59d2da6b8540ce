// The provider every verifier is run against: a real Express app on 127.0.0.1, started as a
// child process by verify-bench.js. Listens on PORT (0: a free port) and prints
// `listening on http://127.0.0.1:<port>` once it does.
import express from 'express';
import { cart, item, NOT_FOUND } from './shop-data.js';

const app = express();
app.use(express.json());

app.get('/:shop/items/:id', (req, res) => {
  if (req.params.id === '999') {
    res.status(404).json(NOT_FOUND);
    return;
  }
  const shop = Number(req.params.shop.slice('shop'.length));
  res.json(
    item(shop, Number(req.params.id), {
      verbose: req.query.verbose === '1',
      tenant: req.get('x-tenant') ?? 'public',
    }),
  );
});

app.post('/:shop/carts/:cart/items', (req, res) => {
  const { sku, quantity } = req.body ?? {};
  if (typeof sku !== 'string' || !Number.isInteger(quantity) || quantity < 1) {
    res.status(400).json({ detail: 'A line needs a sku and a quantity of at least 1.' });
    return;
  }
  const shop = Number(req.params.shop.slice('shop'.length));
  res.status(201).json(cart(shop, Number(req.params.cart), { sku, quantity }));
});

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
