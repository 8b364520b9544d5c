"""nbconvert's HTML exporter for nbgrader's feedback: its templates compiled once per process, and
its page written once.

Every feedback page builds a new exporter, and with it a new Jinja environment that compiles the
feedback template and the nine it extends again (0.1-0.2 s a submission). Compiled templates are
kept here, process-wide, and filled by `warm_up` before the page is written: once in the workers'
fork server for a cohort (every worker forked from it starts with them), while the kernel runs for a
lone submission. Jinja checks each template's source against its checksum before reuse.

HTMLExporter then parses its finished page back with BeautifulSoup, to give images without alt text
one and to make JupyterLab-template cells focusable, and serializes it again: two thirds of the
page's time for a churn submission (0.45 s of 0.7 s). The feedback template is the classic one, which
has no such cells; images get the same alt text here from one pass over the text.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from nbconvert.exporters import HTMLExporter, TemplateExporter

# HTMLExporter's own text for an image that has none (nbconvert 7).
MISSING_ALT = "No description has been provided for this image"
# An <img> tag whose attribute values may hold ">"; scripts and styles are left as they are.
_IMG = re.compile(r"""<img\b((?:[^>"']|"[^"]*"|'[^']*')*?)\s*/?>""", re.IGNORECASE)
_HAS_ALT = re.compile(r"""\salt(?:\s*=|\s|$)""", re.IGNORECASE)
_CODE = re.compile(r"(<(script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)


class _CompiledTemplates(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


def with_alt_text(html: str) -> str:
    """`html` with every `<img>` that has no alt attribute given HTMLExporter's missing-alt text."""

    def add_alt(m: re.Match[str]) -> str:
        attributes = m.group(1)
        return m.group(0) if _HAS_ALT.search(attributes) else f'<img{attributes} alt="{MISSING_ALT}"/>'

    # _CODE's groups keep the scripts and styles in the split, at odd places: left as they are.
    pieces = _CODE.split(html)
    return "".join(
        piece if i % 3 else _IMG.sub(add_alt, piece) for i, piece in enumerate(pieces) if i % 3 != 2
    )


class _PageSetAside(TemplateExporter):  # type: ignore[misc]
    """Comes between HTMLExporter and TemplateExporter in FeedbackExporter's MRO: HTMLExporter's
    set-up (highlighting, widget filters, resources) and the rendering stay nbconvert's own, and only
    the text its BeautifulSoup pass would parse is kept aside."""

    _rendered: str | None = None

    def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[str, Any]:
        self._rendered, resources = super().from_notebook_node(nb, resources, **kw)
        return "", resources


class FeedbackExporter(HTMLExporter, _PageSetAside):  # type: ignore[misc]
    def _create_environment(self) -> Any:
        environment = super()._create_environment()
        environment.bytecode_cache = COMPILED_TEMPLATES
        return environment

    def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[str, Any]:
        self._rendered = None
        html, resources = super().from_notebook_node(nb, resources, **kw)
        if self._rendered is None:  # a later nbconvert that renders another way: its page as it is
            return html, resources
        return with_alt_text(self._rendered), resources
