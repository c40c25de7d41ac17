"""Files as the pipeline writes and reads them: atomic writes with normal permissions, hashes."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.
    The file gets the permissions a plain write would give it (0644 under the usual umask),
    so that a shared print folder can serve it."""
    temporary = temporary_beside(path)
    try:
        temporary.write_bytes(data)
        commit(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def temporary_beside(path: Path) -> Path:
    """A new, empty temporary file next to `path` (same file system, so a rename is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    return Path(name)


def commit(temporary: Path, path: Path) -> None:
    """Give the temporary file normal permissions and move it into place."""
    os.chmod(temporary, 0o666 & ~_umask())
    os.replace(temporary, path)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------ recorded dependencies
# While a job renders, every project file it reads is recorded (as Sphinx and Lektor do), so
# that the next build knows exactly what the output depends on, without restating it.

_reads: ContextVar[dict[Path, None] | None] = ContextVar("recorded_reads", default=None)


@contextmanager
def recording_reads() -> Iterator[dict[Path, None]]:
    """Within the block, `record_read` collects paths; yields them in reading order."""
    reads: dict[Path, None] = {}
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def record_read(path: Path) -> None:
    reads = _reads.get()
    if reads is not None:
        reads[path.resolve()] = None
