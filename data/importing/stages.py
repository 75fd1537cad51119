"""Named stages of an import, and a pause at one of them for the kill tests (tests/data/test_importing_kill.py).

With DASHBOARD_IMPORT_PAUSE_AT=<stage> in the environment, the process prints "PAUSED <stage>" and
sleeps when it reaches that stage, so a test can kill it (-9) exactly there and check the store. Unset
(always, outside those tests) a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import sys
import time

PAUSE_ENV = "DASHBOARD_IMPORT_PAUSE_AT"
# reading the file, checking it, the pre-import backup (a half-written copy on disk), the rows written,
# the rollups rebuilt, just before the commit, and just after it
STAGES = ("reading", "validating", "backup", "writing", "rollups", "commit", "committed")


def checkpoint(stage: str) -> None:
    if os.environ.get(PAUSE_ENV) == stage:
        print(f"PAUSED {stage}", file=sys.stdout, flush=True)
        time.sleep(3600)
