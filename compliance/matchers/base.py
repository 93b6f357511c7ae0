"""What a matcher kind is: the protocol every kind implements, and what it is given.

A kind owns some keys of a rule (`regex`, `group`, `validate` for the regex kind), the JSON
Schema of those keys, a `compile` that turns them into a frozen spec when a pack loads, and
a `searcher` that finds candidates in a Doc for every rule of that kind in one pipeline.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, NamedTuple, Protocol

from ..errors import Where
from ..metadata import Metadata
from ..normalize.fold import Folded, fold, fold_word
from ..normalize.readable import Readable, readable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..model import Rule
    from ..normalize.lexicon import Lexicon
    from .lattice import Lattice


class Candidate(NamedTuple):
    """A span of the original text that a rule's matcher found, before any filtering.
    `rule` is the rule's index in its pipeline."""
    rule: int
    start: int
    end: int


class Spec(Protocol):
    """A kind's compiled, frozen reading of a rule's keys."""
    kind: str

    def to_dict(self) -> dict[str, Any]:
        """The keys in the pack format, so that `compile(to_dict())` gives the spec back."""


class Searcher(Protocol):
    """Finds the candidates of every rule of one kind in one pipeline."""

    def add(self, index: int, rule: "Rule") -> None:
        """Take rule number `index` of the pipeline (its `matcher` is this kind's spec)."""

    def find(self, context: "MatchContext") -> Iterable[Candidate]:
        """Candidates in the context's Doc; offsets refer to the Doc's text."""


class Matcher(Protocol):
    """A matcher kind. `kind` is the rule key that selects it; `schema` maps each key the kind
    owns to its JSON Schema (the first is `kind` itself). A kind whose findings speak of the
    whole post (what it lacks, where a word stands) sets `whole_post = True`, and its rules
    are not run on a part of a post checked under another language's rules."""
    kind: str
    schema: Mapping[str, Mapping[str, Any]]

    def compile(self, data: Mapping[str, Any], where: Where) -> Spec:
        """The spec of a rule's data (validated by the schema already); PackError at `where`."""

    def searcher(self, setup: "Setup") -> Searcher:
        """A searcher for one pipeline."""


@dataclass(frozen=True)
class Setup:
    """What one pipeline gives every searcher it builds."""
    nlp: "Language"
    lang: str                           # the language whose rules the pipeline holds
    lexicon: "Lexicon"
    split: Callable[[str], list[str]]   # a term's words, tokenised as posts are
    deobfuscate: bool
    regex_budget: float                 # seconds all regexes may take on one post ...
    regex_budget_per_char: float = 1e-6  # ... plus this much per character of it


_TOKEN_ATTRS = ["IDX", "LENGTH", "SPACY"]


class TokenView(NamedTuple):
    """What matching needs of a token, read once from the Doc."""
    text: str
    idx: int
    space_after: bool


class MatchContext:
    """One Doc as every searcher sees it; the costly views are made on first use and shared."""

    def __init__(self, doc: Doc, setup: Setup, day: dt.date, suspended: frozenset[int] = frozenset()) -> None:
        self.doc, self.setup, self.day = doc, setup, day
        self.suspended = suspended     # rules that gave up on too many posts: not run again
        self.text = text = doc.text
        # Read from one array rather than token by token: a Token object per token costs more
        # than all of this.
        self.tokens = [TokenView(text[i:i + n], i, bool(space))
                       for i, n, space in doc.to_array(_TOKEN_ATTRS).tolist()]
        # Only time spent inside regexes counts, not lazy loading on a pipeline's first post.
        self.regex_allowance = setup.regex_budget + len(self.text) * setup.regex_budget_per_char
        self.regex_spent = 0.0
        self.gave_up: set[int] = set()   # rules whose regexes ran out of the budget on this post
        self.rejected: set[int] = set()  # rules that weighed a match and let it go on this post (validator, allow, unless)

    def regex_allowed(self, rule: int) -> bool:
        """False (and the rule marked as given up) for a rule suspended in this pipeline."""
        if rule in self.suspended:
            self.gave_up.add(rule)
            return False
        return True

    @cached_property
    def metadata(self) -> "Metadata":
        """What the post's publishing tool says about it (nothing, unless the Doc carries it)."""
        return getattr(self.doc._, "post_metadata", None) or Metadata()

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.idx for t in self.tokens]

    @cached_property
    def folded_tokens(self) -> list[str]:
        return [fold_word(t.text) for t in self.tokens]

    @cached_property
    def lattice(self) -> "Lattice":
        from .lattice import build_lattice

        return build_lattice(self.tokens, self.setup.lexicon, self.folded_tokens, self.setup.deobfuscate)

    @cached_property
    def folded(self) -> Folded:
        """The text folded with case kept."""
        return fold(self.text, casefold=False)

    @cached_property
    def regex_views(self) -> tuple[Folded | Readable, ...]:
        """The texts regexes run on, each with its map back: the folded text and, where it
        reads differently (hashtags split into words, spelled-out words joined), that reading
        too; a pattern written for either form finds what it was written for."""
        view = readable(self.folded, self.setup.lexicon)
        return (self.folded,) if view.text == self.folded.text else (self.folded, view)

    @cached_property
    def prefiltered_views(self) -> list[tuple[Folded | Readable, str, frozenset[str]]]:
        """Each regex view with its casefolded text and the atoms the regex prefilter tests."""
        from .prefilter import text_atoms

        return [(view, view.text.casefold(), text_atoms(view.text)) for view in self.regex_views]
