"""What a reviewer notices in a notebook's code before running it: randomness nobody seeded and
paths that exist only on the author's machine.

Read from the source alone (Python's own parser), so it costs nothing and never runs the
candidate's code. scikit-learn names are resolved through the imports the notebook makes, and
an estimator is asked (its signature) whether it takes a `random_state`.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mleprep.core.version_cache import cached_by_version


@dataclass(frozen=True)
class Finding:
    kind: str  # "seed", "path", "lint", "error", "order"
    cell: str  # the answer cell's grade_id, or "cell N" for a cell without one
    line: int | None
    message: str


# Randomness only in solvers or options these do not use by default (lbfgs, cholesky, cyclic
# coordinate descent, libsvm without probability=True): a missing random_state changes nothing.
DETERMINISTIC_BY_DEFAULT = frozenset(
    {
        "LogisticRegression",
        "LogisticRegressionCV",
        "Ridge",
        "RidgeClassifier",
        "RidgeCV",
        "RidgeClassifierCV",
        "Lasso",
        "LassoCV",
        "ElasticNet",
        "ElasticNetCV",
        "SVC",
        "NuSVC",
        "LinearSVC",
        "LinearSVR",
        "TruncatedSVD",
        "PCA",
        "HistGradientBoostingClassifier",  # random only with early stopping on more than 10,000 rows
        "HistGradientBoostingRegressor",
    }
)
SPLITTERS_RANDOM_ONLY_SHUFFLED = frozenset({"KFold", "StratifiedKFold", "GroupKFold", "StratifiedGroupKFold"})
NUMPY_LEGACY = frozenset(
    {"rand", "randn", "randint", "random", "choice", "shuffle", "permutation", "normal", "uniform", "sample"}
)
STDLIB_RANDOM = frozenset({"random", "randint", "choice", "choices", "shuffle", "sample", "uniform", "gauss"})
ABSOLUTE_PATH = re.compile(
    r"^(?:/(?:[\w.-]+/)*[\w.-]+\.\w{1,5}$|/(?:home|Users|mnt|media|content|kaggle|data|tmp|root|srv|opt|workspace)/|[A-Za-z]:[\\/]|~[\\/])"
)


def _parse(source: str) -> ast.Module | None:
    # IPython lines (%magic, !shell) are not Python: blank them, keeping line numbers.
    lines = ["" if line.lstrip().startswith(("%", "!", "?")) else line for line in source.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def _imported_names(trees: list[ast.Module]) -> dict[str, str]:
    """Local name -> dotted import path, for every import anywhere in the notebook."""
    names: dict[str, str] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    names[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for a in node.names:
                    names[a.asname or a.name] = f"{node.module}.{a.name}"
    return names


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and (base := _dotted(node.value)) is not None:
        return f"{base}.{node.attr}"
    return None


def _random_state_names() -> list[str]:
    """Names of scikit-learn's public estimators, splitters and functions that take random_state."""
    import sklearn.datasets
    import sklearn.inspection
    import sklearn.model_selection
    import sklearn.utils
    from sklearn.utils import all_estimators

    names = set()
    for name, cls in all_estimators():
        with contextlib.suppress(TypeError, ValueError):
            if "random_state" in inspect.signature(cls).parameters:
                names.add(name)
    for module in (sklearn.model_selection, sklearn.inspection, sklearn.utils, sklearn.datasets):
        for name in getattr(module, "__all__", ()):
            # ImportError: experimental names (HalvingGridSearchCV) refuse to load without opting in.
            with contextlib.suppress(TypeError, ValueError, ImportError):
                if "random_state" in inspect.signature(getattr(module, name)).parameters:
                    names.add(name)
    return sorted(names)


@lru_cache(maxsize=1)
def _random_state_takers() -> frozenset[str]:
    # Importing every estimator costs seconds: once per scikit-learn version, then from the cache.
    return frozenset(cached_by_version("random-state-names", "scikit-learn", _random_state_names))


def _takes_random_state(path: str) -> bool:
    """Whether the scikit-learn callable at `path` has a random_state parameter."""
    return path.rpartition(".")[2] in _random_state_takers()


def _keywords(call: ast.Call) -> dict[str, ast.expr | None]:
    # None for **kwargs: whatever it holds may well include the seed.
    return {k.arg or "**": k.value for k in call.keywords}


def _is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _calls(tree: ast.Module) -> Iterator[tuple[ast.Call, str | None]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node, _dotted(node.func)


def _seeded(trees: list[ast.Module], names: dict[str, str]) -> tuple[bool, bool]:
    """(numpy's global generator seeded, the random module seeded) anywhere in the notebook."""
    numpy = stdlib = False
    for tree in trees:
        for _call, name in _calls(tree):
            full = _resolve(name, names)
            numpy |= full == "numpy.random.seed"
            stdlib |= full == "random.seed"
    return numpy, stdlib


def _resolve(name: str | None, names: dict[str, str]) -> str | None:
    if name is None:
        return None
    head, _, rest = name.partition(".")
    base = names.get(head)
    return None if base is None else (f"{base}.{rest}" if rest else base)


def unseeded_randomness(cells: list[tuple[str, str]], *, answers: set[str]) -> list[Finding]:
    """Calls in answer cells whose result changes from run to run because nothing seeds them.

    `cells` is (label, source) for every code cell in order (imports and seeds may live outside
    the answers); findings are reported for cells whose label is in `answers`. scikit-learn falls
    back on numpy's global generator, so `np.random.seed(...)` anywhere seeds both.
    """
    parsed = [(label, _parse(source)) for label, source in cells]
    trees = [t for _, t in parsed if t is not None]
    names = _imported_names(trees)
    numpy_seeded, stdlib_seeded = _seeded(trees, names)
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for label, tree in parsed:
        if tree is None or label not in answers:
            continue
        for call, name in _calls(tree):
            message = _unseeded(call, name, _resolve(name, names), numpy_seeded, stdlib_seeded)
            if message and (label, message) not in seen:
                seen.add((label, message))
                findings.append(Finding("seed", label, call.lineno, message))
    return findings


def _unseeded(
    call: ast.Call, name: str | None, full: str | None, numpy_seeded: bool, stdlib_seeded: bool
) -> str | None:
    kw = _keywords(call)
    seed = kw.get("random_state")
    # random_state=None is the default spelled out: still a new draw on every run.
    if "**" in kw or ("random_state" in kw and not (isinstance(seed, ast.Constant) and seed.value is None)):
        return None
    shown = (name or "").rpartition(".")[2]
    if full and full.startswith("sklearn."):
        if numpy_seeded or shown in DETERMINISTIC_BY_DEFAULT:
            return None
        if shown in SPLITTERS_RANDOM_ONLY_SHUFFLED:
            if not _is_true(kw.get("shuffle")):
                return None
        elif not _takes_random_state(full):
            return None
        return f"`{shown}(...)` without random_state: each run splits or fits differently"
    if full and full.startswith("numpy.random."):
        fn = full.rpartition(".")[2]
        if fn == "default_rng" and not call.args and "seed" not in kw:
            return "`np.random.default_rng()` without a seed: each run draws different numbers"
        if fn in NUMPY_LEGACY and not numpy_seeded:
            return (
                f"`np.random.{fn}` with numpy's generator never seeded (np.random.seed or default_rng(seed))"
            )
        return None
    if full and full.startswith("random.") and full.rpartition(".")[2] in STDLIB_RANDOM and not stdlib_seeded:
        return f"`{name}` from the random module, never seeded (random.seed)"
    is_sample = isinstance(call.func, ast.Attribute) and call.func.attr == "sample" and full is None
    if is_sample and ({"n", "frac"} & kw.keys() or call.args):
        return "`.sample(...)` without random_state: each run picks different rows"
    return None


def absolute_paths(cells: list[tuple[str, str]], *, answers: set[str]) -> list[Finding]:
    """String literals in answer cells that name a file only the author's machine has."""
    findings = []
    for label, source in cells:
        if label not in answers or (tree := _parse(source)) is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip()
                if "\n" not in text and " " not in text and ABSOLUTE_PATH.match(text):
                    findings.append(
                        Finding(
                            "path",
                            label,
                            node.lineno,
                            f"the absolute path {text!r} exists only on your machine: "
                            "use a path relative to the notebook (e.g. data/train.csv)",
                        )
                    )
    return findings
