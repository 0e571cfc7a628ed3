"""Private and nested functions with return annotations."""


def _normalise(email: str) -> str:
    def _strip(text: str) -> str:
        return text.strip()

    return _strip(email).lower()
