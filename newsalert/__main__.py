"""``python -m newsalert ...`` runs the ``newsalert`` command."""

import sys

from newsalert import python_problem


def main():
    problem = python_problem()
    if problem:
        print("newsalert: " + problem, file=sys.stderr)
        return 2
    from bot.cli import main as cli_main
    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
