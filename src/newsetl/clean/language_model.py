"""py3langid's model, loaded from an uncompressed copy that newsetl keeps in its cache folder.

py3langid ships its model LZMA-compressed (4.6 MB). Unpacking it is most of the 0.41-0.51 s that every process pays
on its first text without a language of its own: each cleaning process of ``newsetl ingest`` and each Airflow clean
task, which is a process of its own. The uncompressed copy (an ``.npz`` of 68 MB, read without pickle) loads in
0.06 s. The first process that needs the model makes the copy; its name holds a digest of the shipped file, so a new
py3langid gets a copy of its own. It is written under a temporary name and renamed, so a reader sees a whole copy or
none. Without a writable cache folder py3langid loads its own file, as before; an unreadable copy is removed, and
made again by the next process.

The cache folder: ``NEWSETL_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsetl``, else ``~/.cache/newsetl``.
"""

from __future__ import annotations

import hashlib
import logging
import lzma
import os
import zipfile
from array import array
from pathlib import Path
from typing import Any

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from newsetl.machine import cache_folder

__all__ = ["cache_folder", "load_identifier"]

log = logging.getLogger("newsetl.clean")

# The arrays of py3langid's model layout (py3langid.modelio.save_model).
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_TYPECODES = {2: "H", 4: "I", 8: "L"}


def load_identifier() -> LanguageIdentifier:
    """py3langid's identifier with its shipped model, from the cached copy when there is one (making it if not)."""
    shipped = MODEL_DIR / MODEL_FILE
    try:
        copy = _copy_of(shipped)
    except (OSError, lzma.LZMAError) as exc:
        log.warning("language model: no uncompressed copy (%s); loading py3langid's own file", exc)
        return LanguageIdentifier.from_model_file(shipped)
    try:
        return _from_copy(copy)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        # Removed, so that the next process makes it again instead of every process falling back for ever.
        log.warning("language model: %s is unreadable (%s), removed; loading py3langid's own file", copy, exc)
        copy.unlink(missing_ok=True)
        return LanguageIdentifier.from_model_file(shipped)


def _copy_of(shipped: Path) -> Path:
    """The uncompressed copy of ``shipped`` in the cache folder, made now if it is not there."""
    data = shipped.read_bytes()
    copy = cache_folder() / f"py3langid-{hashlib.sha256(data).hexdigest()[:16]}.npz"
    if copy.exists():
        return copy
    copy.parent.mkdir(parents=True, exist_ok=True)
    temporary = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(lzma.decompress(data))
        os.replace(temporary, copy)
    finally:
        temporary.unlink(missing_ok=True)
    log.info("language model: uncompressed copy written to %s", copy)
    return copy


def _from_copy(copy: Path) -> LanguageIdentifier:
    # As py3langid.modelio.load_model builds it from the same arrays.
    with np.load(copy, allow_pickle=False) as data:
        ptc, pc, classes, nextmove, row, output = (data[name] for name in _ARRAYS)
        return LanguageIdentifier(
            np.asarray(ptc),
            np.asarray(pc),
            classes.tolist(),
            _to_array(nextmove),
            output.tolist(),
            tk_row=_to_array(row),
        )


def _to_array(values: Any) -> array[int]:
    """An unsigned NumPy array as the stdlib array py3langid's classifier indexes (fast in pure Python)."""
    typecode = _TYPECODES[values.dtype.itemsize]
    out = array(typecode)
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out
