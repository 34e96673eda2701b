"""Benchmarks of the worker's image pipeline against named baselines (`python -m bench`)."""
