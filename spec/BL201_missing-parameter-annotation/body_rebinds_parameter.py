"""A default's type is not the parameter's type when the body assigns it another one."""


def render(content=True) -> str:  # error: BL201 (fix: none, rebound to a str)
    if content:
        content = "yes"
    return str(content)


def scale(ratio=0.5) -> float:  # error: BL201 (fix: safe, `+= 1` keeps a float)
    ratio += 1
    return ratio


def title(text="draft") -> str:  # error: BL201 (fix: safe, rebound to a str)
    if not text:
        text = "untitled"
    return text


def lines(body="") -> int:  # error: BL201 (fix: unsafe, rebound to a call's result)
    body = body.splitlines()
    return len(body)
