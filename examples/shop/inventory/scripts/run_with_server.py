"""Starts the inventory in test mode on a free port, runs a command against it, stops it.

    python3 scripts/run_with_server.py -- npx abe verify {url} --component inventory \
        --state-setup-url {url}/__states

Every `{url}` in the command's arguments becomes the server's base URL
(`http://127.0.0.1:<port>`, no trailing slash). The command is run from an argument list, never
through a shell, so this works the same on Linux, macOS and Windows. The server is stopped
whatever happens (the command fails, Ctrl-C, SIGTERM from `abe check`), and this script exits
with the command's exit code; 2 if the server or the command could not start.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

COMPONENT = Path(__file__).resolve().parent.parent
START_TIMEOUT_SECONDS = 15
READY_PREFIX = "inventory listening on "


def main(argv: list[str]) -> int:
    command = argv[1:] if argv[:1] == ["--"] else argv
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    executable = shutil.which(command[0])
    if executable is None:
        print(f"run_with_server: {command[0]!r} is not on PATH.", file=sys.stderr)
        return 2
    # SIGTERM (abe check stopping a run) becomes SystemExit, so `finally` stops the server.
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))
    server = subprocess.Popen(
        [sys.executable, "-m", "shop_inventory", "--port", "0", "--test-states"],
        cwd=COMPONENT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        base_url = wait_until_listening(server)
        if base_url is None:
            return 2
        print(f"run_with_server: the inventory runs at {base_url}", flush=True)
        arguments = [argument.replace("{url}", base_url) for argument in command[1:]]
        return subprocess.run([executable, *arguments], check=False).returncode
    finally:
        stop(server)


def wait_until_listening(server: subprocess.Popen[str]) -> str | None:
    """The base URL the server prints once it accepts connections, or None if it never does."""
    line: list[str] = []
    # readline blocks; a thread lets the wait time out on every platform (select() cannot wait
    # on a pipe on Windows).
    reader = threading.Thread(target=lambda: line.append(server.stdout.readline()), daemon=True)
    reader.start()
    reader.join(START_TIMEOUT_SECONDS)
    first = line[0].strip() if line else ""
    if not first.startswith(READY_PREFIX):
        print(
            f"run_with_server: the inventory did not start within {START_TIMEOUT_SECONDS}s "
            f"(first line of output: {first!r}, exit code: {server.poll()}).",
            file=sys.stderr,
        )
        return None
    return first[len(READY_PREFIX) :]


def stop(server: subprocess.Popen[str]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if server.stdout is not None:
        server.stdout.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
