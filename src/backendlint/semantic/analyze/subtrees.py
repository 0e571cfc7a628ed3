"""Reading a whole subtree again, cheaper than `ast.walk`: the nodes of some types in a
subtree, in exactly the order `ast.walk` yields them (breadth first, fields in their order).

`ast.walk` is two Python generators per node (`iter_child_nodes` over `iter_fields`), and it
yields every expression context (`Load()`), operator, name and constant on the way. A rule
that reads a function body for a few node types asks `nodes_of_types` instead: one list,
the leaves it does not ask for never queued."""

from __future__ import annotations

import ast

# Fields that hold only expression contexts and operators: leaves that a reader takes from
# their parent (`node.op`); there are millions of them. The engine's walk skips them too.
OPERATOR_FIELDS = frozenset({"ctx", "op", "ops"})
_OPERATOR_TYPES = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)
# Nodes without child nodes (other than the fields above): walking them only matters to a
# reader that asks for them.
LEAF_TYPES: frozenset[type[ast.AST]] = frozenset({
    ast.Name, ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.alias, ast.Global,
    ast.Nonlocal,
})
# A node type's fields other than OPERATOR_FIELDS, by type (filled by `child_fields`).
CHILD_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}
_SKIPPED: dict[tuple[type[ast.AST], ...], frozenset[type[ast.AST]]] = {}


def child_fields(node_type: type[ast.AST]) -> tuple[str, ...]:
    """The fields of a node type that can hold child nodes, worked out once per type."""
    fields = tuple(name for name in node_type._fields if name not in OPERATOR_FIELDS)
    CHILD_FIELDS[node_type] = fields
    return fields


def nodes_of_types(root: ast.AST, types: tuple[type[ast.AST], ...]) -> list[ast.AST]:
    """`[node for node in ast.walk(root) if isinstance(node, types)]`, computed without
    visiting the leaves that are not asked for."""
    if any(issubclass(wanted, _OPERATOR_TYPES) for wanted in types):
        return [node for node in ast.walk(root) if isinstance(node, types)]
    skipped = _SKIPPED.get(types)
    if skipped is None:
        skipped = _SKIPPED[types] = frozenset(
            leaf for leaf in LEAF_TYPES if not issubclass(leaf, types))
    found: list[ast.AST] = []
    queue: list[ast.AST] = [root]
    # The loop reads the items appended while it runs: a breadth-first walk.
    for node in queue:
        if isinstance(node, types):
            found.append(node)
        for name in CHILD_FIELDS.get(type(node)) or child_fields(type(node)):
            value = getattr(node, name, None)
            if type(value) is list:
                for item in value:
                    if type(item) not in skipped and isinstance(item, ast.AST):
                        queue.append(item)
            elif value is not None and type(value) not in skipped and isinstance(
                    value, ast.AST):
                queue.append(value)
    return found
