"""Options of the error-handling practice, `[tool.backendlint.error-handling]`."""

from __future__ import annotations

from dataclasses import dataclass, field

from backendlint.core.practice import PracticeOptions


@dataclass
class ErrorHandlingOptions(PracticeOptions):
    # The project's exception classes whose messages are written for clients (qualified
    # names or fnmatch patterns; a bare name matches the class name): BL801 lets their text
    # reach a response.
    client_errors: list[str] = field(default_factory=list)
    # The project's own exception classes whose text is NOT meant for clients (by default
    # BL801 takes the project's classes to carry messages written for clients, and reports
    # only builtin, library and broad ones).
    internal_errors: list[str] = field(default_factory=list)
    # The project's own logging or error-reporting helpers (qualified names or fnmatch
    # patterns; a bare name matches the called name): BL802 counts a call to one as logging.
    log_functions: list[str] = field(default_factory=list)
    # Regular expressions (matched against lower-cased names) of more names that hold
    # secrets, for BL803.
    secret_names: list[str] = field(default_factory=list)
