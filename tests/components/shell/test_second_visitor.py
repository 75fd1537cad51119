"""While one visitor builds the demo store on a first start, a second visitor sees that build's progress
in Chinese (its step, never a table name) and goes on once it is done, instead of a blank page."""

from __future__ import annotations

import re
import threading
import time

from components.shell import bootstrap


class _Bar:
    def __init__(self, shown: list) -> None:
        self.shown = shown

    def progress(self, fraction: float, text: str) -> None:
        self.shown.append((fraction, text))

    def empty(self) -> None:
        self.shown.append("gone")


def test_a_second_visitor_waits_on_the_first_ones_build_and_sees_its_step(monkeypatch):
    shown: list = []
    monkeypatch.setattr(bootstrap.st, "progress", lambda fraction, text: (shown.append((fraction, text)), _Bar(shown))[1])
    lock = threading.Lock()
    lock.acquire()  # the first visitor's build holds it
    shared = bootstrap._build_progress()
    shared["fraction"], shared["step"] = 0.4, "writing building"

    def first_visitor_finishes() -> None:
        time.sleep(1.2)
        lock.release()

    threading.Thread(target=first_visitor_finishes).start()
    started = time.monotonic()
    try:
        bootstrap._wait_for_build(lock)
    finally:
        shared["fraction"], shared["step"] = 0.0, ""
    assert time.monotonic() - started >= 1.0  # it waited for the build
    assert lock.locked()  # and now holds the lock itself (it checks the store, then releases)
    lock.release()
    texts = [s[1] for s in shown if isinstance(s, tuple)]
    assert texts[0] == "另一位用户正在首次生成示例数据库，请稍候……"
    assert "另一位用户正在首次生成示例数据库，当前步骤：楼宇与小区……" in texts
    assert (0.4, "另一位用户正在首次生成示例数据库，当前步骤：楼宇与小区……") in shown
    assert not any(re.search(r"[A-Za-z]", t) for t in texts)  # no table name, no English
    assert shown[-1] == "gone"  # the bar is removed before the page is drawn


def test_the_first_visitor_does_not_wait(monkeypatch):
    monkeypatch.setattr(bootstrap.st, "progress", lambda *a, **k: (_ for _ in ()).throw(AssertionError("no bar")))
    lock = threading.Lock()
    bootstrap._wait_for_build(lock)
    assert lock.locked()
    lock.release()
