"""Word lists for reading identifiers: what names a password, a stored hash, a security token,
a user row, a request schema or test configuration. Matched against the lower-cased words of
an identifier (`semantic.analyze.identifiers.components`), never against substrings, except
the few infixes below."""

from __future__ import annotations

# Words that name a password by themselves; `pin` and `pwd` only as whole components so that
# "pinned", "spinner", "mapping" or "getcwd" never match.
PASSWORD_WORDS = frozenset({"password", "passwords", "passwd", "passphrase", "pwd", "pwds",
                            "pin", "pincode", "passcode", "pw"})
# Infixes that make a password word inside a longer word (`newpassword`).
PASSWORD_INFIXES = ("password", "passwd", "passphrase")

# A password word next to one of these names something about a password, not the password
# itself: `password_reset_token`, `PASSWORD_HASHERS`, `min_password_length`, `pin_memory`.
PASSWORD_METADATA_WORDS = frozenset({
    "token", "tokens", "reset", "url", "link", "policy", "policies", "length", "len", "min",
    "max", "minimum", "maximum", "field", "fields", "label", "hint", "help", "validator",
    "validators", "validation", "validate", "form", "regex", "pattern", "strength", "expiry",
    "expires", "expired", "expiration", "expire", "changed", "at", "date", "time", "timestamp",
    "required", "hasher", "hashers", "algorithm", "algorithms", "algo", "rounds", "iterations",
    "iter", "salt", "pepper", "scheme", "schemes", "context", "ctx", "manager", "error",
    "errors", "message", "messages", "msg", "widget", "template", "view", "handler", "file",
    "path", "prompt", "attempts", "attempt", "count", "history", "updated", "is", "has",
    "enabled", "mode", "type", "rule", "rules", "config", "settings", "memory", "mask",
    "masked", "char", "chars", "characters", "complexity", "visible", "visibility", "show",
    "toggle", "placeholder", "column", "forgot", "forgotten", "recovery", "age", "last",
    "lockout", "locked", "failures", "failed", "retries", "retry", "usable", "unusable",
    "generator", "generate", "random", "auth", "authentication", "grant", "flow", "env",
    "environ", "variable", "var", "option", "options", "param", "params", "name", "key",
})

# Words that mark a stored hash rather than the typed password.
HASH_WORDS = frozenset({"hash", "hashed", "hashes", "digest", "encrypted", "crypt", "crypted",
                        "stored", "db", "encoded"})

# Verbs that, next to a password word in a function name, make it a password function:
# `hash_password`, `set_password`, `check_password`, `verify_pin`, `make_password`.
PASSWORD_VERBS = frozenset({"hash", "hashed", "hashing", "set", "check", "checks", "verify",
                            "make", "encode", "encrypt", "digest", "compare", "match",
                            "matches", "store", "save", "crypt", "derive", "salt", "salted"})
# Password functions that legitimately use SHA-1 on a password: the Have I Been Pwned range
# API takes the first five hex digits of the password's SHA-1.
BREACH_WORDS = frozenset({"pwned", "breach", "breached", "hibp", "leaked", "compromised"})

# Security-token names.
SECRET_WORDS = frozenset({"token", "tokens", "secret", "signature", "sig", "nonce", "apikey",
                          "csrf", "xsrf", "otp", "totp", "hotp", "jwt", "bearer", "credential",
                          "credentials", "hmac", "sign", "signing", "signed", "passkey"})
# `api_key`, `session_id`, `reset_code`, `verification_code`, `activation_key`...
SECRET_PREFIXES = frozenset({"api", "session", "reset", "verification", "verify", "activation",
                             "auth", "access", "private", "invite", "invitation", "confirm",
                             "confirmation", "magic", "login", "refresh", "recovery"})
SECRET_SUFFIXES = frozenset({"key", "keys", "code", "codes", "id", "link", "hash", "secret",
                             "token"})
# `sign_up` and `sign_in` are pages, not signatures.
SIGN_PAGES = frozenset({"up", "in", "out", "on", "off"})
# Digests that are not security controls: cache keys, ETags, checksums, content addressing.
NON_SECURITY_WORDS = frozenset({
    "cache", "cached", "caching", "etag", "etags", "checksum", "checksums", "crc", "file",
    "files", "filename", "content", "contents", "chunk", "chunks", "gravatar", "avatar",
    "asset", "assets", "static", "shard", "bucket", "partition", "color", "colour", "dedup",
    "dedupe", "fingerprint", "lock", "version", "md5sum", "sha1sum", "integrity", "bust",
    "buster", "image", "thumbnail", "upload", "blob", "object", "row", "cachekey", "idempotency",
})

# Holders of a stored password: `user.password`, `account.password_hash`, `row["password"]`.
USER_WORDS = frozenset({"user", "users", "account", "accounts", "member", "customer", "admin",
                        "superuser", "staff", "profile", "owner", "person", "employee",
                        "player", "instance", "obj", "record", "row", "entity", "existing",
                        "stored", "db", "u", "usr", "principal", "identity", "subscriber",
                        "operator", "tenant", "student", "patient", "doctor", "author"})
# Classes whose keyword arguments are request input, not stored rows: `UserCreate(...)`.
SCHEMA_WORDS = frozenset({"create", "in", "schema", "form", "request", "payload", "login",
                          "register", "registration", "update", "base", "dto", "data",
                          "input", "out", "response", "read", "serializer", "public",
                          "signup", "credentials", "params", "query", "command", "event"})

# Words that mark a credential the service sends to another service (it must stay
# recoverable, so it is not a user's password stored in plaintext): `smtp_password`,
# `LdapSettings.bind_password`, `MailAccount.password`, `client_secret`.
OUTBOUND_CREDENTIAL_WORDS = frozenset({
    "smtp", "mail", "mailer", "mailbox", "imap", "pop", "pop3", "ldap", "bind", "proxy", "ftp",
    "sftp", "ssh", "redis", "broker", "amqp", "rabbitmq", "mqtt", "upstream", "remote",
    "webhook", "integration", "connector", "relay", "gateway", "vpn", "wifi", "sip", "xmpp",
    "s3", "aws", "registry", "keystore", "truststore", "database", "dsn", "jira", "slack",
    "client", "outbound", "api", "service", "bot", "app", "source", "backend", "server",
})
# The same judgement for the class that holds the field (`MailAccount`, `LdapSettings`); words
# that also name ordinary user classes (`ApiUser`, `AppUser`, `ServiceAccount`) are left out.
OUTBOUND_CLASS_WORDS = OUTBOUND_CREDENTIAL_WORDS - {
    "api", "app", "service", "client", "server", "bot", "source", "backend", "remote"}

# Words of a name that says a digest keys a cache, not a stored credential.
CACHE_WORDS = frozenset({"cache", "cached", "caching", "cachekey", "memo", "memoize", "lru"})

# Words in a class or function name that mark test configuration (`TestingConfig`).
TEST_NAME_WORDS = frozenset({"test", "tests", "testing"})

# Text of which a module must contain one for a password rule to run on it (the cheap skip).
PASSWORD_TEXT_NEEDLES = ("assw", "ASSW", "pw", "PW", "Pw", "pin", "PIN", "Pin", "hrase", "HRASE",
                         "asscode")
