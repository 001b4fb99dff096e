"""simplemma's Polish dictionary, opened in a fraction of a second instead of 12-18 s.

simplemma 2 ships a dictionary as an lzma-compressed, front-coded stream of sorted records and,
by default, decodes all 3.7 million Polish ones into a dict on first use: 12-18 s and ~370 MB
in every process that lemmatises (2 shared cores), more than the clustering of 100,000 needs.
Its own `StreamMap` looks a word up by bisecting to a block of 32 records and decoding only
those, but still reads every record once per process to find the blocks. That pass is done
once per dictionary file here and the block index kept on disk (`cache_dir`); a later process
reads the stream and the index and decodes only the blocks of the words it meets (2 lookups
per distinct word form). Same dictionary, same lookups, hence the same lemmas.

When anything of this is unavailable (another simplemma version, an unwritable cache) the
default dictionary is used, as before.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import simplemma

CACHE_ENV = "REKONESANS_CACHE_DIR"
_FORMAT = 1  # bump when the cached layout changes


def cache_dir() -> Path | None:
    """Where the block index is kept: $REKONESANS_CACHE_DIR, else the user's cache folder
    (None for a user without a home: each process then reads the stream once)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:
        return None
    return Path(base) / "rekonesans"


def _stream_map(lang: str, folder: Path | None) -> Mapping[str, str]:
    """simplemma's `StreamMap` for `lang`, its block index read from `folder` when kept there."""
    from simplemma.strategies.dictionaries import dictionary_factory as factory_module
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

    if folder is None:
        return StreamMap(lang)
    source = factory_module.DATA_FOLDER / f"{lang}.plzma"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    path = folder / f"simplemma-{lang}-{digest}-v{_FORMAT}.index"
    fields = ("_data", "_pos", "_rev", "_count", "_firsts", "_blocks")
    try:
        values = marshal.loads(path.read_bytes())
        mapping = StreamMap.__new__(StreamMap)
        for name, value in zip(fields, values, strict=True):
            setattr(mapping, name, value)
        return mapping
    except (OSError, EOFError, ValueError, TypeError, AttributeError):
        pass  # not kept yet (or unreadable): build it
    mapping = StreamMap(lang)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(tuple(getattr(mapping, name) for name in fields)))
        os.replace(partial, path)  # atomic: a parallel process reads a whole file or none
    except OSError:
        pass  # a read-only home: this process keeps its own index
    return mapping


class IndexedDictionaryFactory:
    """A simplemma `DictionaryFactory` for Polish backed by `_stream_map`."""

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder
        self._maps: dict[str, Mapping[str, str]] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang not in self._maps:
            self._maps[lang] = _stream_map(lang, self._folder)
        return self._maps[lang]


@lru_cache(maxsize=1)
def lemmatizer() -> tuple[simplemma.Lemmatizer, object]:
    """(lemmatizer, dictionary lookup) sharing one dictionary for the life of the process."""
    try:
        from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
        from simplemma.strategies.dictionaries.stream_dictionary_factory import (  # noqa: F401
            StreamMap,
        )
    except ImportError:  # simplemma 1.x: its own dictionary
        from simplemma.strategies import DictionaryLookupStrategy

        return simplemma.Lemmatizer(), DictionaryLookupStrategy()
    factory = IndexedDictionaryFactory(cache_dir())
    return (simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(
        dictionary_factory=factory)), DictionaryLookupStrategy(factory))  # fmt: skip
