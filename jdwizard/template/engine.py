"""Rendering a template with answers into Markdown: Jinja2, in its sandbox, compiled once.

Answers are inserted literally (Jinja2 never evaluates a value). `segments()` gives the same
document as pieces that remember which field produced them, for a preview that highlights the
fields: each answer reaches the body as a string that knows its field, and Jinja2's `finalize`
hook, called for every `{{ ... }}` it prints, says which field the next piece of output came
from. Nothing is added to the text to find the fields again, so no character of a template or
an answer can confuse the two.

A user's body is untrusted: besides what Jinja2's sandbox refuses (Python's internals; here
also changing a list or dict in place), each render has a budget, and a body past it stops at
once with a LimitError naming the limit:

- text: MAX_TEXT characters made (printed, or built by `~`, `+`, `*`, `%`, a filter or a
  method); what an operation would build is estimated first (`"x" * 10**9`, `center(10**9)`,
  `"%999999999s"`, `replace`, `join`, `indent`...), so it is never built;
- steps: MAX_STEPS, each loop turn and call, a loop's turn counting as many steps as its body
  has nodes (loops in loops multiply, so `range` alone cannot bound them), and each call of a
  method, filter or test, and each `in`, as many more as the size of what it goes through
  (`_work`: a step per 64 characters, or per 4 items), so a loop scanning a long text stops
  after a few dozen turns;
- `wordwrap` (quadratic on a long word) of at most MAX_WRAP characters;
- time: MAX_SECONDS per render, a backstop for work the steps do not see (the clock is read
  every CLOCK_EVERY steps taken, and after each big one);
- `range()` of at most MAX_RANGE numbers, integers of at most MAX_INT_BITS bits;
- nesting: blocks MAX_BLOCK_DEPTH deep, nodes MAX_DEPTH deep (Python compiles a body as nested
  code, and Jinja2 parses it by recursion).

The loop and macro bodies and `~` are counted by rewriting the parsed body (`_bound`); the rest
by the environment's hooks (`call`, `call_binop`, the filters and tests, `finalize`).
"""

from __future__ import annotations

import functools
import re
import threading
import time
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from jdwizard.errors import UserError
from jdwizard.safe_text import visible
from jdwizard.template.answers import (
    LIST_SEPARATOR,
    escape_block_start,
    placeholder,
    prepare_answer,
)
from jdwizard.template.defaults import DefaultTooLarge, effective_answer
from jdwizard.template.model import Field, FieldKind, Template, Validator
from jdwizard.template.wording import article

if TYPE_CHECKING:
    from jinja2 import nodes
    from jinja2.sandbox import SandboxedEnvironment

# What may come before a value on its line for the value to begin a block: indentation, list
# item and quote markers.
_CONTAINER_PREFIX = re.compile(r"[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+|>[ \t]*)*")
_BLANK_RUNS = re.compile(r"\n{3,}")
_FIXED_ITEM = re.compile(r"^[ \t]*[-*+][ \t]+([^\n]*)$", re.MULTILINE)  # the body's own items


class RenderError(UserError):
    """The template's body failed on these answers (a bundle is checked with every field
    answered and with none, so a body may still fail on one particular answer)."""


class LimitError(RenderError):
    """The body went past a limit of the sandbox (the message says which), when it was read,
    compiled or rendered."""


MAX_TEXT = 2_000_000  # characters a render may make: 60 times a long post
MAX_STEPS = 1_000_000  # loop turns (weighted by their body's size) and calls, per render
MAX_RANGE = 10_000  # numbers in one range()
MAX_INT_BITS = 10_000  # about 3,000 digits
MAX_BLOCK_DEPTH = 16  # if/for/macro... inside one another (Python nests at most 20 loops)
MAX_DEPTH = 100  # nodes inside one another (expressions too)
MAX_WRAP = 20_000  # characters given to `wordwrap` (textwrap takes 0.07 s on 20,000 of one word)
MAX_SECONDS = 2.0  # per render: a real template renders in a few milliseconds
CLOCK_EVERY = 64  # calls of `step` between two readings of the clock

_LIMIT = "a limit of the sandbox"
TOO_MUCH_TEXT = f"it makes more than {MAX_TEXT:,} characters of text ({_LIMIT})"
TOO_MANY_STEPS = f"it takes more than {MAX_STEPS:,} steps, loop turns and calls ({_LIMIT})"
TOO_SLOW = f"it takes more than {MAX_SECONDS:g} s ({_LIMIT})"
_clock = time.monotonic  # the time of the budget (a test may make it jump)


def _body_line(error: BaseException) -> int | None:
    """The line of the body that raised `error` (Jinja2 gives its frames that file name)."""
    line = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


@dataclass(frozen=True)
class Segment:
    """A run of the document: fixed template text (field None) or one field's value."""

    text: str
    field: str | None = None
    filled: bool = True


class _Answer(str):
    """An answer on its way into the body: a string that knows its field."""

    field: str
    filled: bool

    def __new__(cls, text: str, field: str, filled: bool) -> _Answer:
        answer = super().__new__(cls, text)
        answer.field = field
        answer.filled = filled
        return answer


_printed = threading.local()  # what `finalize` saw since the last piece of output


def _finalize(value: object) -> object:
    """Jinja2 calls this for every value it prints: note it, count it, print it unchanged."""
    _budget().spend(_size(value))
    seen = getattr(_printed, "values", None)
    if seen is not None:
        seen.append(value)
    return value


# -- the budget of a render ---------------------------------------------------------------------


class _Budget:
    """What the render under way may still make and do."""

    __slots__ = ("calls", "deadline", "steps", "text")

    def __init__(self) -> None:
        self.steps = MAX_STEPS
        self.text = MAX_TEXT
        self.calls = 0
        self.deadline = _clock() + MAX_SECONDS

    def step(self, count: int = 1) -> None:
        self.steps -= count
        if self.steps < 0:
            raise LimitError(TOO_MANY_STEPS)
        self.calls += 1
        if self.calls % CLOCK_EVERY == 0 or count >= CLOCK_EVERY:
            self.check_time()

    def check_time(self) -> None:
        if _clock() > self.deadline:
            raise LimitError(TOO_SLOW)

    def fits(self, characters: int) -> None:
        """Refuse to build `characters` more text than is left."""
        if characters > self.text:
            raise LimitError(TOO_MUCH_TEXT)

    def spend(self, characters: int) -> None:
        self.fits(characters)
        self.text -= characters


_budgets = threading.local()  # the render under way in this thread: its budget


def _budget() -> _Budget:
    """The budget of this thread's render (a fresh one starts with each render; outside one,
    e.g. Jinja2 folding constants while compiling, the last render's or a fresh one)."""
    budget = getattr(_budgets, "current", None)
    if budget is None:
        budget = _budgets.current = _Budget()
    return budget


def _size(value: object, limit: int = MAX_TEXT) -> int:
    """About how many characters `value` prints as, counted up to just past `limit` (the
    items visited are counted as steps)."""
    if isinstance(value, str):
        return len(value)
    from jinja2 import Undefined
    from jinja2.utils import Namespace

    total = 0
    visited = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        visited += 1
        if isinstance(item, (str, bytes)):
            total += len(item) + 3
        elif isinstance(item, (range, Undefined)) or not isinstance(item, (Collection,
                                                                             Namespace)):
            total += 24  # a number, None, a range or another object: its repr is short
        elif isinstance(item, Namespace):  # prints its attributes (kept under this name)
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        elif len(item) > limit:
            total += len(item)
        elif isinstance(item, Mapping):
            total += 2 + 4 * len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            total += 2 + 2 * len(item)
            stack.extend(item)
    _budget().step(visited // 10)
    return total


def _shallow(value: object) -> int:
    """The length of a string or collection (0 for anything else): what it cost to build."""
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        return len(value)
    return 0


def _text_made(value: object) -> None:
    _budget().spend(_shallow(value))


def _work(value: object, per_item: bool = False) -> int:
    """The steps it costs to go through `value`: one per 64 characters of a string or 4 items
    of a collection (scanned by Python's C code), or one per item or character when
    `per_item` (gone through one by one in Python, e.g. by `sort`)."""
    if isinstance(value, (str, bytes)):
        return len(value) if per_item else len(value) // 64
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        return len(value) if per_item else len(value) // 4
    return 0


def _work_of_all(values: Iterable[object]) -> int:
    return sum(_work(value) for value in values)


# -- estimates of what an operation would build --------------------------------------------------

_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")


def _percent_size(text: str, values: object) -> int:
    """An upper bound of the length of `text % values` (a `*` width is refused)."""
    total = len(text) + _size(values)
    for width, precision in _PERCENT_FIELD.findall(text):
        if "*" in (width, precision):
            raise LimitError(f"a '*' width in a % format is not allowed ({_LIMIT})")
        total += int(width or 0) + int(precision or 0)
    return total


def _occurrences(text: str | bytes, old: object) -> int:
    """How many times `text.replace(old, ...)` inserts (1 when `old` is not of its kind)."""
    if isinstance(text, str):
        return (text.count(old) if old else len(text) + 1) if isinstance(old, str) else 1
    return (text.count(old) if old else len(text) + 1) if isinstance(old, bytes) else 1


def _replace_size(text: str | bytes, old: object, new: object) -> int:
    """An upper bound of the length of `text.replace(old, new)`."""
    new_length = len(new) if isinstance(new, (str, bytes)) else _size(new)
    return len(text) + _occurrences(text, old) * new_length


def _join_size(items: list[object], separator: object) -> int:
    joints = max(len(items) - 1, 0) * (len(separator) if isinstance(separator, str) else 0)
    return joints + sum(_size(item) for item in items)


def _number(args: tuple[Any, ...], kwargs: Mapping[str, Any], index: int, key: str,
            default: int = 0) -> int:
    """The argument at `index` or named `key`, if it is a whole number (else `default`)."""
    value = args[index] if len(args) > index else kwargs.get(key, default)
    return value if isinstance(value, int) else default


def _argument(args: tuple[Any, ...], kwargs: Mapping[str, Any], index: int, key: str,
              default: object = None) -> object:
    return args[index] if len(args) > index else kwargs.get(key, default)


_REFUSED_METHODS = frozenset({"format", "format_map", "translate", "maketrans"})


def _method_size(owner: object, name: str, args: tuple[Any, ...],
                 kwargs: Mapping[str, Any]) -> int:
    """An upper bound of what a method of a string (or number) builds; 0 when it builds no
    more than its input."""
    length = len(owner) if isinstance(owner, (str, bytes)) else 0
    if name in ("center", "ljust", "rjust", "zfill", "to_bytes"):
        return max(length, _number(args, kwargs, 0, "width", _number(args, kwargs, 0, "length")))
    if isinstance(owner, (str, bytes)):
        if name == "expandtabs":
            tabs = _occurrences(owner, "\t" if isinstance(owner, str) else b"\t")
            return length + tabs * _number(args, kwargs, 0, "tabsize", 8)
        if name == "replace" and args:
            return _replace_size(owner, args[0], _argument(args, kwargs, 1, "new", ""))
    return 0


def _filter_size(name: str, value: Any, args: tuple[Any, ...],
                 kwargs: Mapping[str, Any]) -> int:
    """An upper bound of what the filter `name` builds from `value`, for the filters that may
    build more than their input; 0 for the others."""
    text = value if isinstance(value, str) else ""
    if name == "center":
        return max(len(text), _number(args, kwargs, 0, "width", 80))
    if name == "indent":
        width = _argument(args, kwargs, 0, "width", 4)
        per_line = width if isinstance(width, int) else _size(width)
        return len(text) + (text.count("\n") + 1) * per_line
    if name == "replace":
        return _replace_size(text, _argument(args, kwargs, 0, "old"),
                             _argument(args, kwargs, 1, "new", ""))
    if name == "format":
        return _percent_size(text, (args, kwargs))
    if name == "wordwrap":
        wrap = _argument(args, kwargs, 2, "wrapstring")
        return len(text) * (1 + (len(wrap) if isinstance(wrap, str) else 1))
    if name == "truncate":
        return len(text) + _size(_argument(args, kwargs, 2, "end", "..."))
    if name in ("batch", "slice"):
        return _shallow(value) + _number(args, kwargs, 0, "linecount" if name == "batch"
                                         else "slices")
    if name == "sum" and not isinstance(_argument(args, kwargs, 1, "start", 0),
                                        (int, float)):
        raise LimitError(f"sum() of anything but numbers is not allowed ({_LIMIT})")
    return 0


# Filters that never turn their value into text: their value's size is not checked.
_NOT_PRINTING = frozenset({
    "abs", "attr", "batch", "count", "d", "default", "dictsort", "first", "float", "groupby",
    "int", "items", "last", "length", "list", "map", "max", "min", "random", "reject",
    "rejectattr", "reverse", "round", "select", "selectattr", "slice", "sort", "sum", "unique",
})


# Filters that go through a string's characters one by one, in Python.
_PER_ITEM = frozenset({
    "batch", "dictsort", "groupby", "join", "list", "map", "max", "min", "reject", "rejectattr",
    "select", "selectattr", "slice", "sort", "sum", "unique", "urlize", "wordwrap",
})
# Filters whose cost does not grow with their value.
_CONSTANT = frozenset({"attr", "count", "d", "default", "first", "length", "random"})


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` (a Jinja2 filter), counted as steps by what it goes through (`_work`), its
    result as text made, and refused when it would build more text than is left."""
    offset = 1 if hasattr(function, "jinja_pass_arg") else 0  # a context or environment first

    @functools.wraps(function)  # keeps Jinja2's mark of what it is passed first
    def bounded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        value, rest = args[offset], args[offset + 1:]
        work = 0 if name in _CONSTANT else _work(value, name in _PER_ITEM)
        budget.step(1 + work + _work_of_all(rest) + _work_of_all(kwargs.values()))
        if name == "wordwrap" and isinstance(value, str) and len(value) > MAX_WRAP:
            raise LimitError(f"wordwrap of more than {MAX_WRAP:,} characters ({_LIMIT})")
        if name == "join":  # materialised here, so its size can be known
            value = list(value)
            args = (*args[:offset], value, *rest)
            budget.fits(_join_size(value, _argument(rest, kwargs, 0, "d", "")))
        elif name not in _NOT_PRINTING and not isinstance(value, str):
            budget.fits(_size(value, budget.text))
        budget.fits(_filter_size(name, value, rest, kwargs))
        result = function(*args, **kwargs)
        budget.check_time()
        budget.spend(_shallow(result))
        return result

    return bounded


def _bounded_test(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` (a Jinja2 test), counted as steps by what it goes through (`_work`)."""
    offset = 1 if hasattr(function, "jinja_pass_arg") else 0  # an environment first

    @functools.wraps(function)  # keeps Jinja2's mark of what it is passed first
    def bounded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.step(1 + _work_of_all(args[offset:]) + _work_of_all(kwargs.values()))
        result = function(*args, **kwargs)
        budget.check_time()
        return result

    return bounded


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise LimitError(f"range() of more than {MAX_RANGE:,} numbers ({_LIMIT})")
    return numbers


def _check_bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise LimitError(f"a number of more than {MAX_INT_BITS:,} bits ({_LIMIT})")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `left operator right` when it would build more than is left, or a huge number."""
    budget = _budget()
    budget.step()
    sequences = (str, bytes, list, tuple)
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, sequences) and isinstance(times, int):
                budget.fits(_size(sequence, budget.text) * max(times, 0))
        if isinstance(left, int) and isinstance(right, int):
            _check_bits(abs(left).bit_length() + abs(right).bit_length())
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
            _check_bits((abs(left).bit_length() - 1) * min(right, MAX_INT_BITS + 1))
    elif operator == "%":
        if isinstance(left, str):
            budget.fits(_percent_size(left, right))
    elif operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
        budget.fits(len(left) + len(right))


def _check_call(function: Any, args: tuple[Any, ...],
                kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
    """Refuse a method call that would build more than is left; the arguments to call with
    (an iterable joined is materialised, to know its size)."""
    budget = _budget()
    method = getattr(function, "__wrapped__", function)  # the sandbox wraps str.format
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    budget.step(1 + _work(owner) + _work_of_all(args) + _work_of_all(kwargs.values()))
    if owner is None or not isinstance(owner, (str, bytes, int)):
        return args
    if name in _REFUSED_METHODS:
        raise LimitError(f"{type(owner).__name__}.{name}() is not allowed ({_LIMIT})")
    if name == "join" and args and isinstance(owner, str):
        items = list(args[0])
        budget.fits(_join_size(items, owner))
        return (items, *args[1:])
    budget.fits(_method_size(owner, name, args, kwargs))
    return args


class _Counted:
    """A loop's iterable, each item counted as a step."""

    def __init__(self, iterable: Iterable[Any]) -> None:
        self._iterable = iterable

    def __iter__(self) -> Iterator[Any]:
        budget = _budget()
        for item in self._iterable:
            budget.step()
            yield item

    def __len__(self) -> int:  # Jinja2's `loop.length` (TypeError: it counts the items)
        return len(self._iterable)  # type: ignore[arg-type]


def _loop_filter(_context: object, iterable: Iterable[Any]) -> _Counted:
    return _Counted(iterable)


def _turn_filter(_context: object, _value: None, steps: int, text: int) -> str:
    """Run at the start of each turn of a loop (or call of a macro): its body's cost."""
    budget = _budget()
    budget.step(steps)
    budget.spend(text)
    return ""


def _scan_filter(_context: object, container: Any) -> Any:
    """`container` of an `in` or `not in`, unchanged, counted as what `in` goes through."""
    _budget().step(1 + _work(container))
    return container


def _concat_filter(_context: object, *values: Any) -> str:
    """`a ~ b ~ c`: their text, joined (Jinja2's own join, sized first)."""
    _budget().spend(sum(_size(value) for value in values))
    return "".join(map(str, values))


_LOOP, _TURN, _CONCAT = "_jdwizard_loop", "_jdwizard_turn", "_jdwizard_concat"
_SCAN = "_jdwizard_scan"


def _check_depth(tree: nodes.Node) -> None:
    """Refuse a tree nested deeper than MAX_DEPTH nodes or MAX_BLOCK_DEPTH blocks (walked
    without recursion)."""
    from jinja2 import nodes

    blocks = (nodes.If, nodes.For, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.With,
              nodes.Scope, nodes.AssignBlock, nodes.Block, nodes.ScopedEvalContextModifier)
    stack: list[tuple[nodes.Node, int, int]] = [(tree, 1, 0)]
    while stack:
        node, depth, block_depth = stack.pop()
        if depth > MAX_DEPTH:
            raise LimitError(f"it nests more than {MAX_DEPTH} levels deep ({_LIMIT})")
        if isinstance(node, blocks):
            block_depth += 1
            if block_depth > MAX_BLOCK_DEPTH:
                raise LimitError(f"its blocks nest more than {MAX_BLOCK_DEPTH} deep ({_LIMIT})")
        stack.extend((child, depth + 1, block_depth) for child in node.iter_child_nodes())


_bound_trees: weakref.WeakSet[nodes.Template] = weakref.WeakSet()


def _bound(tree: nodes.Template) -> None:
    """Rewrite a parsed body (once) so a render counts what it does: each loop's items are
    counted, each turn of a loop and call of a macro costs what its body holds, `~` is sized
    before it joins, and what `in` goes through is counted."""
    from jinja2 import nodes

    if tree in _bound_trees:
        return
    _bound_trees.add(tree)
    bodies: list[nodes.For | nodes.Macro | nodes.CallBlock] = [
        *tree.find_all(nodes.For), *tree.find_all(nodes.Macro), *tree.find_all(nodes.CallBlock)]
    for node in bodies:
        steps, text = 1, 0
        for inner in (n for child in node.body for n in (child, *child.find_all(nodes.Node))):
            steps += 1
            if isinstance(inner, nodes.TemplateData):
                text += len(inner.data)
            elif isinstance(inner, nodes.Const) and isinstance(inner.value, str):
                text += len(inner.value)
        turn = nodes.Filter(nodes.Const(None), _TURN, [nodes.Const(steps), nodes.Const(text)],
                            [], None, None, lineno=node.lineno)
        node.body.insert(0, nodes.ExprStmt(turn, lineno=node.lineno))
        if isinstance(node, nodes.For):
            node.iter = nodes.Filter(node.iter, _LOOP, [], [], None, None,
                                     lineno=node.iter.lineno)
    _sized_operators().visit(tree)
    tree.set_environment(sandbox())


@cache
def _sized_operators() -> Any:
    """A transformer turning each `a ~ b` into the filter that sizes it first, and the right
    side of each `in` into the filter that counts it."""
    from jinja2 import nodes
    from jinja2.visitor import NodeTransformer

    class SizedOperators(NodeTransformer):
        def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:  # noqa: N802
            self.generic_visit(node)
            first, *rest = node.nodes
            return nodes.Filter(first, _CONCAT, rest, [], None, None, lineno=node.lineno)

        def visit_Operand(self, node: nodes.Operand) -> nodes.Operand:  # noqa: N802
            self.generic_visit(node)
            if node.op in ("in", "notin"):
                node.expr = nodes.Filter(node.expr, _SCAN, [], [], None, None,
                                         lineno=node.expr.lineno)
            return node

    return SizedOperators()


@cache
def sandbox() -> SandboxedEnvironment:
    """The Jinja2 environment every body renders in: sandboxed (lists and dicts cannot be
    changed in place), bounded (see the module's notes), strict about undefined names, no
    escaping (the output is Markdown), the body's last newline kept."""
    from jinja2 import StrictUndefined, Template, TemplateSyntaxError
    from jinja2.runtime import LoopContext, Macro
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from jinja2.utils import pass_context

    class BoundedTemplate(Template):
        def new_context(self, *args: Any, **kwargs: Any) -> Any:  # a render starts
            _budgets.current = _Budget()
            return super().new_context(*args, **kwargs)

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%", "+"})

        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            self.template_class = BoundedTemplate
            self.globals["range"] = _bounded_range
            self.globals.pop("lipsum", None)  # paragraphs by the thousand, of no use here
            self.filters = {name: _bounded_filter(name, function)
                            for name, function in self.filters.items()}
            self.filters.update({_LOOP: pass_context(_loop_filter),
                                 _TURN: pass_context(_turn_filter),
                                 _CONCAT: pass_context(_concat_filter),
                                 _SCAN: pass_context(_scan_filter),
                                 "article": _bounded_filter("article", article)})
            tests = cast("dict[str, Callable[..., Any]]", self.tests)
            self.tests = {name: _bounded_test(function) for name, function in tests.items()}

        def parse(self, source: str, name: str | None = None,
                  filename: str | None = None) -> nodes.Template:
            try:
                tree = super().parse(source, name, filename)
            except RecursionError:
                raise LimitError(f"it nests too deeply to be read ({_LIMIT})") from None
            _check_depth(tree)
            return tree

        def compile(self, source: str | nodes.Template, name: str | None = None,
                    filename: str | None = None, raw: bool = False,
                    defer_init: bool = False) -> Any:
            tree = self.parse(source, name, filename) if isinstance(source, str) else source
            _check_depth(tree)
            _bound(tree)
            _budgets.current = _Budget()  # for the constants Jinja2 folds, on today's clock
            try:
                if raw:
                    return super().compile(tree, name, filename, raw=True, defer_init=defer_init)
                return super().compile(tree, name, filename, defer_init=defer_init)
            except TemplateSyntaxError:
                raise
            except (RecursionError, SyntaxError):  # Python's limits on nested code
                raise LimitError(f"it nests too deeply to be compiled ({_LIMIT})") from None

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _check_binop(operator, left, right)
            result = super().call_binop(context, operator, left, right)
            _text_made(result)
            return result

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            args = _check_call(__obj, args, kwargs)
            result = super().call(__context, __obj, *args, **kwargs)
            _budget().check_time()
            if not isinstance(__obj, (Macro, LoopContext)):  # their text is counted inside
                _text_made(result)
            return result

    return BoundedSandbox(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
        finalize=_finalize,
    )


class Renderer:
    """A template's body, compiled once; renders answers into Markdown or segments."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self._compiled = sandbox().from_string(template.body)
        self._line_starts, self._full_stops = self._fields_starting_a_line()

    def _fields_starting_a_line(self) -> tuple[frozenset[str], bool]:
        """The fields that the template puts at the start of a line or list item somewhere
        (found by rendering it with every field answered; all of them if that fails), and
        whether the body's own list items end with a full stop (then so do a list answer's)."""
        values = {f.name: _Answer("x", f.name, True) for f in self.template.fields}
        try:
            pieces = list(self._pieces(values))
        except Exception:  # a template that needs particular answers: escape wherever needed
            return frozenset(self.template.field_names), False
        starts = set()
        line = ""  # the text of the current line before the piece
        for piece in pieces:
            if piece.field is not None and _CONTAINER_PREFIX.fullmatch(line):
                starts.add(piece.field)
            line = (line + piece.text).rpartition("\n")[2]
        fixed = "".join(piece.text if piece.field is None else "\0" for piece in pieces)
        items = [item for item in map(str.rstrip, _FIXED_ITEM.findall(fixed))
                 if not item.endswith("\0")]  # those whose end is the body's own text
        stops = sum(item.endswith(".") for item in items)
        return frozenset(starts), bool(items) and stops * 2 > len(items)

    def _value(self, field: Field, raw: str) -> str:
        """The answer as inserted: prepared, with block Markdown escaped where it starts one;
        a deadline as the sentence that says it; a list's items ending as the body's do."""
        value = prepare_answer(field, raw)
        if value and field.validate is Validator.DEADLINE:
            from jdwizard.deadline import sentence

            value = sentence(value, date.today())
        if not value or (field.kind is FieldKind.TEXT and not field.as_list):
            return value  # free text is the user's own Markdown
        first, *items = value.split(LIST_SEPARATOR) if field.as_list else [value]
        if field.name in self._line_starts:
            first = escape_block_start(first)
        items = [first, *(escape_block_start(item) for item in items)]
        if field.as_list and self._full_stops:
            items = [_with_full_stop(item) for item in items]
        return LIST_SEPARATOR.join(items)

    def _values(self, answers: Mapping[str, str]) -> dict[str, _Answer]:
        """Each field's value for the body: its answer (or its default, while untouched),
        `{{name}}` when a required field is unanswered, "" when an optional one is."""
        values = {}
        for field in self.template.fields:
            raw = answers.get(field.name)
            if raw is None:
                raw = effective_answer(self.template, field, answers)
            value = self._value(field, raw)
            if value:
                values[field.name] = _Answer(value, field.name, True)
            else:
                values[field.name] = _Answer(placeholder(field) if field.required else "",
                                             field.name, False)
        return values

    def _pieces(self, values: Mapping[str, _Answer]) -> Iterable[Segment]:
        """The body's output as Jinja2 produces it, each piece tagged with its field (if the
        piece is exactly one field's value, as `{{ name }}` prints it)."""
        seen: list[object] = []
        _printed.values = seen
        try:
            for chunk in self._compiled.generate(values):
                printed = seen[0] if len(seen) == 1 else None
                seen.clear()
                if isinstance(printed, _Answer) and chunk == printed:
                    yield Segment(chunk, printed.field, printed.filled)
                elif chunk:
                    yield Segment(chunk)
        finally:
            _printed.values = None

    def render(self, answers: Mapping[str, str]) -> str:
        """The Markdown document; unanswered required fields show as `{{name}}`."""
        return "".join(segment.text for segment in self.segments(answers))

    def segments(self, answers: Mapping[str, str]) -> list[Segment]:
        """The document as segments tagged with the field each value came from.

        Raises RenderError (one line, naming the body's line) when the body fails on them."""
        try:
            pieces = list(self._pieces(self._values(answers)))
        except LimitError as error:
            line = _body_line(error)
            where = f" at line {line}" if line is not None else ""
            raise LimitError(
                f"template '{self.template.id}' cannot be rendered{where}: {error}; "
                "fix the template's body"
            ) from None
        except DefaultTooLarge as error:
            raise RenderError(f"template '{self.template.id}' cannot be rendered: {error}") \
                from None
        except Exception as error:  # the template's own code, on the user's answers
            line = _body_line(error)
            where = f" at line {line}" if line is not None else ""
            reason = visible(" ".join(str(error).split())[:200]) or type(error).__name__
            raise RenderError(
                f"template '{self.template.id}' cannot render these answers: its body fails"
                f"{where} ({reason}); change that answer, or fix the template's body"
            ) from None
        return _tidy(pieces)


def _with_full_stop(item: str) -> str:
    """A list item ending with a full stop (or its own end mark: "?", "!", "…", ":")."""
    stripped = item.rstrip(" ,;")
    if not stripped or stripped[-1] in ".!?…:":
        return stripped or item
    return f"{stripped}."


def _tidy(segments: list[Segment]) -> list[Segment]:
    """Collapse runs of blank lines left by optional sections; end with one newline.

    The same as `re.sub(r"\\n{3,}", "\\n\\n", text).strip("\\n") + "\\n"` on the joined text,
    done on the segments: it only deletes newlines, so each segment keeps what is left of it."""
    text = "".join(segment.text for segment in segments)
    body_start = len(text) - len(text.lstrip("\n"))
    body_end = len(text.rstrip("\n"))
    if body_end <= body_start:
        return [Segment("\n")]
    cuts = [(0, body_start)]
    cuts += [(m.start() + 2, m.end()) for m in _BLANK_RUNS.finditer(text, body_start, body_end)]
    cuts.append((body_end, len(text)))
    tidied: list[Segment] = []
    start = 0
    cut = 0
    for segment in segments:
        end = start + len(segment.text)
        kept: list[str] = []
        position = start
        while cut < len(cuts) and cuts[cut][0] < end:
            cut_start, cut_end = cuts[cut]
            if cut_start > position:
                kept.append(text[position:cut_start])
            position = max(position, cut_end)
            if cut_end > end:
                break
            cut += 1
        if position < end:
            kept.append(text[position:end])
        if kept:
            tidied.append(Segment("".join(kept), segment.field, segment.filled))
        start = end
    tidied.append(Segment("\n"))
    return tidied
