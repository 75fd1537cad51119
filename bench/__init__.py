"""Benchmarks: each module prints its numbers; `python -m bench.<name>`."""
