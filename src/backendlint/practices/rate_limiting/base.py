"""What the four BL5xx rules share: they are project rules over the practice's facts, run on
files that can hold an app, a route, a view or a limiter, and report each endpoint once."""

from __future__ import annotations

from typing import Callable, Optional

from backendlint.core.context import ProjectContext
from backendlint.core.findings import Confidence
from backendlint.core.practice import PracticeOptions
from backendlint.core.rule import Rule
from backendlint.practices.rate_limiting.analysis import RELEVANT_TEXT
from backendlint.practices.rate_limiting.options import RateLimitingOptions
from backendlint.practices.rate_limiting.project import Analysis, analyse
from backendlint.practices.rate_limiting.project_types import Endpoint

MAX_MESSAGE = 220


def fit(message: str) -> str:
    """Messages stay short: past the limit, the suggestion after "; " goes (the rule's page
    says how to add a limit), keeping what was found and any reason in parentheses."""
    if len(message) <= MAX_MESSAGE or "; " not in message:
        return message
    found, rest = message.split("; ", 1)
    reason = rest[rest.rindex(" ("):] if rest.endswith(")") and "could not be seen" in rest \
        else ""
    return f"{found}{reason}"[:MAX_MESSAGE]


class RateLimitRule(Rule):
    requires_any_text = RELEVANT_TEXT
    project_level = True

    @classmethod
    def report_endpoints(cls, project: ProjectContext, options: PracticeOptions,
                         message_for: Callable[[Endpoint, Analysis], Optional[str]],
                         at_exemption: bool = False) -> None:
        """Report each endpoint once (at its def) where `message_for` gives a message; nothing
        when the project limits at its gateway. When the endpoint's limits could not all be
        seen (a router no app includes), the message says so and the confidence is low."""
        assert isinstance(options, RateLimitingOptions)
        if options.gateway:
            return
        analysis = analyse(project, options)
        seen: set[tuple[str, int]] = set()
        for endpoint in analysis.endpoints:
            message = message_for(endpoint, analysis)
            # BL504 points at the attribute that exempts the view, when there is one.
            path, span = (endpoint.exempt_site if at_exemption and endpoint.exempt_site
                          else (endpoint.path, endpoint.span))
            key = (path, span.line)
            if message is not None and key not in seen:
                seen.add(key)
                confidence: Optional[Confidence] = None
                if endpoint.unknown_because:
                    message = f"{message} ({endpoint.unknown_because})"
                    confidence = Confidence.LOW
                project.report(cls, path, span, fit(message), confidence=confidence)
