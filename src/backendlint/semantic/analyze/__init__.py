"""Questions every practice asks about code, each answered once: call arguments, constant
values, annotations, identifier words, test code. Pure functions over `ast` and the semantic
model; no traversal and no rule knowledge."""
