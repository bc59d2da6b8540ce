import unittest

from shop_inventory.states import UnknownStateError, apply_state
from shop_inventory.store import OutOfStockError, Store, UnknownItemError


class Reserve(unittest.TestCase):
    def test_a_reservation_takes_its_quantity_out_of_stock(self) -> None:
        store = Store()
        reservation = store.reserve("ABC", 2)
        self.assertEqual((reservation.id, reservation.sku, reservation.quantity), (1, "ABC", 2))
        self.assertEqual(store.item("ABC").stock, 3)

    def test_asking_for_more_than_is_left_reserves_nothing(self) -> None:
        store = Store()
        with self.assertRaisesRegex(OutOfStockError, "Only 5 of ABC left."):
            store.reserve("ABC", 6)
        self.assertEqual(store.item("ABC").stock, 5)
        self.assertEqual(store.reservations, [])

    def test_an_unknown_sku_is_refused(self) -> None:
        with self.assertRaises(UnknownItemError):
            Store().reserve("NOPE", 1)


class ProviderStates(unittest.TestCase):
    def test_setup_puts_the_store_into_the_named_state(self) -> None:
        store = Store()
        apply_state(store, {"state": "item ABC is out of stock", "params": {}, "action": "setup"})
        self.assertEqual(store.item("ABC").stock, 0)

    def test_setup_starts_from_the_seed_whatever_ran_before(self) -> None:
        store = Store()
        store.reserve("ABC", 4)
        apply_state(store, {"state": "item ABC is in stock", "params": {}, "action": "setup"})
        self.assertEqual(store.item("ABC").stock, 5)
        self.assertEqual(store.reservations, [])

    def test_teardown_goes_back_to_the_seed(self) -> None:
        store = Store()
        apply_state(store, {"state": "item ABC is out of stock", "action": "setup"})
        apply_state(store, {"state": "item ABC is out of stock", "action": "teardown"})
        self.assertEqual(store.item("ABC").stock, 5)

    def test_an_unknown_state_names_the_known_ones(self) -> None:
        with self.assertRaisesRegex(UnknownStateError, "'item ABC is out of stock'"):
            apply_state(Store(), {"state": "item ABC is discontinued", "action": "setup"})


if __name__ == "__main__":
    unittest.main()
