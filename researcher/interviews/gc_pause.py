"""The cyclic garbage collector paused while a sync request runs."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _GcPause:
    """Counts the requests inside `gc_paused`; the collector is off while there is one."""

    lock = threading.Lock()
    holders = 0
    restore = False  # whether the last one out turns the collector back on


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a sync request is parsed and applied.

    A batch keeps a few hundred thousand containers alive until it is answered (the parsed
    body, loaded records, rows to insert): every collection their allocation triggers walks
    them again, and the larger ones the whole heap, to find nothing, since reference counting
    frees them when the request ends. That was a fifth of the CPU of a batch of new records.
    Concurrent and nested pauses are counted (the collector is process-wide); the last one
    out turns it back on, unless it was already off. Other threads' reference cycles are
    collected after the pause, a fraction of a second later.
    """
    with _GcPause.lock:
        if _GcPause.holders == 0:
            _GcPause.restore = gc.isenabled()
            gc.disable()
        _GcPause.holders += 1
    try:
        yield
    finally:
        with _GcPause.lock:
            _GcPause.holders -= 1
            if _GcPause.holders == 0 and _GcPause.restore:
                gc.enable()
