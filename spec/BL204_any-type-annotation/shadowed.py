"""A local class called `Any` is not typing.Any."""


class Any:
    """A wildcard match in the routing table."""


def route(pattern: Any) -> Any:
    return pattern
