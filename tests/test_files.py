"""Writes are atomic and readable by others: a failure leaves the old file and no temporary."""

from __future__ import annotations

import os
import stat

import pytest

from awareness import files


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "card.pdf"
    target.write_bytes(b"old")

    def failing_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", failing_replace)
    with pytest.raises(OSError):
        files.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["card.pdf"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_have_the_permissions_the_umask_gives(tmp_path, umask, mode):
    """A shared print folder can serve the PDFs: not the 0600 of a temporary file."""
    previous = os.umask(umask)
    try:
        files.atomic_write_bytes(tmp_path / "poster.pdf", b"%PDF")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "poster.pdf").stat().st_mode) == mode
