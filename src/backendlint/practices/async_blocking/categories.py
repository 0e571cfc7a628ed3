"""The one place where a category of blocking call (knowledge/blocking_calls.py) meets the
rule that reports it."""

from __future__ import annotations

from backendlint.knowledge.blocking_calls import Category
from backendlint.practices.async_blocking.bl101_blocking_sleep_in_async import (
    BlockingSleepInAsync,
)
from backendlint.practices.async_blocking.bl102_blocking_http_call_in_async import (
    BlockingHttpCallInAsync,
)
from backendlint.practices.async_blocking.bl103_blocking_subprocess_in_async import (
    BlockingSubprocessInAsync,
)
from backendlint.practices.async_blocking.bl104_blocking_file_io_in_async import (
    BlockingFileIoInAsync,
)
from backendlint.practices.async_blocking.bl105_blocking_database_client_in_async import (
    BlockingDatabaseClientInAsync,
)
from backendlint.practices.async_blocking.bl106_sync_django_orm_in_async import (
    SyncDjangoOrmInAsync,
)
from backendlint.practices.async_blocking.bl108_blocking_filesystem_check_in_async import (
    BlockingFilesystemCheckInAsync,
)
from backendlint.practices.async_blocking.detection import BlockingCallRule

RULES: dict[Category, type[BlockingCallRule]] = {
    Category.SLEEP: BlockingSleepInAsync,
    Category.NETWORK: BlockingHttpCallInAsync,
    Category.PROCESS: BlockingSubprocessInAsync,
    Category.FILE_IO: BlockingFileIoInAsync,
    Category.DATABASE: BlockingDatabaseClientInAsync,
    Category.DJANGO_ORM: SyncDjangoOrmInAsync,
    Category.FILESYSTEM_CHECK: BlockingFilesystemCheckInAsync,
}
