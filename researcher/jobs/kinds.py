"""Every kind of job, and the two functions behind it: do the work, record a failure.

`run(params, progress)` does the work and flushes (never commits); `progress(percent)` reports
how far it got, which the worker commits and counts as a heartbeat. It may run again after a
worker died, so it must start from scratch each time. `failed(params, message)` marks the
feature's own row (the export, the analysis run) failed; the worker commits it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from researcher.exports import services as exports
from researcher.reports import jobs as counts
from researcher.themes import jobs as themes


@dataclass(frozen=True)
class JobKind:
    run: Callable[[dict[str, Any], Callable[[int], None]], None]
    failed: Callable[[dict[str, Any], str], None]


KINDS: dict[str, JobKind] = {
    exports.JOB_KIND: JobKind(exports.run_export, exports.export_failed),
    themes.JOB_KIND: JobKind(themes.run_analysis, themes.analysis_failed),
    counts.JOB_KIND: JobKind(counts.run_counts, counts.counts_failed),
}
