"""BL904 select-for-update-outside-transaction."""

from __future__ import annotations

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence, Related, Severity
from backendlint.core.practice import PracticeOptions
from backendlint.practices.data_access.transactions import (
    Standing,
    TransactionJudge,
    TransactionRule,
    Verdict,
)


class SelectForUpdateOutsideTransaction(TransactionRule):
    """## What it does
    Checks for a Django `select_for_update()` queryset that is run (`.get()`, `.first()`,
    iterated, `list()`) outside `transaction.atomic`: not in a `with transaction.atomic():`
    block or an `@transaction.atomic` function, not in a view while `ATOMIC_REQUESTS = True`
    is set in `DATABASES`, and, for a helper, where every caller in the project (across
    modules, through further calls) runs outside one too.

    A queryset is lazy: one built outside and run inside an atomic block is fine. A helper
    with no visible callers, or with one caller inside a transaction, is not reported; a
    view, a Celery task or a management command with no callers is an entry point.

    ## Why is this bad?
    Row locks last until the transaction ends. In autocommit mode Django refuses the query
    (`TransactionManagementError: select_for_update cannot be used outside of a
    transaction`), so the code fails the first time it runs for real; and code that only
    works because a caller happens to open a transaction breaks when that caller changes.

    ## Example
    ```python
    from celery import shared_task

    from billing.models import Account


    @shared_task
    def charge(account_id: int, amount: int) -> None:
        account = Account.objects.select_for_update().get(pk=account_id)
        account.balance -= amount
        account.save()
    ```

    Use instead:
    ```python
    from celery import shared_task
    from django.db import transaction

    from billing.models import Account


    @shared_task
    def charge(account_id: int, amount: int) -> None:
        with transaction.atomic():
            account = Account.objects.select_for_update().get(pk=account_id)
            account.balance -= amount
            account.save()
    ```

    ## Options
    - `task-decorators` in `[tool.backendlint.data-access]`: functions decorated with
      the project's own task decorators named there are entry points like `@shared_task` ones (see BL905).

    ## Fix safety
    No fix: where the transaction should start and end (which writes belong to it) is a
    decision about the code around the lock.
    """

    code = "BL904"
    name = "select-for-update-outside-transaction"
    severity = Severity.ERROR
    confidence = Confidence.HIGH

    @classmethod
    def check_project(cls, project: ProjectContext, options: PracticeOptions) -> None:
        judge = project.computed(lambda: TransactionJudge(project), TransactionJudge)
        for record, facts in judge.modules:
            for lock in facts.locks:
                if lock.function:
                    verdict = judge.standing(f"{record.module}.{lock.function}")
                else:
                    verdict = Verdict(Standing.OUTSIDE, "module level code")
                if verdict.standing is not Standing.OUTSIDE:
                    continue
                message = (f"`{lock.written}` runs a `select_for_update()` query outside "
                           f"`transaction.atomic` ({verdict.reason}); Django raises "
                           "`TransactionManagementError` in autocommit mode: run it, and the "
                           "writes that depend on the lock, in `with transaction.atomic():`")
                confidence = None
                if verdict.settings_unseen:
                    message += ("; no settings module with `DATABASES` was linted, so "
                                "`ATOMIC_REQUESTS` could not be checked")
                    confidence = Confidence.MEDIUM
                related: tuple[Related, ...] = verdict.related
                project.report(cls, record.path, lock.span, message, confidence=confidence,
                               related=related)
