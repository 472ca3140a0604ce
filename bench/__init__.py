"""Padu's benchmarks: `python -m bench.run` (see bench/README.md and docs/performance.md)."""
