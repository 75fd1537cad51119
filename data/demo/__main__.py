"""Command line: python -m data.demo --scale demo|shenzhen [--reset] [--url URL]."""

from __future__ import annotations

import argparse
import sys
import time

from data.demo import StoreNotEmpty, build
from data.demo.calibration import SEED
from data.demo.world import SCALES
from models.db import make_engine
from models import settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.demo", description="Build the demo store (示例数据).")
    parser.add_argument("--scale", choices=sorted(SCALES), default="demo")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--reset", action="store_true", help="replace whatever the store holds")
    parser.add_argument("--url", default=None, help="database URL (default: DATABASE_URL or data/dashboard.db)")
    args = parser.parse_args(argv)
    engine = make_engine(args.url or settings.load().database_url)
    started = time.perf_counter()

    def progress(fraction: float, message: str) -> None:
        print(f"[{fraction:5.0%}] {message}", flush=True)

    try:
        result = build(engine, scale=args.scale, seed=args.seed, reset=args.reset, progress=progress)
    except StoreNotEmpty as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    took = time.perf_counter() - started
    if not result.changed:
        print(f"store already holds scale={args.scale} seed={args.seed}; nothing to do ({took:.1f} s)")
    else:
        print(", ".join(f"{k}={v}" for k, v in result.counts.items()) + f" in {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
