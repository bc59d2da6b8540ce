"""The server's plumbing, over real HTTP on a free port. Its answers' shapes are the
contracts' business: `make test` checks those with abe verify."""

import json
import threading
import unittest
import urllib.error
import urllib.request
from typing import Any

from shop_inventory.server import make_server
from shop_inventory.store import Store


def post(url: str, body: Any) -> tuple[int, Any]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)


class RunningServer(unittest.TestCase):
    states_enabled = False

    def setUp(self) -> None:
        self.store = Store()
        self.server = make_server(self.store, states_enabled=self.states_enabled)
        # A short poll interval: shutdown() waits for the loop's next poll.
        thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        thread.start()
        self.addCleanup(thread.join)
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)


class StatesOutsideTestMode(RunningServer):
    def test_the_state_endpoint_does_not_exist(self) -> None:
        status, _ = post(
            f"{self.server.base_url}/__states",
            {"state": "item out of stock", "params": {"sku": "ABC"}, "action": "setup"},
        )
        self.assertEqual(status, 404)
        self.assertEqual(self.store.item("ABC").stock, 5)


class StatesInTestMode(RunningServer):
    states_enabled = True

    def test_setup_and_teardown_change_the_store(self) -> None:
        url = f"{self.server.base_url}/__states"
        status, _ = post(
            url, {"state": "item out of stock", "params": {"sku": "ABC"}, "action": "setup"}
        )
        self.assertEqual(status, 200)
        self.assertEqual(self.store.item("ABC").stock, 0)
        status, _ = post(
            url, {"state": "item out of stock", "params": {"sku": "ABC"}, "action": "teardown"}
        )
        self.assertEqual(status, 200)
        self.assertEqual(self.store.item("ABC").stock, 5)

    def test_an_unknown_state_is_a_400_that_says_which_exist(self) -> None:
        status, body = post(
            f"{self.server.base_url}/__states",
            {"state": "item ABC is discontinued", "params": {}, "action": "setup"},
        )
        self.assertEqual(status, 400)
        self.assertIn("'item in stock'", body["detail"])


class Reservations(RunningServer):
    def test_a_reservation_over_http_takes_items_out_of_the_store(self) -> None:
        status, _ = post(f"{self.server.base_url}/reservations", {"sku": "XYZ", "quantity": 3})
        self.assertEqual(status, 201)
        self.assertEqual(self.store.item("XYZ").stock, 9)

    def test_a_quantity_of_true_is_not_a_quantity(self) -> None:
        status, _ = post(f"{self.server.base_url}/reservations", {"sku": "XYZ", "quantity": True})
        self.assertEqual(status, 400)
        self.assertEqual(self.store.item("XYZ").stock, 12)


if __name__ == "__main__":
    unittest.main()
