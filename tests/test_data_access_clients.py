"""Unit tests of the pieces BL901/BL909 stand on: how a bound resource is released, and the
call chain the project pass follows (through the index, not through lambdas)."""

from __future__ import annotations

import ast
import textwrap

from backendlint.semantic.analyze.release import release_of


def _function(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


def test_close_in_finally_is_always_released() -> None:
    release = release_of(_function("""
        def get_db():
            db = SessionLocal()
            try:
                yield db
            finally:
                db.close()
    """), "db")
    assert release.closed_in_finally and release.yielded and release.always_released


def test_close_after_yield_is_not_on_every_path() -> None:
    release = release_of(_function("""
        def get_db():
            db = SessionLocal()
            yield db
            db.close()
    """), "db")
    assert release.closed_elsewhere and not release.always_released


def test_returned_and_handed() -> None:
    assert release_of(_function("""
        def get_db():
            db = SessionLocal()
            return db
    """), "db").returned
    handed = release_of(_function("""
        def get_repo():
            db = SessionLocal()
            return Repository(db)
    """), "db")
    assert handed.handed and not handed.returned
    used = release_of(_function("""
        def count():
            db = SessionLocal()
            return db.query(User).count()
    """), "db")
    assert not used.handed and not used.returned


def test_context_managers_and_deferred_close() -> None:
    assert release_of(_function("""
        def f():
            db = SessionLocal()
            with db:
                pass
    """), "db").managed
    assert release_of(_function("""
        def f():
            db = SessionLocal()
            with closing(db):
                pass
    """), "db").managed
    assert release_of(_function("""
        def f(tasks):
            db = SessionLocal()
            tasks.add_task(db.close)
    """), "db").deferred_close


def test_attribute_paths() -> None:
    release = release_of(_function("""
        def middleware(request):
            request.state.db = SessionLocal()
            try:
                return call_next(request)
            finally:
                request.state.db.close()
    """), "request.state.db")
    assert release.closed_in_finally
