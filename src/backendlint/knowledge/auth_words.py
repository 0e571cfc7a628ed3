"""The vocabulary of endpoints an anonymous client can use to guess or abuse credentials,
codes and identities: log-in, tokens, passwords and resets, sign-up, activation, one-time
codes, invitations, magic links. Pure tables; the practices judge sensitivity with them."""

from __future__ import annotations

SENSITIVE_WORDS = frozenset({
    "login", "signin", "token", "tokens", "password", "passwd", "reset", "forgot", "register",
    "registration", "signup", "activate", "activation", "otp", "totp", "verify",
    "verification", "mfa", "2fa", "invite", "invitation", "magiclink", "recover", "recovery",
    "unlock",
})
# Creating a user or an account is a sign-up when anonymous clients can do it
# (`POST /users/` served by `create_user`).
SIGN_UP_VERBS = frozenset({"create", "add", "new"})
SIGN_UP_OBJECTS = frozenset({"user", "users", "account", "accounts"})
# Parameters that carry a code or token: a GET that takes one acts (an emailed link).
CODE_PARAMETERS = frozenset({"token", "code", "key", "uid", "uidb64", "otp", "signature",
                             "activation_key", "verification_code", "hash"})
# Words of links that act through a GET request (an emailed activation or verification
# link, a magic link, an invitation): they act when they carry a code, in the path
# (`/verify/{token}`) or as a parameter (`?token=`); without one they are pages. An OAuth
# callback is not among them: the provider's code is bound to the session's state.
GET_LINK_WORDS = frozenset({"activate", "activation", "verify", "verification", "magiclink",
                            "invite", "invitation", "unlock", "join", "confirm",
                            "confirmation"})
NOT_SENSITIVE_WORDS = frozenset({"logout", "signout", "status", "settings", "done", "sent"})
# Pairs of words written apart that name one thing.
JOINED_WORDS = {
    ("log", "in"): "login", ("sign", "in"): "signin", ("sign", "up"): "signup",
    ("magic", "link"): "magiclink", ("two", "factor"): "2fa", ("sign", "out"): "signout",
    ("log", "out"): "logout", ("pass", "word"): "password",
    # A view that needs a signed-in user is not the sign-in itself.
    ("login", "required"): "loginrequired", ("login", "protected"): "loginprotected",
}
# Endpoints that change only the caller's own session (log out, pick a language or theme):
# nothing for an anonymous client to abuse.
SESSION_ONLY_WORDS = frozenset({"logout", "signout", "language", "locale", "lang", "theme"})
