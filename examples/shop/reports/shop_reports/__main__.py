"""Prints user reports: `python3 -m shop_reports 1 2 …`, the api at SHOP_API_URL with the token
in SHOP_API_TOKEN. Exit 1 if a user could not be reported."""

from __future__ import annotations

import os
import sys

from shop_reports.user_report import (
    ShopApi,
    ShopApiError,
    UnknownUserError,
    fetch_user_report,
    format_report,
)


def main(argv: list[str]) -> int:
    api = ShopApi(
        base_url=os.environ.get("SHOP_API_URL", "http://127.0.0.1:3000").rstrip("/"),
        token=os.environ.get("SHOP_API_TOKEN", ""),
    )
    failed = False
    for user_id in argv:
        try:
            print(format_report(fetch_user_report(api, int(user_id))))
        except (UnknownUserError, ShopApiError, ValueError) as error:
            print(f"user {user_id}: {error}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
