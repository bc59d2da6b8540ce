"""The inventory over HTTP, on the standard library's ThreadingHTTPServer.

    GET  /items/<sku>      an item with its stock
    POST /reservations     {"sku": "ABC", "quantity": 2}: takes items out of stock
    POST /__states         provider states for `abe verify` (test mode only, see make_server)

Its ABE contracts are in contracts/; `make test` verifies this server against them.
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from shop_inventory.states import UnknownStateError, apply_state
from shop_inventory.store import Item, OutOfStockError, Reservation, Store, UnknownItemError

ITEM_PATH = re.compile(r"/items/([A-Z0-9]+)")


def item_json(item: Item) -> dict[str, Any]:
    """The wire form of an item: what contracts/items/get.json promises."""
    return {"sku": item.sku, "name": item.name, "stock": item.stock}


def reservation_json(reservation: Reservation) -> dict[str, Any]:
    return {"id": reservation.id, "sku": reservation.sku, "quantity": reservation.quantity}


class InventoryServer(ThreadingHTTPServer):
    daemon_threads = True
    verbose = False

    def __init__(self, address: tuple[str, int], store: Store, states_enabled: bool) -> None:
        super().__init__(address, InventoryHandler)
        self.store = store
        self.states_enabled = states_enabled

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def make_server(
    store: Store, host: str = "127.0.0.1", port: int = 0, states_enabled: bool = False
) -> InventoryServer:
    """An inventory server bound to host:port (0: a free port; read it from `base_url`).

    `states_enabled` turns on POST /__states, which lets anyone reset the store: only `make
    test` (the `--test-states` flag or INVENTORY_TEST_STATES=1) ever sets it.
    """
    return InventoryServer((host, port), store, states_enabled)


class InventoryHandler(BaseHTTPRequestHandler):
    server: InventoryServer
    # HTTP/1.1 keeps connections open between a client's requests; every answer below sends
    # its Content-Length, which that needs.
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        match = ITEM_PATH.fullmatch(self._path())
        if match is None:
            self._send(HTTPStatus.NOT_FOUND, {"detail": "Not found."})
            return
        item = self.server.store.item(match.group(1))
        if item is None:
            self._send(HTTPStatus.NOT_FOUND, {"detail": "Not found."})
            return
        self._send(HTTPStatus.OK, item_json(item))

    def do_POST(self) -> None:
        path = self._path()
        if path == "/reservations":
            self._reserve()
        elif path == "/__states" and self.server.states_enabled:
            self._state()
        else:
            self._read_body()
            self._send(HTTPStatus.NOT_FOUND, {"detail": "Not found."})

    def _reserve(self) -> None:
        body = self._read_body()
        if not isinstance(body, dict):
            self._send(HTTPStatus.BAD_REQUEST, {"detail": "Send a JSON object."})
            return
        sku, quantity = body.get("sku"), body.get("quantity")
        errors: dict[str, list[str]] = {}
        if not isinstance(sku, str) or sku == "":
            errors["sku"] = ["This field is required."]
        # bool is an int in Python; `true` is not a quantity.
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            errors["quantity"] = ["Enter a whole number of at least 1."]
        if errors:
            self._send(HTTPStatus.BAD_REQUEST, errors)
            return
        try:
            reservation = self.server.store.reserve(sku, quantity)
        except OutOfStockError as error:
            self._send(HTTPStatus.CONFLICT, {"detail": str(error)})
        except UnknownItemError:
            self._send(HTTPStatus.BAD_REQUEST, {"sku": ["No item has this SKU."]})
        else:
            self._send(HTTPStatus.CREATED, reservation_json(reservation))

    def _state(self) -> None:
        body = self._read_body()
        request = body if isinstance(body, dict) else {}
        try:
            apply_state(self.server.store, request)
        except UnknownStateError as error:
            self._send(HTTPStatus.BAD_REQUEST, {"detail": str(error)})
            return
        self._send(HTTPStatus.OK, {"state": request.get("state"), "action": request.get("action")})

    def _path(self) -> str:
        return self.path.split("?", 1)[0]

    def _read_body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None

    def _send(self, status: HTTPStatus, body: Any) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        # Quiet unless asked: abe verify reports every mismatch itself, and a request log
        # would bury it in the step's output.
        if self.server.verbose:
            super().log_message(format, *args)
