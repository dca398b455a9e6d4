"""A one-keypress 0–10 check-in: 'How activated do you feel?'. Digits 0–9, '+' for 10."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

QUESTION = "How activated do you feel?"
SCALE_LOW = "0 not at all"
SCALE_HIGH = "10 very activated"
"""The scale's ends. Not 'calm' for 0: numbness sits there too, so a low number is not
necessarily a good one."""


class CheckIn(Widget, can_focus=True):
    """Asks for one 0–10 rating; posts ``CheckIn.Rated`` with it, or with None when skipped."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("0", "rate(0)", "Rate", key_display="0–9"),
        *(Binding(str(n), f"rate({n})", show=False) for n in range(1, 10)),
        Binding("plus", "rate(10)", "10", key_display="+"),
        Binding("enter,escape", "skip", "Skip"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"checkin--question", "checkin--scale", "checkin--hint"}

    rating: reactive[int | None] = reactive(None)
    """The rating given, 0 (not at all) … 10 (very activated); None until one is given."""

    @dataclass
    class Rated(Message):
        """The user answered (``value`` 0–10) or skipped (``value`` None)."""

        checkin: CheckIn
        value: int | None

        @property
        def control(self) -> CheckIn:
            return self.checkin

    def __init__(
        self,
        question: str = QUESTION,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.question = question

    def validate_rating(self, value: int | None) -> int | None:
        return None if value is None else max(0, min(10, int(value)))

    def action_rate(self, value: int) -> None:
        self.rating = value
        self.post_message(self.Rated(self, self.rating))

    def action_skip(self) -> None:
        self.post_message(self.Rated(self, None))

    def render(self) -> Text:
        question = self.get_component_rich_style("checkin--question", partial=True)
        scale = self.get_component_rich_style("checkin--scale", partial=True)
        hint = self.get_component_rich_style("checkin--hint", partial=True)
        numbers = " ".join(str(n) for n in range(11))
        return Text.assemble(
            (self.question, question),
            "\n\n",
            (f"{numbers}\n{SCALE_LOW} · {SCALE_HIGH}", scale),
            "\n\n",
            ("a number key · + for 10 · enter skips", hint),
            justify="center",
        )
