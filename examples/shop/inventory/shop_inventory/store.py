"""The inventory's in-memory store: items with their stock, and the reservations taken."""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass
class Item:
    sku: str
    name: str
    stock: int


@dataclass(frozen=True)
class Reservation:
    id: int
    sku: str
    quantity: int


class UnknownItemError(LookupError):
    """No item has this SKU."""


class OutOfStockError(RuntimeError):
    """Fewer items are left than a reservation asks for."""

    def __init__(self, item: Item) -> None:
        super().__init__(f"Only {item.stock} of {item.sku} left.")
        self.item = item


class Store:
    """Items and reservations. ThreadingHTTPServer answers each request on its own thread, so
    every read-modify-write holds the lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.items: dict[str, Item] = {}
        self.reservations: list[Reservation] = []
        self.seed()

    def seed(self) -> None:
        """The state the examples assume unless they name another: two items in stock."""
        with self._lock:
            self.items = {
                "ABC": Item(sku="ABC", name="Blue mug", stock=5),
                "XYZ": Item(sku="XYZ", name="Tea towel", stock=12),
            }
            self.reservations = []

    def item(self, sku: str) -> Item | None:
        with self._lock:
            return self.items.get(sku)

    def set_stock(self, sku: str, stock: int) -> None:
        with self._lock:
            item = self.items.get(sku)
            if item is None:
                raise UnknownItemError(sku)
            item.stock = stock

    def reserve(self, sku: str, quantity: int) -> Reservation:
        """Takes `quantity` items of `sku` out of stock, or raises and takes none."""
        with self._lock:
            item = self.items.get(sku)
            if item is None:
                raise UnknownItemError(sku)
            if item.stock < quantity:
                raise OutOfStockError(item)
            item.stock -= quantity
            reservation = Reservation(id=len(self.reservations) + 1, sku=sku, quantity=quantity)
            self.reservations.append(reservation)
            return reservation
