"""web-security (BL7xx): HTML from request data, credentialed CORS, TLS checks and timeouts on
outgoing calls, production settings, unvalidated request bodies."""

from backendlint.core.practice import RULES_TEXT, Practice
from backendlint.practices.web_security.analysis import SettingsFacts
from backendlint.practices.web_security.options import WebSecurityOptions

PRACTICE = Practice(
    name="web-security",
    prefix="BL7",
    summary="HTML from request data, credentialed CORS, TLS checks and timeouts on outgoing "
            "calls, production settings, unvalidated request bodies.",
    options=WebSecurityOptions,
    analysis=SettingsFacts,
    # Skip a file on which none of the rules would run (their `requires_any_text`).
    gate=RULES_TEXT,
)
