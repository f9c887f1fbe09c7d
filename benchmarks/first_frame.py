"""Run an app until its first frame is written, then exit at once (for `bench_instructions.py`).

    python benchmarks/first_frame.py MARKER SCRIPT [ARGS...]
    python benchmarks/first_frame.py MARKER -m MODULE [ARGS...]

Textual's Linux driver is wrapped so that the first write holding MARKER (the header title,
drawn in the first paint) ends the process with `os._exit(0)` instead of being written.
"""

from __future__ import annotations

import os
import runpy
import sys

from textual.drivers import linux_driver


def main() -> None:
    marker, target, *rest = sys.argv[1:]
    write = linux_driver.LinuxDriver.write

    def first_frame_then_exit(self: linux_driver.LinuxDriver, data: str) -> None:
        if marker in data:
            os._exit(0)
        write(self, data)

    linux_driver.LinuxDriver.write = first_frame_then_exit  # type: ignore[method-assign]
    # sys.path[0] as `python -m` / `python SCRIPT` would have it: the current folder's package
    # (a checkout of another commit) wins over the installed one
    if target == "-m":
        sys.path[0] = os.getcwd()
        sys.argv = rest
        runpy.run_module(rest[0], run_name="__main__", alter_sys=True)
    else:
        sys.path[0] = os.path.dirname(os.path.abspath(target))
        sys.argv = [target, *rest]
        runpy.run_path(target, run_name="__main__")


if __name__ == "__main__":
    main()
