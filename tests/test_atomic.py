"""Writes are atomic: a failure leaves the old file and no temporary file."""

from __future__ import annotations

import pytest

from awareness import atomic


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "card.pdf"
    target.write_bytes(b"old")

    def failing_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OSError):
        atomic.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["card.pdf"]
