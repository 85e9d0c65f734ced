"""YAML files read safely: PyYAML's safe loader only, bounded, with the line of every value.

The node tree is composed first so that every value's line is known (pydantic's error locations are
mapped back to lines by :mod:`questions.loader`). Nesting depth, number of nodes, alias expansion and the
length of a value or a number are bounded (:mod:`questions.limits`), so hostile files (YAML bombs, deep
nesting) are refused quickly instead of exhausting memory; text may not carry the characters
:data:`~questions.safe_text.REFUSED` names. libyaml is used when present (``_FAST``), else pure Python.
"""

from __future__ import annotations

from typing import Any

import yaml

from questions.errors import LoadError
from questions.limits import MAX_DEPTH, MAX_EXPANDED, MAX_NODES, MAX_NUMBER, MAX_SCALAR
from questions.parsed import Parsed
from questions.safe_text import quoted, refused_in, shown


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing nesting deeper than :data:`MAX_DEPTH` while composing.

    PyYAML composes nodes recursively; without this bound a file of 10 000 ``[`` costs a second and a
    ``RecursionError`` before anything can be said about it.
    """

    def __init__(self, text: str, file: str) -> None:
        super().__init__(text)
        self._file = file
        self._depth = 0

    def fetch_flow_collection_start(self, TokenClass: type[yaml.Token]) -> None:  # noqa: N803 - PyYAML's name
        # The scanner reads ahead over every "[" of "[[[[..." before the composer sees one: stop it early.
        if self.flow_level >= MAX_DEPTH:
            mark = self.get_mark()
            raise LoadError(self._file, f"nesting deeper than {MAX_DEPTH} levels", mark.line + 1)
        super().fetch_flow_collection_start(TokenClass)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise LoadError(self._file, f"nesting deeper than {MAX_DEPTH} levels", mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _fast_loader_available() -> bool:
    """libyaml's safe loader is used when present and new enough to bound nesting itself (0.2.5+)."""
    if not getattr(yaml, "__with_libyaml__", False):
        return False
    try:
        from yaml import _yaml

        return tuple(_yaml.get_version()) >= (0, 2, 5)
    except (ImportError, AttributeError, TypeError):
        return False


_FAST = _fast_loader_available()


def _make_loader(text: str, file: str) -> yaml.SafeLoader | yaml.CSafeLoader:
    # libyaml composes ~8x faster than pure Python and refuses nesting over 1000 levels on its own;
    # MAX_DEPTH is then enforced by _walk. Without it, _BoundedLoader stops at MAX_DEPTH while composing.
    if _FAST:
        return yaml.CSafeLoader(text)
    return _BoundedLoader(text, file)


def parse_yaml(text: str, file: str) -> Parsed:
    """Parse YAML (JSON is YAML) safely, recording each value's line. Raises :class:`LoadError`."""
    try:
        loader = _make_loader(text, file)  # the pure-Python reader checks characters here already
    except yaml.YAMLError as exc:
        message, line = _yaml_problem(exc, text)
        raise LoadError(file, message, line) from None
    try:
        node = loader.get_single_node()
    except LoadError:
        loader.dispose()
        raise
    except yaml.YAMLError as exc:
        message, line = _yaml_problem(exc, text)
        raise LoadError(file, message, line) from None
    except RecursionError:
        raise LoadError(file, "nesting is too deep") from None
    if node is None:
        raise LoadError(file, "the file is empty", 1)
    lines: dict[tuple[str | int, ...], int] = {}
    bad: list[tuple[tuple[str | int, ...], int, str]] = []
    try:
        _expanded_size(node, file, {}, set(), 0)
        _walk(node, (), lines, file, [0, 0], bad)
        if bad:
            _raise_bad(bad[0], loader, node, lines, file)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        message, line = _yaml_problem(exc, text)
        raise LoadError(file, message, line or node.start_mark.line + 1) from None
    except (RecursionError, ValueError, OverflowError, AttributeError, TypeError) as exc:
        # a timestamp like 2026-13-45 or another value the constructor cannot build
        raise LoadError(file, f"not valid YAML: {shown(str(exc), 200, fold=True)}", node.start_mark.line + 1) from None
    finally:
        loader.dispose()
    return Parsed(data=data, lines=lines, file=file)


def _raise_bad(
    problem: tuple[tuple[str | int, ...], int, str],
    loader: yaml.SafeLoader | yaml.CSafeLoader,
    node: yaml.Node,
    lines: dict[tuple[str | int, ...], int],
    file: str,
) -> None:
    """Raise the content problem found by :func:`_walk`, naming its item when the document can be built."""
    path, line, message = problem
    try:
        item = Parsed(data=loader.construct_document(node), lines=lines, file=file).item_of(path)
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError, AttributeError, TypeError):
        item = None
    raise LoadError(file, message, line, item)


def _yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[str, int | None]:
    """A one-line description of a PyYAML error and its line, without PyYAML's stream-name noise."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "cannot be parsed"
        return f"not valid YAML: {shown(what, None, fold=True)}", (mark.line + 1 if mark is not None else None)
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        char = f" (U+{exc.character:04X})" if isinstance(exc.character, int) else ""
        return f"not valid YAML: {exc.reason}{char}", line
    return f"not valid YAML: {shown(str(exc), 200, fold=True)}", None


def _expanded_size(node: yaml.Node, file: str, sizes: dict[int, int], active: set[int], depth: int) -> int:
    """How many values ``node`` stands for once aliases are expanded; refuses bombs before walking them.

    Each distinct node is counted once (memoised by identity), so a billion-laughs file costs a few
    hundred steps instead of a billion.
    """
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in active:
        raise LoadError(file, "an alias refers to itself (recursive structure)", node.start_mark.line + 1)
    if depth > MAX_DEPTH:
        raise LoadError(file, f"nesting deeper than {MAX_DEPTH} levels", node.start_mark.line + 1)
    active.add(key)
    total = 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            total += _expanded_size(k, file, sizes, active, depth + 1)
            total += _expanded_size(v, file, sizes, active, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            total += _expanded_size(v, file, sizes, active, depth + 1)
    if total > MAX_NODES:
        raise LoadError(file, f"too many values (over {MAX_NODES} after expanding aliases)", node.start_mark.line + 1)
    active.discard(key)
    sizes[key] = total
    return total


def _walk(
    node: yaml.Node,
    path: tuple[str | int, ...],
    lines: dict[tuple[str | int, ...], int],
    file: str,
    count: list[int],
    bad: list[tuple[tuple[str | int, ...], int, str]],
) -> None:
    """Record every value's line; raise on size bombs, collect the first content problem in ``bad``.

    ``count`` holds the number of values and of characters seen so far, aliases expanded.
    """
    count[0] += 1
    line = node.start_mark.line + 1
    if count[0] > MAX_NODES:
        raise LoadError(file, f"too many values (over {MAX_NODES} after expanding aliases)", line)
    if isinstance(node, yaml.ScalarNode):
        count[1] += len(node.value)
        if count[1] > MAX_EXPANDED:
            raise LoadError(file, f"aliases expand to more than {MAX_EXPANDED // 1_000_000} million characters", line)
    if len(path) > MAX_DEPTH:
        raise LoadError(file, f"nesting deeper than {MAX_DEPTH} levels", line)
    lines.setdefault(path, line)
    if isinstance(node, yaml.ScalarNode):
        _check_scalar(node, path, bad)
    elif isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                k = key.value
                _check_scalar(key, path, bad)
                if k in seen and k != "<<" and not bad:
                    twice = f"key {quoted(k)} appears twice in the same block"
                    bad.append(((*path, k), key.start_mark.line + 1, twice))
                seen.add(k)
            else:
                k = str(key.start_mark.line)
            key_path = (*path, k)
            lines[key_path] = key.start_mark.line + 1
            _walk(value, key_path, lines, file, count, bad)
    elif isinstance(node, yaml.SequenceNode):
        for n, value in enumerate(node.value):
            _walk(value, (*path, n), lines, file, count, bad)


def _check_scalar(node: yaml.ScalarNode, path: tuple[str | int, ...], bad: list[Any]) -> None:
    """Note an over-long value or a control character (only the first problem is kept)."""
    if bad:
        return
    value: str = node.value
    line = node.start_mark.line + 1
    if len(value) > MAX_SCALAR:
        bad.append((path, line, f"a value is longer than {MAX_SCALAR} characters"))
        return
    if node.tag.endswith(":int") and len(value) > MAX_NUMBER:
        bad.append((path, line, f"a number with {len(value)} characters is too long"))
        return
    problem = refused_in(value)
    if problem is not None:
        bad.append((path, line, problem))


__all__ = ["parse_yaml"]
