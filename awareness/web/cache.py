"""An in-memory cache of what the page made (previews, co-branded downloads), keyed by the
content of the request: the same choices and the same logo bytes give the same key. It never
touches the disk, so a partner's logo is kept nowhere but in memory and in a request's
temporary folder."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from typing import Generic, Protocol, TypeVar


class Sized(Protocol):
    @property
    def size(self) -> int: ...


Item = TypeVar("Item", bound=Sized)


def content_key(*parts: object) -> str:
    """A stable key of plain data (strings, numbers, lists, dicts, None)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


class LruCache(Generic[Item]):
    """Least recently used items go first once their sizes add up to more than `max_bytes`."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, Item] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Item | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: str, item: Item) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes -= old.size if old is not None else 0
            self._items[key] = item
            self._bytes += item.size
            while self._bytes > self.max_bytes and len(self._items) > 1:
                _key, dropped = self._items.popitem(last=False)
                self._bytes -= dropped.size

    def __len__(self) -> int:
        return len(self._items)
