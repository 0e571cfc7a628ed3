"""What writes to a log or an error tracker: logging modules and their methods, error-tracker
capture functions, and what a handler calls when it means "this failed". Pure tables."""

from __future__ import annotations

# Methods of a logger that write a record.
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical",
                         "fatal", "log", "msg", "trace", "success", "opt", "bind"})
# Qualified-name prefixes of logging libraries (`logging.getLogger(...).info`,
# `structlog.get_logger().info`, `loguru.logger.info`).
LOGGING_PREFIXES = ("logging.", "structlog.", "loguru.", "twisted.logger.",
                    "celery.utils.log.")
# Receiver words that name a logger: `logger`, `log`, `app.logger`, `self.log`, `LOGGER`.
LOGGER_WORDS = frozenset({"logger", "log", "logging", "_logger", "_log", "loggers", "syslog",
                          "audit", "audit_log", "celery_logger", "task_logger"})
# Functions that report a failure to an error tracker.
CAPTURE_PREFIXES = ("sentry_sdk.capture_", "raven.", "rollbar.report_", "bugsnag.notify",
                    "newrelic.agent.notice_error", "elasticapm.", "honeybadger.",
                    "airbrake.", "opentelemetry.")
CAPTURE_NAMES = frozenset({"capture_exception", "capture_message", "captureException",
                           "captureMessage", "report_exc_info", "notice_error",
                           "record_exception", "notify"})
# Calls that print a traceback or write to stderr: a trace, even if a poor one.
TRACE_CALLS = frozenset({"traceback.print_exc", "traceback.print_exception",
                         "traceback.print_tb", "builtins.print", "sys.stderr.write",
                         "warnings.warn"})

# Calls that turn the current exception into text.
TRACEBACK_TEXT_CALLS = frozenset({
    "traceback.format_exc", "traceback.format_exception", "traceback.format_exception_only",
    "traceback.format_tb", "traceback.format_stack", "traceback.extract_tb",
    "sys.exc_info", "traceback.TracebackException",
})
# Attributes of an exception that hold its text (`e.args`, SQLAlchemy's `e.orig`). Not
# `message`, `msg` or `reason`: classes that define those wrote them for their callers.
EXCEPTION_TEXT_ATTRIBUTES = frozenset({"args", "orig", "strerror", "__cause__",
                                       "__context__", "pgerror", "stderr", "output",
                                       "__traceback__"})
# Builtins that format their argument.
FORMATTING_BUILTINS = frozenset({"builtins.str", "builtins.repr", "builtins.format",
                                 "builtins.dict", "builtins.list", "builtins.tuple",
                                 "json.dumps", "builtins.getattr"})

# Logging keywords that never carry a record's data.
NON_DATA_KEYWORDS = frozenset({"exc_info", "stack_info", "stacklevel", "level"})
# Words that, in a secret-looking name, mean a count, size or description of the secret
# rather than the secret (`max_tokens`, `token_count`, `token_type`, `api_key_name`).
SECRET_METADATA_WORDS = frozenset({
    "count", "counts", "usage", "used", "total", "num", "number", "prompt", "completion",
    "max", "min", "limit", "limits", "length", "len", "size", "type", "types", "name",
    "names", "id", "ids", "expiry", "expires", "exp", "expiration", "expired", "age", "ttl",
    "lifetime", "url", "uri", "path", "file", "header", "label", "prefix", "suffix", "hint",
    "valid", "invalid", "is", "has", "error", "errors", "status", "scope", "scopes", "field",
    "param", "required", "missing", "last", "first", "estimate", "budget",
    "remaining", "per", "rate", "cost", "price", "input", "output", "reset", "sent",
    "changed", "updated", "created", "at", "date", "time", "index", "position", "pos",
    "start", "end", "offset", "span", "spans", "list", "kind", "version", "format", "mode",
    "policy", "strength", "regex", "pattern", "form", "template", "message", "msg", "event",
    "sign", "signed", "signing", "signature", "sig", "nonce", "hmac", "generator",
})
# Names of whole request bodies: logged whole, they carry every field the client sent.
REQUEST_BODY_ATTRIBUTES = frozenset({"form", "POST", "data", "json", "body", "values",
                                     "get_json", "args"})
# Names that hold a credential whatever the words around them (HTTP headers, cookies).
CREDENTIAL_NAMES = frozenset({"authorization", "proxy-authorization", "cookie", "cookies",
                              "set-cookie", "x-api-key", "x-auth-token", "sessionid",
                              "session_key", "x-csrftoken", "client_secret"})
# Security words that are not secrets in a log line (a signature or nonce is public).
NOT_LOGGED_SECRET_WORDS = frozenset({"signature", "sig", "sign", "signed", "signing", "nonce",
                                     "hmac", "csrf", "xsrf", "tokens", "credential"})
# Methods that return the secret inside a wrapper (`SecretStr.get_secret_value()`).
SECRET_UNWRAP_METHODS = frozenset({"get_secret_value", "reveal", "unmask"})
# Receivers of a whole request body (`request.POST`, `request.form`, `await request.json()`).
REQUEST_RECEIVER_NAMES = frozenset({"request", "req", "self.request", "flask.request"})
# Attributes of a request holding every header (logged whole, they carry `Authorization`).
REQUEST_HEADER_ATTRIBUTES = frozenset({"headers", "META", "COOKIES", "cookies"})
