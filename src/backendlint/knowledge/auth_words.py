"""The vocabulary of endpoints an anonymous client can use to guess or abuse credentials,
codes and identities: log-in, tokens, passwords and resets, sign-up, activation, one-time
codes, invitations, magic links. Pure tables; the practices judge sensitivity with them."""

from __future__ import annotations

SENSITIVE_WORDS = frozenset({
    "login", "signin", "token", "tokens", "password", "passwd", "reset", "forgot", "register",
    "registration", "signup", "activate", "activation", "otp", "totp", "verify",
    "verification", "mfa", "2fa", "invite", "invitation", "magiclink",
})
# Words that act through a GET request: an emailed link, a provider redirect. Links that
# carry their token in the path (`/magic-link/{token}`) act too; without one they are pages.
GET_SENSITIVE_WORDS = frozenset({"activate", "activation", "verify", "verification",
                                 "callback"})
GET_LINK_WORDS = frozenset({"magiclink", "invite", "invitation"})
NOT_SENSITIVE_WORDS = frozenset({"logout", "signout", "status", "settings"})
# Pairs of words written apart that name one thing.
JOINED_WORDS = {
    ("log", "in"): "login", ("sign", "in"): "signin", ("sign", "up"): "signup",
    ("magic", "link"): "magiclink", ("two", "factor"): "2fa", ("sign", "out"): "signout",
    ("log", "out"): "logout", ("pass", "word"): "password",
    # A view that needs a signed-in user is not the sign-in itself.
    ("login", "required"): "loginrequired", ("login", "protected"): "loginprotected",
}
