"""Compiled templates kept on disk, so that a fresh worker's first pages skip compiling them.

Jinja compiles each template on its first use in a process: for the dashboard ~30 ms of its
first view, in every new web worker. Its bytecode cache keeps the compiled code in files keyed
by the template and checked against its source (and Python version), so an edited template
is compiled again. A cache must never break a page: a file that cannot be written (full disk,
read-only instance folder) is only logged.
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask
from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

log = logging.getLogger(__name__)


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, quiet when the disk refuses a write."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as error:
            log.warning("Compiled template not kept on disk: %s", error)


def init_app(app: Flask) -> None:
    """Use the configured folder (default instance/templates-compiled/); "" turns it off."""
    folder = app.config["TEMPLATE_CACHE_DIR"]
    if folder == "":
        return
    path = Path(folder) if folder else Path(app.instance_path) / "templates-compiled"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("No folder for compiled templates (%s): compiling in memory", error)
        return
    app.jinja_env.bytecode_cache = TemplateCache(str(path))
