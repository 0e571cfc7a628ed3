"""A storage layer built on the first request only, behind a module-global flag."""

from typing import Optional

from api.storage_layer import StorageLayer

_layer: Optional[StorageLayer] = None
_initialised = False


def get_layer() -> Optional[StorageLayer]:
    global _layer, _initialised
    if not _initialised:
        _layer = StorageLayer("media")
        _initialised = True
    return _layer
