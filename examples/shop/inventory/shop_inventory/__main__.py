"""Runs the inventory: `python3 -m shop_inventory [--host H] [--port P] [--test-states]`.

Prints `inventory listening on <base url>` on its first line of output once it accepts
connections, so a starter can bind port 0 and read which port it got.
"""

from __future__ import annotations

import argparse
import os
import sys

from shop_inventory.server import make_server
from shop_inventory.store import Store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m shop_inventory")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument(
        "--test-states",
        action="store_true",
        default=os.environ.get("INVENTORY_TEST_STATES") == "1",
        help="enable POST /__states (provider states for abe verify); never in production",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    options = parser.parse_args(argv)
    server = make_server(Store(), options.host, options.port, states_enabled=options.test_states)
    server.verbose = options.verbose
    print(f"inventory listening on {server.base_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
