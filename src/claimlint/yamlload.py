"""Safe YAML loading that remembers where every value was written.

Rules and config errors must point at ``file:line:col``, so instead of plain
dicts we build ``LMap``/``LList`` that carry the position of each key and item.
Only PyYAML's safe composer is used (no tags, no object construction), and
alias expansion is bounded so a "billion laughs" file is refused, not expanded.
PyYAML itself is imported on the first :func:`load`: a run served from the
rule cache parses no YAML and should not pay for importing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimlint.errors import ConfigError

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 10 * 1024 * 1024
MAX_NODES = 200_000
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)

class LMap(dict[str, Any]):
    """A mapping with ``pos`` (its own line, col) and ``key_pos[key]``/``value_pos[key]``."""

    pos: tuple[int, int] = (0, 0)
    key_pos: dict[str, tuple[int, int]]
    value_pos: dict[str, tuple[int, int]]


class LList(list[Any]):
    """A sequence with ``pos`` and ``item_pos[i]``."""

    pos: tuple[int, int] = (0, 0)
    item_pos: list[tuple[int, int]]


def load(path: str, text: str) -> Any:
    """Parse ``text`` (from ``path``) into located Python values.

    Raises ConfigError with the file position for syntax errors, oversize
    files, non-string keys, duplicate keys and alias bombs.
    """
    if len(text) > MAX_BYTES:
        raise ConfigError(path, f"file is too large ({len(text)} bytes; the limit is {MAX_BYTES})")
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise ConfigError(path, f"invalid YAML: {exc.problem or exc}", line, col) from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:
        return None
    return _Builder(path, loader, yaml).build(node)


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, path: str, loader: Any, yaml_module: Any) -> None:
        self.path = path
        self.loader = loader
        self.yaml = yaml_module
        self.count = 0

    def build(self, node: yaml.Node) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            line, col = _pos(node)
            raise ConfigError(
                self.path, f"too many YAML nodes (over {MAX_NODES}); aliases expand too far", line, col
            )
        if node.tag not in _PLAIN_TAGS:
            line, col = _pos(node)
            raise ConfigError(self.path, f"YAML tag {node.tag!r} is not allowed (only plain data)", line, col)
        if isinstance(node, self.yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, self.yaml.SequenceNode):
            out = LList(self.build(item) for item in node.value)
            out.pos = _pos(node)
            out.item_pos = [_pos(item) for item in node.value]
            return out
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            if node.tag.endswith(":str"):
                return str(node.value)
            return self._resolve(node)
        except (self.yaml.YAMLError, ValueError) as exc:
            line, col = _pos(node)
            raise ConfigError(self.path, f"bad value: {exc}", line, col) from None

    def _resolve(self, node: yaml.Node) -> Any:
        value = node.value
        tag = node.tag
        if tag.endswith(":null"):
            return None
        if tag.endswith(":bool"):
            return value.lower() in ("true", "yes", "on", "y")
        if tag.endswith(":int"):
            return int(value.replace("_", ""), 0) if value[:2].lower() in ("0x", "0o") else int(
                value.replace("_", "")
            )
        if tag.endswith(":float"):
            return float(value.replace("_", ""))
        return str(value)

    def _mapping(self, node: yaml.MappingNode) -> LMap:
        out = LMap()
        out.pos = _pos(node)
        out.key_pos = {}
        out.value_pos = {}
        for key_node, value_node in node.value:
            line, col = _pos(key_node)
            if not isinstance(key_node, self.yaml.ScalarNode):
                raise ConfigError(self.path, "mapping keys must be plain strings", line, col)
            key = str(key_node.value)
            if key == "<<":
                raise ConfigError(self.path, "merge keys (<<) are not supported", line, col)
            if key in out:
                raise ConfigError(self.path, f"duplicate key {key!r}", line, col)
            out[key] = self.build(value_node)
            out.key_pos[key] = (line, col)
            out.value_pos[key] = _pos(value_node)
        return out
