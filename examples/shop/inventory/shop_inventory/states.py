"""Provider states: the named situations the inventory's contract examples assume.

`abe verify --state-setup-url …/__states` POSTs `{"state": name, "params": {}, "action":
"setup"}` before an example that names a `state`, and `"action": "teardown"` after it. Setup
starts from the seed, so no example depends on what the ones before it did; teardown goes back
to the seed, so a reservation an example took is not left behind for the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from shop_inventory.store import Store

STATES: Mapping[str, Callable[[Store], None]] = {
    "item ABC is in stock": lambda store: None,
    "item ABC is out of stock": lambda store: store.set_stock("ABC", 0),
}


class UnknownStateError(ValueError):
    """The state or the action is not one the inventory knows."""


def apply_state(store: Store, request: Mapping[str, Any]) -> None:
    """Sets up or tears down the state a state-setup request names."""
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
    store.seed()
    setup(store)
