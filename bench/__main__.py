"""`python -m bench`: the whole benchmark table (see bench/runner.py)."""

from bench.runner import main

main()
