"""The shop's reports: a Python consumer of the api, tested against its ABE contracts."""

from shop_reports.user_report import (
    ShopApi,
    ShopApiError,
    UnknownUserError,
    UserReport,
    build_report,
    fetch_user_report,
    format_report,
)

__all__ = [
    "ShopApi",
    "ShopApiError",
    "UnknownUserError",
    "UserReport",
    "build_report",
    "fetch_user_report",
    "format_report",
]
