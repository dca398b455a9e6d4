"""``python -m groundtui`` and the ``groundtui`` command.

``status`` and ``plan --format json`` are answered from the day cache when nothing they depend
on has changed (``groundtui.fastpath.answer``: no argparse, no TOML, no planner is loaded);
everything else, and every miss, goes to the full command line (``groundtui.cli``).
"""

import sys


def main() -> None:
    from groundtui.fastpath.answer import answer

    code = answer(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from groundtui.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
