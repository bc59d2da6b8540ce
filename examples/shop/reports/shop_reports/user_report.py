"""A user's account report, built from the shop api: who they are and what they ordered.

Standard library only (urllib): the reports job runs wherever Python 3 does.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


class UnknownUserError(LookupError):
    """The api has no user with this id."""


class ShopApiError(RuntimeError):
    """The api answered something other than a user (a wrong token, a server error)."""


@dataclass(frozen=True)
class ShopApi:
    """Where the shop api lives (``http://api.shop.internal``, no trailing slash) and its token."""

    base_url: str
    token: str


@dataclass(frozen=True)
class UserReport:
    user_id: int
    username: str
    email: str
    order_count: int
    open_orders: int
    open_total: int


def fetch_user_report(api: ShopApi, user_id: int) -> UserReport:
    """Fetches the user and their orders, and sums up the open ones.

    Example: ``fetch_user_report(ShopApi("http://api.shop.internal", "shop-token"), 1)`` is
    ``UserReport(user_id=1, username="alice", email="alice@example.com", order_count=2,
    open_orders=1, open_total=25)`` with the api's example data.
    """
    status, user = _get_json(api, f"/users/{user_id}")
    if status == 404:
        raise UnknownUserError(f"user {user_id} does not exist")
    if status != 200:
        raise ShopApiError(f"shop api answered {status} for user {user_id}")
    status, orders = _get_json(api, f"/users/{user_id}/orders")
    if status != 200:
        raise ShopApiError(f"shop api answered {status} for the orders of user {user_id}")
    return build_report(user, orders)


def build_report(user: dict[str, Any], orders: dict[str, Any]) -> UserReport:
    """The report from the api's two answers; a missing field is a KeyError, on purpose:
    a report must not silently print an empty name when the api changes its fields."""
    open_orders = [order for order in orders["results"] if order["status"] == "open"]
    return UserReport(
        user_id=user["id"],
        username=user["username"],
        email=user["email"],
        order_count=orders["count"],
        open_orders=len(open_orders),
        open_total=sum(order["total"] for order in open_orders),
    )


def format_report(report: UserReport) -> str:
    """The report as the text the nightly job mails to the shop's staff."""
    return (
        f"{report.username} <{report.email}> (user {report.user_id}): "
        f"{report.order_count} order(s), {report.open_orders} open for {report.open_total} €"
    )


def _get_json(api: ShopApi, path: str) -> tuple[int, Any]:
    request = urllib.request.Request(
        api.base_url + path,
        headers={"Authorization": f"Bearer {api.token}", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        # urllib raises on 4xx/5xx; the status is an answer here, not a failure. The body is
        # read and closed so the connection is not left half-read.
        body = error.read()
        error.close()
        return error.code, _json_or_text(body)


def _json_or_text(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace")
