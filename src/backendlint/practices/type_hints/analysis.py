"""The work the type-hint rules share in one file. One visit of each `def` records what the
rules need to know about it; parameters without annotations are kept until the end of the
file (a function becomes a FastAPI dependency when a `Depends()` below names it) and then go
to BL205 (FastAPI inputs) or BL201 (everything else); return annotations are decided when the
traversal leaves the `def`, from the `return` statements it passed through (so no body is
walked twice), and go to BL202 (public) or BL203 (private and nested)."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from backendlint.core.facts import Span
from backendlint.core.findings import Applicability, Edit, Fix
from backendlint.core.rule import FileAnalysis, Rule
from backendlint.fixes import make_fix
from backendlint.knowledge.fastapi import FASTAPI_DEPENDS, is_path_operation_decorator
from backendlint.knowledge.python_types import (
    ABSTRACT_DECORATORS,
    ENFORCED_DUNDER_RETURNS,
    HARMLESS_DECORATORS,
    NEUTRAL_BASES,
    OVERLOAD_DECORATORS,
    PROTOCOL_BASES,
    UNCHECKED_OVERRIDES,
)
from backendlint.practices.type_hints.bl201_missing_parameter_annotation import (
    MissingParameterAnnotation,
)
from backendlint.practices.type_hints.bl202_missing_return_annotation_public import (
    MissingReturnAnnotationPublic,
)
from backendlint.practices.type_hints.bl203_missing_return_annotation_private import (
    MissingReturnAnnotationPrivate,
)
from backendlint.practices.type_hints.bl205_fastapi_parameter_without_annotation import (
    FastAPIParameterWithoutAnnotation,
)
from backendlint.practices.type_hints.edits import (
    name_span,
    parameter_annotation_edits,
    return_annotation_edit,
    span_with_def_line,
)
from backendlint.practices.type_hints.facts import (
    DeferredFinding,
    DependencyCandidate,
    MethodShape,
    OverrideCheck,
    ParameterCheck,
    TypeHintsFacts,
)
from backendlint.practices.type_hints.options import TypeHintsOptions
from backendlint.practices.type_hints.project import Hazard
from backendlint.semantic.analyze.arguments import (
    FunctionNode,
    every_parameter_with_default,
)
from backendlint.semantic.analyze.classes import stdlib_class_defines
from backendlint.semantic.analyze.functions import (
    always_exits,
    decorator_names,
    has_annotation,
    has_conditional_variant,
    is_property_accessor,
    is_stub_body,
)
from backendlint.semantic.analyze.identifiers import is_private
from backendlint.semantic.analyze.inference import (
    Inferred,
    accepts,
    infer_expression,
    is_unset_value,
    literal_default_type,
    spell_union,
)

if TYPE_CHECKING:
    from backendlint.core.context import FileContext
    from backendlint.core.practice import PracticeOptions

_PARAMETER_RULES = frozenset({MissingParameterAnnotation, FastAPIParameterWithoutAnnotation})
_RETURN_RULES = frozenset({MissingReturnAnnotationPublic, MissingReturnAnnotationPrivate})


@dataclass
class FunctionInfo:
    """What a visit of a def learns, for the decisions made when the def is left."""

    node: FunctionNode
    decorators: list[Optional[str]]
    is_method: bool
    is_nested: bool
    class_node: Optional[ast.ClassDef]
    returns: list[Optional[Inferred]] = field(default_factory=list)
    has_yield: bool = False
    # What the body assigns to each parameter: the value's type, None when unknown.
    rebound: dict[str, list[Optional[str]]] = field(default_factory=dict)
    # `self.x = None` / `self.x = []`: fine while the function is untyped, but once it has an
    # annotation mypy infers the attribute's type from it (`None`) or asks for one.
    partial_attributes: bool = False
    # Another definition of the same name in another branch of the `if`/`try` around it.
    conditional: bool = False

    @property
    def returns_value(self) -> bool:
        return any(inferred is None or inferred.text != "None" for inferred in self.returns)

    def typing_hazard(self) -> Optional[Hazard]:
        """Why annotating anything of this function may add a mypy error, or None."""
        if self.partial_attributes and not has_annotation(self.node):
            return Hazard("annotating the function makes mypy infer the types of attributes "
                          "it sets to `None` or an empty container", certain=True)
        if self.conditional:
            return Hazard(f"`{self.node.name}` has a conditional variant that mypy requires "
                          "to have the same signature", certain=False)
        return None

    @property
    def kind(self) -> str:
        return "method" if self.is_method else "function"

    @property
    def skips_first_parameter(self) -> bool:
        return self.is_method and "builtins.staticmethod" not in self.decorators

    @property
    def decorators_harmless(self) -> bool:
        return all(name in HARMLESS_DECORATORS for name, decorator
                   in zip(self.decorators, self.node.decorator_list)
                   if not is_property_accessor(decorator))

    @property
    def is_abstract(self) -> bool:
        return any(name in ABSTRACT_DECORATORS for name in self.decorators)

    @property
    def is_overload(self) -> bool:
        return any(name in OVERLOAD_DECORATORS for name in self.decorators)


@dataclass
class PendingParameter:
    """An unannotated parameter, reported at the end of the file by BL201 or BL205."""

    key: Optional[str]
    path_operation: bool
    function: FunctionInfo
    arg: ast.arg
    default: Optional[ast.expr]
    span: Span
    fix_edits: Optional[list[Edit]]
    fix_type: Optional[Inferred]
    fix_safe: bool
    injected: bool

    def hazard(self) -> Optional[Hazard]:
        """Why this file alone shows the parameter fix may (or will) add a mypy error."""
        hazard = self.function.typing_hazard()
        if hazard is not None:
            return hazard
        annotation = self.fix_type.text if self.fix_type is not None else ""
        rebound = self.function.rebound.get(self.arg.arg, [])
        if any(kind is not None and not accepts(annotation, kind) for kind in rebound):
            return Hazard(f"the body assigns `{self.arg.arg}` a value of another type",
                          certain=True)
        if any(kind is None for kind in rebound):
            return Hazard(f"the body assigns `{self.arg.arg}` a value of unknown type",
                          certain=False)
        return None

    @property
    def spelled(self) -> str:
        args = self.function.node.args
        if self.arg is args.vararg:
            return f"*{self.arg.arg}"
        if self.arg is args.kwarg:
            return f"**{self.arg.arg}"
        return self.arg.arg


@dataclass
class ClassInfo:
    """Methods annotated in base classes defined in this module (followed up the chain), and
    whether some base is defined elsewhere (so its annotations are unknown)."""

    annotated_in_bases: set[str]
    unknown_base: bool
    protocol: bool
    # Builtin and standard-library bases (`builtins.dict`): typeshed types their methods.
    stdlib_bases: list[str] = field(default_factory=list)

    def typeshed_override(self, method: str) -> Optional[str]:
        """The stdlib base whose `method` this one overrides (`builtins.dict`), or None."""
        if method in UNCHECKED_OVERRIDES:
            return None
        return next((base for base in self.stdlib_bases
                     if stdlib_class_defines(base, method)), None)


class TypeHintsAnalysis(FileAnalysis):
    def __init__(self, ctx: FileContext, options: PracticeOptions,
                 enabled: frozenset[type[Rule]]) -> None:
        super().__init__(ctx, options, enabled)
        assert isinstance(self.options, TypeHintsOptions)
        self.hints: TypeHintsOptions = self.options
        self.parameters = bool(enabled & _PARAMETER_RULES)
        self.return_types = bool(enabled & _RETURN_RULES)
        self.functions: dict[int, FunctionInfo] = {}
        self.classes: dict[int, ClassInfo] = {}
        self.class_of: dict[int, ClassInfo] = {}
        self.pending: list[PendingParameter] = []
        self.dependencies: set[str] = set()
        self.deferred: list[DeferredFinding] = []
        self.methods: list[MethodShape] = []
        self.escaped: set[str] = set()

    # -------------------------------------------------------------- collection
    def visit_FunctionDef(self, node: FunctionNode) -> None:
        if not (self.parameters or self.return_types):
            return
        semantic = self.semantic
        class_node = semantic.scope.node if semantic.in_class_body() else None
        info = FunctionInfo(node, decorator_names(semantic, node), class_node is not None,
                            semantic.current_function() is not None,
                            class_node if isinstance(class_node, ast.ClassDef) else None)
        self.functions[id(node)] = info
        statements = self.ctx.statement_stack
        if len(statements) >= 2 and has_conditional_variant(statements[-2], node):
            info.conditional = True
        if info.class_node is not None:
            self.class_of[id(node)] = self._class_info(info.class_node)
        if self.parameters:
            self._collect_parameters(info)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        # Bases are read here, in the scope around the class: inside its body a method named
        # `dict` would shadow the builtin base `dict`.
        if self.parameters or self.return_types:
            self._class_info(node)

    def visit_Call(self, node: ast.Call) -> None:
        if not self.parameters:
            return
        for argument in node.args:
            self._note_escape(argument)
        for keyword in node.keywords:
            self._note_escape(keyword.value)
        if self.semantic.qualified_name(node.func) not in FASTAPI_DEPENDS:
            return
        target = node.args[0] if node.args else next(
            (k.value for k in node.keywords if k.arg == "dependency"), None)
        if target is not None:
            resolved = self.semantic.qualified_name(target)
            if resolved:
                self.dependencies.add(resolved)

    def visit_Return(self, node: ast.Return) -> None:
        info = self._current_function()
        if info is not None:
            info.returns.append(infer_expression(self.semantic, node.value))
        if self.parameters and node.value is not None:
            self._note_escape(node.value)

    def _note_escape(self, value: ast.expr) -> None:
        """A function used as a value (a callback, an alias, a registry entry): whoever calls
        it later is out of sight."""
        if isinstance(value, ast.Starred):
            value = value.value
        if isinstance(value, (ast.Name, ast.Attribute)):
            qualified = self.semantic.qualified_name(value)
            if qualified and not qualified.endswith("()"):
                self.escaped.add(qualified)

    def visit_Assign(self, node: ast.Assign) -> None:
        if self.parameters:
            self._note_escape(node.value)
        info = self._current_function()
        if info is None:
            return
        for target in node.targets:
            self._note_assignment(info, target, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        info = self._current_function()
        if info is not None and node.value is not None:
            self._note_rebinding(info, node.target, None)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        info = self._current_function()
        if info is not None:
            inferred = infer_expression(self.semantic, node.value)
            self._note_rebinding(info, node.target, inferred.text if inferred else None)

    def visit_For(self, node: ast.For) -> None:
        info = self._current_function()
        if info is not None:
            self._note_rebinding(info, node.target, None)

    visit_AsyncFor = visit_For

    def _note_assignment(self, info: FunctionInfo, target: ast.expr, value: ast.expr) -> None:
        if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                and target.value.id == "self" and is_unset_value(self.semantic, value)):
            info.partial_attributes = True
            return
        inferred = infer_expression(self.semantic, value) if isinstance(target, ast.Name) \
            else None
        self._note_rebinding(info, target, inferred.text if inferred else None)

    def _note_rebinding(self, info: FunctionInfo, target: ast.expr,
                        type_text: Optional[str]) -> None:
        if isinstance(target, ast.Name):
            info.rebound.setdefault(target.id, []).append(type_text)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._note_rebinding(info, element, None)
        elif isinstance(target, ast.Starred):
            self._note_rebinding(info, target.value, None)

    def visit_Yield(self, node: ast.AST) -> None:
        info = self._current_function()
        if info is not None:
            info.has_yield = True

    visit_YieldFrom = visit_Yield

    def _current_function(self) -> Optional[FunctionInfo]:
        semantic = self.semantic
        if semantic.scope.kind != "function":
            return None  # a lambda's yield belongs to the lambda
        function = semantic.current_function()
        return self.functions.get(id(function)) if function is not None else None

    def _skipped(self, info: FunctionInfo) -> bool:
        node = info.node
        if self.hints.ignore_fully_untyped and not has_annotation(node):
            return True
        return self.hints.ignore_private and is_private(node.name)

    def _add(self, rule: type[Rule], span: Span, message: str, fix: Optional[Fix]) -> None:
        if self.wants(rule):
            self.ctx.findings.append(rule.make_finding(self.ctx.path, span, message, fix=fix))

    # -------------------------------------------------------------- parameters
    def _collect_parameters(self, info: FunctionInfo) -> None:
        node = info.node
        key = self._dependency_key(node)
        path_operation = any(is_path_operation_decorator(self.semantic, decorator)
                             for decorator in node.decorator_list)
        args = node.args
        first = (*args.posonlyargs, *args.args)[:1]
        for arg, default in every_parameter_with_default(node):
            if arg.annotation is not None or (info.skips_first_parameter and first
                                              and first[0] is arg):
                continue
            inferred = literal_default_type(default)
            edits = (parameter_annotation_edits(self.ctx, arg, default, inferred.text)
                     if inferred else None)
            safe = bool(inferred and inferred.safe and info.decorators_harmless)
            injected = (isinstance(default, ast.Call)
                        and self.semantic.qualified_name(default.func) in FASTAPI_DEPENDS)
            self.pending.append(PendingParameter(
                key, path_operation, info, arg, default, span_with_def_line(self.ctx, arg, node),
                edits, inferred, safe, injected))

    def _dependency_key(self, node: FunctionNode) -> Optional[str]:
        """The name `Depends(x)` would resolve to for this function: a module-level function,
        a module-level class (its `__init__`) or an instance of one (its `__call__`)."""
        semantic = self.semantic
        prefix = f"{self.ctx.module_name}." if self.ctx.module_name else ""
        if semantic.scope.kind == "module":
            return prefix + node.name
        cls = semantic.scope.node
        if (isinstance(cls, ast.ClassDef) and semantic.scope.parent is not None
                and semantic.scope.parent.kind == "module"):
            if node.name == "__init__":
                return prefix + cls.name
            if node.name == "__call__":
                return prefix + cls.name + "()"
        return None

    def finish(self) -> None:
        if self.parameters:
            for pending in self.pending:
                if pending.path_operation or pending.key in self.dependencies:
                    self._report_fastapi(pending)
                else:
                    self._report_plain(pending)
        facts = TypeHintsFacts(deferred=self.deferred, methods=self.methods,
                               escaped=sorted(self.escaped))
        if self.wants(FastAPIParameterWithoutAnnotation):
            self._record_dependencies(facts)
        if facts.deferred or facts.methods or facts.depends_targets \
                or facts.dependency_candidates:
            self.ctx.set_facts(facts)

    def _report_plain(self, pending: PendingParameter) -> None:
        if self._skipped(pending.function) or (self.hints.suppress_dummy_args
                                               and pending.arg.arg.startswith("_")):
            return
        rule = MissingParameterAnnotation
        message = rule.message(pending.spelled, pending.function.node.name)
        if not (pending.fix_edits and pending.fix_type):
            self._add(rule, pending.span, message, None)
            return
        title = rule.fix_title(pending.arg.arg, pending.fix_type.text)
        info = pending.function
        hazard = pending.hazard() or self._typeshed_hazard(info)
        if hazard is not None and hazard.certain:
            self._add(rule, pending.span, message, None)  # the fix would not type-check
            return
        safe = pending.fix_safe and hazard is None
        reason = hazard.reason if hazard is not None else None
        fix = make_fix(_unsafe_title(title, None if pending.fix_safe else reason),
                       pending.fix_edits, safe=safe)
        if info.is_nested:
            if safe:
                fix = make_fix(_unsafe_title(title, "calls through closures cannot all be "
                                                    "seen"), pending.fix_edits, safe=False)
            self._add(rule, pending.span, message, fix)
            return
        if hazard is not None:
            fix = make_fix(_unsafe_title(title, hazard.reason), pending.fix_edits, safe=False)
        # The project pass reads every call it can see: a literal of another type passed for
        # the parameter means no fix; a method's calls through instances are never all seen.
        args = info.node.args
        positional = [*args.posonlyargs, *args.args]
        position = positional.index(pending.arg) if pending.arg in positional else None
        if position is not None and info.skips_first_parameter:
            position -= 1
        owner = f"{info.class_node.name}." if info.class_node is not None else ""
        check = ParameterCheck(self._qualified(owner + info.node.name), pending.arg.arg,
                               position, pending.fix_type.text, info.is_method)
        self._defer(rule, pending.span, message, fix, parameter=check)

    def _typeshed_hazard(self, info: FunctionInfo) -> Optional[Hazard]:
        """A method overriding one of a builtin or stdlib base (`dict.items`): once typed,
        mypy checks it against typeshed's signature, which the fix does not know."""
        cls = self.class_of.get(id(info.node)) if info.is_method else None
        base = cls.typeshed_override(info.node.name) if cls is not None else None
        if base is None:
            return None
        spelled = base.removeprefix("builtins.")
        return Hazard(f"it overrides `{spelled}.{info.node.name}`, which typeshed types",
                      certain=True)

    def _qualified(self, name: str) -> str:
        return f"{self.ctx.module_name}.{name}" if self.ctx.module_name else name

    def _defer(self, rule: type[Rule], span: Span, message: str, fix: Fix,
               parameter: Optional[ParameterCheck] = None,
               override: Optional[OverrideCheck] = None) -> None:
        if self.wants(rule):
            self.deferred.append(DeferredFinding(rule.code, span, message, fix, parameter,
                                                 override))

    def _fastapi_message_and_fix(self, pending: PendingParameter, kind: str
                                 ) -> tuple[str, Optional[Fix]]:
        rule = FastAPIParameterWithoutAnnotation
        message = rule.message(pending.spelled, kind, pending.function.node.name,
                               pending.injected)
        fix = None
        if pending.fix_edits and pending.fix_type:
            fix = make_fix(rule.fix_title(pending.arg.arg, pending.fix_type.text),
                           pending.fix_edits, safe=False)
        return message, fix

    def _report_fastapi(self, pending: PendingParameter) -> None:
        kind = "path operation" if pending.path_operation else "dependency"
        message, fix = self._fastapi_message_and_fix(pending, kind)
        self._add(FastAPIParameterWithoutAnnotation, pending.span, message, fix)

    def _record_dependencies(self, facts: TypeHintsFacts) -> None:
        """Facts for dependencies used from other modules: what this module passes to
        `Depends()`, and its module-level functions' unannotated parameters that no
        `Depends()` here made FastAPI inputs (the project pass may find one elsewhere)."""
        prefix = f"{self.ctx.module_name}." if self.ctx.module_name else ""
        candidates = []
        for pending in self.pending:
            if (pending.path_operation or pending.key is None
                    or pending.key in self.dependencies):
                continue
            message, fix = self._fastapi_message_and_fix(pending, "dependency")
            candidates.append(DependencyCandidate(pending.key.removeprefix(prefix),
                                                  pending.span, message, fix))
        facts.depends_targets = sorted(self.dependencies)
        facts.dependency_candidates = candidates

    # -------------------------------------------------------------- returns
    def leave_FunctionDef(self, node: FunctionNode) -> None:
        if not self.return_types:
            return
        info = self.functions.get(id(node))
        if info is None:
            return
        fix = None
        if node.returns is None and not self._skipped(info):
            fix = self._report_return(info)
        if info.class_node is not None and not info.is_nested:
            self.methods.append(MethodShape(
                self._qualified(info.class_node.name), node.name,
                isinstance(node, ast.AsyncFunctionDef),
                ast.unparse(node.returns) if node.returns is not None else None,
                _annotation_of(fix), info.returns_value))

    leave_AsyncFunctionDef = leave_FunctionDef

    def _report_return(self, info: FunctionInfo) -> Optional[Fix]:
        """Report a missing return annotation; the fix offered, if any."""
        node = info.node
        if info.is_nested or is_private(node.name):
            if self.ctx.is_stub:
                return None
            rule: type[Rule] = MissingReturnAnnotationPrivate
            message = MissingReturnAnnotationPrivate.message(info.kind, node.name,
                                                             info.is_nested)
        else:
            rule = MissingReturnAnnotationPublic
            message = MissingReturnAnnotationPublic.message(info.kind, node.name)
        if not self.wants(rule) or self._init_exempt(info):
            return None
        fix = self._return_fix(info, self.class_of.get(id(node)))
        span = name_span(self.ctx, node)
        hazard = info.typing_hazard()
        if hazard is None and node.name not in ENFORCED_DUNDER_RETURNS:
            hazard = self._typeshed_hazard(info)
        if fix is not None and hazard is not None:
            fix = None if hazard.certain else Fix(_unsafe_title(fix.description, hazard.reason),
                                                  Applicability.UNSAFE, fix.edits, fix.imports)
        annotation = _annotation_of(fix)
        if (fix is not None and annotation is not None and info.class_node is not None
                and fix.applicability is Applicability.SAFE and node.name != "__init__"):
            # Safe unless a subclass elsewhere overrides it with another type.
            self._defer(rule, span, message, fix, override=OverrideCheck(
                self._qualified(info.class_node.name), node.name, annotation,
                isinstance(node, ast.AsyncFunctionDef)))
        else:
            self._add(rule, span, message, fix)
        return fix

    def _init_exempt(self, info: FunctionInfo) -> bool:
        """mypy treats `__init__` as returning None once any parameter is annotated."""
        node = info.node
        if not (info.is_method and node.name == "__init__" and self.hints.mypy_init_return):
            return False
        return any(arg.annotation is not None for arg, _ in every_parameter_with_default(node))

    def _class_info(self, cls: ast.ClassDef) -> ClassInfo:
        cached = self.classes.get(id(cls))
        if cached is None:
            cached = self._read_bases(cls)
            self.classes[id(cls)] = cached
        return cached

    def _read_bases(self, cls: ast.ClassDef) -> ClassInfo:
        semantic = self.semantic
        info = ClassInfo(set(), False, False)
        queue, seen = [cls], {id(cls)}
        while queue:
            current = queue.pop()
            for base in current.bases:
                target = base.value if isinstance(base, ast.Subscript) else base
                qualified = semantic.qualified_name(target)
                if qualified in NEUTRAL_BASES:
                    continue
                if qualified in PROTOCOL_BASES:
                    info.protocol = info.protocol or current is cls
                    continue
                local = self._local_class(target)
                if local is None:
                    info.unknown_base = True
                    if qualified:
                        info.stdlib_bases.append(qualified)
                elif id(local) not in seen:
                    seen.add(id(local))
                    queue.append(local)
                    info.annotated_in_bases.update(_annotated_methods(local))
        return info

    def _local_class(self, target: ast.expr) -> Optional[ast.ClassDef]:
        if not isinstance(target, ast.Name):
            return None
        binding = self.semantic.lookup(target.id)
        if binding is not None and binding.kind == "class" and isinstance(binding.node,
                                                                          ast.ClassDef):
            return binding.node
        return None

    def _return_fix(self, info: FunctionInfo, cls: Optional[ClassInfo]) -> Optional[Fix]:
        node = info.node
        enforced = ENFORCED_DUNDER_RETURNS.get(node.name) if info.is_method else None
        if enforced is not None:
            if not self._names_usable([enforced], ()):
                return None
            return self._fix(info, enforced, (), safe=True)
        if (info.is_abstract or info.is_overload or info.has_yield or self.ctx.is_stub
                or is_stub_body(node.body) or None in info.returns):
            return None
        if cls is not None and (cls.protocol or node.name in cls.annotated_in_bases):
            return None
        sure = info.decorators_harmless and not (cls is not None and cls.unknown_base)
        values = [inferred for inferred in info.returns if inferred is not None]
        if not values and always_exits(node.body):
            # Every path raises. NoReturn changes how mypy reads every caller (code after the
            # call becomes unreachable) and forbids overrides that return, so it is unsafe.
            if not self._names_usable([], ("NoReturn",)):
                return None
            return self._fix(info, "NoReturn", ("NoReturn",), safe=False)
        types = [inferred.text for inferred in values]
        if not always_exits(node.body) and any(text != "None" for text in types):
            # The body may fall off its end after returning values elsewhere: `X | None` is
            # right, but mypy then asks for an explicit `return None`, a code change we leave
            # to the author.
            return None
        text, names = spell_union(types, self.ctx.settings.target_version)
        if not self._names_usable(types, names):
            return None
        return self._fix(info, text, names, safe=sure and all(v.safe for v in values))

    def _names_usable(self, builtin_names: list[str], typing_names: tuple[str, ...]) -> bool:
        """The annotation's names must mean the builtins and typing names where it is written
        (a module that defines its own `dict` or `Optional` gets no fix)."""
        semantic = self.semantic
        if not all(name == "None" or semantic.is_builtin(name) for name in builtin_names):
            return False
        for name in typing_names:
            binding = semantic.lookup(name)
            if binding is not None and binding.qualified != f"typing.{name}":
                return False
        return True

    def _fix(self, info: FunctionInfo, text: str, typing_names: tuple[str, ...],
             safe: bool) -> Optional[Fix]:
        edit = return_annotation_edit(self.ctx, info.node, text)
        if edit is None:
            return None
        return make_fix(MissingReturnAnnotationPublic.fix_title(text), [edit], safe=safe,
                        imports=tuple(("typing", name) for name in typing_names))


def _unsafe_title(title: str, reason: Optional[str]) -> str:
    return f"{title} (unsafe: {reason})" if reason else title


def _annotation_of(fix: Optional[Fix]) -> Optional[str]:
    """The annotation text a return fix adds."""
    if fix is None or not fix.edits:
        return None
    content = fix.edits[0].content
    return content[len(" -> "):] if content.startswith(" -> ") else None


def _annotated_methods(cls: ast.ClassDef) -> set[str]:
    return {statement.name for statement in cls.body
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
            and statement.returns is not None}
