"""One line of the bill: a quantity with the formula that reached it, times a public price; and
how the report writes numbers, dollars and prices, so every line reads the same way.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Charge:
    """A priced quantity: `quantity / per * price` dollars, printed with how it was reached."""

    service: str
    quantity: float
    formula: str  # how the quantity was reached, with its numbers ("" when it is a given)
    unit: str
    price: float  # dollars per `per` units
    per: int = 1
    price_unit: str = ""  # what one unit is called in the price, when `per` is 1
    allowance: str | None = None  # the always-free allowance this usage counts against

    @property
    def cost(self) -> float:
        return self.quantity / self.per * self.price

    def line(self) -> str:
        worked = f"{self.formula} = " if self.formula else ""
        return (
            f"{self.service}: {worked}{number(self.quantity)} {self.unit} x {rate(self)} "
            f"= {money(self.cost)}"
        )


def number(value: float) -> str:
    """Whole numbers with separators from 100 up; three significant figures below, so that
    0.0252 GB still shows its size."""
    if value == 0 or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def money(value: float) -> str:
    """Dollars and cents; a fraction of a cent keeps four decimals rather than reading $0.00."""
    return f"${value:,.4f}" if 0 < value < 0.01 else f"${value:,.2f}"


def rate(charge: Charge) -> str:
    """The price with every digit AWS publishes (at least cents), per its unit: $0.40/million."""
    digits = f"{charge.price:.10f}".rstrip("0")
    digits += "0" * max(0, 2 - len(digits.split(".")[1]))
    if charge.per == 1:
        return f"${digits}/{charge.price_unit or charge.unit}"
    per = "million" if charge.per == 1_000_000 else f"{charge.per:,}"
    return f"${digits}/{per} {charge.unit}"


def sum_text(parts: list[tuple[str, float, float]]) -> str:
    """'10 GET /me x 0.5 + ...' for (label, count, amount each), leaving out zeros."""
    return " + ".join(
        f"{number(count)} {label} x {number(each)}"
        for label, count, each in parts
        if count and each
    )
