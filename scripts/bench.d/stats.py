#!/usr/bin/env python3
"""Tiny helpers for scripts/bench: `stats.py median 1 2 3`, `stats.py div A B`, `stats.py rate N SECONDS`."""
import statistics
import sys

op, args = sys.argv[1], [float(a) for a in sys.argv[2:]]
if op == "median":
    print(f"{statistics.median(args):.3f}")
elif op == "div":
    print((f"{args[0] / args[1]:.2f}" if args[0] / args[1] >= 0.1 else f"{args[0] / args[1]:.4f}") if args[1] else "n/a")
elif op == "rate":
    print(f"{args[0] / args[1]:.0f}" if args[1] else "n/a")
elif op == "per":  # microseconds per item: per SECONDS N
    print(f"{args[0] / args[1] * 1e6:.2f}")
