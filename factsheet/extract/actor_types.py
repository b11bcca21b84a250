"""What the actor stages find: mentions, candidates, and the finding that indexes them."""

from __future__ import annotations

from dataclasses import dataclass, field

from factsheet.facts.model import ActorKind


@dataclass
class ActorMention:
    """One place the text names an actor."""

    start: int
    end: int
    key: str
    sentence: int
    via: str


@dataclass
class ActorCandidate:
    """An actor the text names, with the mention to quote."""

    key: str
    name: str
    kind: ActorKind
    core: tuple[int, int]
    sentence: int
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    person_quote: bool = False


@dataclass
class ActorFinding:
    """Every actor found, in order of first mention, and every mention."""

    actors: dict[str, ActorCandidate] = field(default_factory=dict)
    mentions: list[ActorMention] = field(default_factory=list)
    places: list[tuple[int, int, str]] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)

    _by_sentence: dict[int, list[ActorMention]] = field(default_factory=dict)
    _removed: set[int] = field(default_factory=set)
    _blocks: dict[int, list[ActorMention]] = field(default_factory=dict)

    def add(self, candidate: ActorCandidate, mention: ActorMention) -> None:
        """Record a mention, creating the actor on its first mention."""
        self.record(mention)
        if candidate.key not in self.actors:
            self.actors[candidate.key] = candidate

    def record(self, mention: ActorMention) -> None:
        """Record one more mention of a known actor."""
        self.mentions.append(mention)
        self._put(mention)

    def _put(self, mention: ActorMention) -> None:
        self._by_sentence.setdefault(mention.sentence, []).append(mention)
        for block in range(mention.start >> 8, (max(mention.end - 1, mention.start) >> 8) + 1):
            self._blocks.setdefault(block, []).append(mention)

    def _indexed(self) -> tuple[dict[int, list[ActorMention]], dict[int, list[ActorMention]]]:
        return self._by_sentence, self._blocks

    def discard(self, mentions: list[ActorMention]) -> None:
        """Remove mentions a longer name covers (from the index now, from the list at the end)."""
        for mention in mentions:
            self._removed.add(id(mention))
            self._by_sentence[mention.sentence] = [m for m in self._by_sentence[mention.sentence] if m is not mention]
            for block in range(mention.start >> 8, (max(mention.end - 1, mention.start) >> 8) + 1):
                self._blocks[block] = [m for m in self._blocks[block] if m is not mention]

    def settle(self) -> None:
        """Drop discarded mentions from the list, sort it by position and rebuild the index."""
        if self._removed:
            self.mentions[:] = [m for m in self.mentions if id(m) not in self._removed]
            self._removed.clear()
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self.forget_index()

    def forget_index(self) -> None:
        """Rebuild the lookup index after mentions were replaced or re-ordered in place."""
        self._by_sentence, self._blocks = {}, {}
        for mention in self.mentions:
            self._put(mention)

    def in_sentence(self, index: int) -> list[ActorMention]:
        """The mentions in sentence `index`, in the order recorded."""
        return self._indexed()[0].get(index, [])

    def starting_near(self, offset: int) -> list[ActorMention]:
        """The mentions that touch the 256-character block of `offset`."""
        return self._blocks.get(offset >> 8, [])

    def taken(self, start: int, end: int) -> bool:
        """Whether a recorded mention overlaps `start:end`."""
        blocks = self._indexed()[1]
        return any(m.start < end and start < m.end
                   for block in range(start >> 8, (max(end - 1, start) >> 8) + 1) for m in blocks.get(block, []))
