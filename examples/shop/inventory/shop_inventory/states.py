"""Provider states: the situations the inventory's contract examples assume, with parameters.

`abe verify --state-setup-url …/__states` POSTs `{"state": name, "params": {...}, "action":
"setup"}` before an example that names a `state`, and `"action": "teardown"` after it (Pact's
shape). The params say which item and how many: an example writes
`"state": {"name": "item in stock", "params": {"sku": "ABC", "stock": 5}}`. Setup starts from
the seed, so no example depends on what the ones before it did; teardown goes back to the seed,
so a reservation an example took is not left behind for the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from shop_inventory.store import Store, UnknownItemError


class UnknownStateError(ValueError):
    """The state, its params or the action is not one the inventory knows."""


def _sku(params: Mapping[str, Any]) -> str:
    sku = params.get("sku")
    if not isinstance(sku, str) or sku == "":
        raise UnknownStateError(f'params need a "sku" string, got {sku!r}')
    return sku


def _stock(params: Mapping[str, Any]) -> int:
    stock = params.get("stock")
    # bool is an int in Python: true is not a stock level.
    if isinstance(stock, bool) or not isinstance(stock, int) or stock < 0:
        raise UnknownStateError(f'params need a "stock" whole number of at least 0, got {stock!r}')
    return stock


STATES: Mapping[str, Callable[[Store, Mapping[str, Any]], None]] = {
    "item in stock": lambda store, params: store.set_stock(_sku(params), _stock(params)),
    "item out of stock": lambda store, params: store.set_stock(_sku(params), 0),
}


def apply_state(store: Store, request: Mapping[str, Any]) -> None:
    """Sets up or tears down the state a state-setup request names, with its params."""
    name = request.get("state")
    action = request.get("action", "setup")
    if action == "teardown":
        store.seed()
        return
    if action != "setup":
        raise UnknownStateError(f'unknown action {action!r}: use "setup" or "teardown"')
    setup = STATES.get(name) if isinstance(name, str) else None
    if setup is None:
        known = ", ".join(repr(state) for state in STATES)
        raise UnknownStateError(
            f"unknown provider state {name!r}: the inventory knows {known}. "
            "Add it to shop_inventory/states.py or fix the example's state."
        )
    params = request.get("params")
    if params is None:
        params = {}
    if not isinstance(params, Mapping):
        raise UnknownStateError(f"provider state {name!r}: params must be an object, got {params!r}")
    store.seed()
    try:
        setup(store, params)
    except UnknownStateError as error:
        raise UnknownStateError(f"provider state {name!r}: {error}") from None
    except UnknownItemError as error:
        raise UnknownStateError(
            f"provider state {name!r}: no item has the SKU {error.args[0]!r}; "
            "the inventory seeds 'ABC' and 'XYZ'."
        ) from None
