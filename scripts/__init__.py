"""Command-line entry points (installed on PATH by setup.py): argument parsing and output only."""
