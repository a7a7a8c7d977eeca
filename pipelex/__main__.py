"""``python -m pipelex`` is the ``pipelex`` command."""

from pipelex.cli.app import main

main()
