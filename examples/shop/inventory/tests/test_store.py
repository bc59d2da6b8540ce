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
    def test_setup_sets_the_stock_its_params_ask_for(self) -> None:
        store = Store()
        apply_state(
            store,
            {"state": "item in stock", "params": {"sku": "XYZ", "stock": 3}, "action": "setup"},
        )
        self.assertEqual(store.item("XYZ").stock, 3)
        self.assertEqual(store.item("ABC").stock, 5)

    def test_out_of_stock_empties_the_item_its_params_name(self) -> None:
        store = Store()
        apply_state(
            store, {"state": "item out of stock", "params": {"sku": "ABC"}, "action": "setup"}
        )
        self.assertEqual(store.item("ABC").stock, 0)
        self.assertEqual(store.item("XYZ").stock, 12)

    def test_setup_starts_from_the_seed_whatever_ran_before(self) -> None:
        store = Store()
        store.reserve("ABC", 4)
        apply_state(
            store,
            {"state": "item in stock", "params": {"sku": "ABC", "stock": 5}, "action": "setup"},
        )
        self.assertEqual(store.item("ABC").stock, 5)
        self.assertEqual(store.reservations, [])

    def test_teardown_goes_back_to_the_seed(self) -> None:
        store = Store()
        change = {"state": "item out of stock", "params": {"sku": "ABC"}}
        apply_state(store, {**change, "action": "setup"})
        apply_state(store, {**change, "action": "teardown"})
        self.assertEqual(store.item("ABC").stock, 5)

    def test_an_unknown_state_names_the_known_ones(self) -> None:
        with self.assertRaisesRegex(UnknownStateError, "'item out of stock'"):
            apply_state(Store(), {"state": "item ABC is discontinued", "action": "setup"})

    def test_missing_or_wrong_params_say_what_is_needed(self) -> None:
        cases = [
            ({}, 'a "sku" string'),
            ({"sku": "ABC"}, 'a "stock" whole number'),
            ({"sku": "ABC", "stock": True}, 'a "stock" whole number'),
            ({"sku": "NOPE", "stock": 1}, "no item has the SKU 'NOPE'"),
        ]
        for params, words in cases:
            with self.subTest(params=params), self.assertRaisesRegex(UnknownStateError, words):
                apply_state(
                    Store(), {"state": "item in stock", "params": params, "action": "setup"}
                )

    def test_params_that_are_not_an_object_are_refused(self) -> None:
        with self.assertRaisesRegex(UnknownStateError, "params must be an object"):
            apply_state(Store(), {"state": "item out of stock", "params": ["ABC"]})


if __name__ == "__main__":
    unittest.main()
