"""The reports job against the api's contracts, served by `abe mock` (see the Makefile).

`make test` runs `abe mock --component api -- python3 -m unittest …`: abe serves the api's ABE
examples and puts their address in ABE_MOCK_URL. Every request below is one an example of the
api allows; a request no example allows gets a 422 from the mock and fails `make test` even if
the code under test swallowed the error. When the api changes its examples (renames a field),
abe check reruns this suite against the new ones.
"""

import contextlib
import io
import os
import unittest
from unittest import mock

from shop_reports import (
    ShopApi,
    ShopApiError,
    UnknownUserError,
    UserReport,
    fetch_user_report,
    format_report,
)
from shop_reports.__main__ import main


def mocked_api(token: str = "shop-token") -> ShopApi:
    base_url = os.environ.get("ABE_MOCK_URL")
    if not base_url:
        raise RuntimeError(
            "ABE_MOCK_URL is not set: these tests talk to the api's contracts served by abe mock. "
            "Run them with `make test` (abe mock --component api -- python3 -m unittest …)."
        )
    return ShopApi(base_url=base_url, token=token)


class UserReportAgainstTheApiContracts(unittest.TestCase):
    def test_a_report_sums_up_the_user_and_their_open_orders(self) -> None:
        # users/get.json "OK" and orders/list.json "OK": alice, one open order of 25.
        report = fetch_user_report(mocked_api(), 1)
        self.assertEqual(
            report,
            UserReport(
                user_id=1,
                username="alice",
                email="alice@example.com",
                order_count=2,
                open_orders=1,
                open_total=25,
            ),
        )

    def test_an_unknown_user_is_reported_as_such(self) -> None:
        # users/get.json "not found" is about user 99: the consumer asks for it as it would
        # for any id, so no Abe-Example header is needed to reach that example.
        with self.assertRaisesRegex(UnknownUserError, "user 99 does not exist"):
            fetch_user_report(mocked_api(), 99)

    def test_a_wrong_token_is_an_api_error(self) -> None:
        # Only the "unauthenticated" example allows a request without the right token.
        with self.assertRaisesRegex(ShopApiError, "answered 401 for user 1"):
            fetch_user_report(mocked_api(token="expired"), 1)


class TheCommand(unittest.TestCase):
    def test_it_prints_each_report_and_fails_for_an_unknown_user(self) -> None:
        api = mocked_api()
        environment = {"SHOP_API_URL": api.base_url, "SHOP_API_TOKEN": api.token}
        out, err = io.StringIO(), io.StringIO()
        with (
            mock.patch.dict(os.environ, environment),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            code = main(["1", "99"])
        self.assertEqual(code, 1)
        self.assertEqual(
            out.getvalue(), "alice <alice@example.com> (user 1): 2 order(s), 1 open for 25 €\n"
        )
        self.assertEqual(err.getvalue(), "user 99: user 99 does not exist\n")


class FormatReport(unittest.TestCase):
    def test_the_text_names_the_user_and_their_open_orders(self) -> None:
        report = UserReport(
            user_id=1,
            username="alice",
            email="alice@example.com",
            order_count=2,
            open_orders=1,
            open_total=25,
        )
        self.assertEqual(
            format_report(report),
            "alice <alice@example.com> (user 1): 2 order(s), 1 open for 25 €",
        )


if __name__ == "__main__":
    unittest.main()
