"""Foundation numbers: seeding time and size per scale, overview script time cold and warm.

    python -m bench.foundation [--out DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.common import build_store, page_times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "bench-stores")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for scale in ("demo", "shenzhen"):
        path = args.out / f"{scale}.db"
        seconds, size = build_store(path, scale)
        cold, warm = page_times(f"sqlite:///{path}")
        rows.append((scale, seconds, size / 1e6, cold * 1000, warm * 1000))
    print("| scale | seeding s | db MB | overview cold ms | overview warm ms (median of 5) |")
    print("|---|---:|---:|---:|---:|")
    for scale, seconds, mb, cold, warm in rows:
        print(f"| {scale} | {seconds:.1f} | {mb:.1f} | {cold:.0f} | {warm:.0f} |")


if __name__ == "__main__":
    main()
