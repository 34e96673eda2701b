"""A month's bill: its lines, service by service, in the order the report prints them; the
always-free allowances those lines use; and the totals before and after them.
"""

from typing import NamedTuple

from bench.cost.charge import Charge, money, number, rate
from bench.cost.compute_charges import api_gateway_charges, lambda_charges, sqs_charges
from bench.cost.monitoring_charges import cloudwatch_charges, xray_charges
from bench.cost.month import Month
from bench.cost.prices import ALWAYS_FREE
from bench.cost.serving_charges import cloudfront_charges, cognito_charges, waf_charges
from bench.cost.storage_charges import dynamodb_charges, s3_charges

# Each makes one service's lines of a month's bill, in the order the report prints them.
CHARGES = (
    lambda_charges,
    api_gateway_charges,
    dynamodb_charges,
    s3_charges,
    cloudfront_charges,
    waf_charges,
    sqs_charges,
    cloudwatch_charges,
    xray_charges,
    cognito_charges,
)


def monthly_charges(month: Month) -> list[Charge]:
    """Every line of the month's bill at list prices; lines that come to nothing are left out."""
    return [charge for make in CHARGES for charge in make(month) if charge.quantity]


def allowance_credits(charges: list[Charge]) -> list[tuple[str, float]]:
    """(explanation, dollars) for each always-free allowance the charges use; usage priced at
    two rates (Lambda's two architectures) is credited at the lower one."""
    credits = []
    for name, free in ALWAYS_FREE.items():
        counted = [charge for charge in charges if charge.allowance == name]
        if not counted:
            continue
        covered = min(free, sum(charge.quantity for charge in counted))
        cheapest = min(counted, key=lambda charge: charge.price / charge.per)
        dollars = covered / cheapest.per * cheapest.price
        explanation = f"{name}: {number(covered)} of {number(free)} x {rate(cheapest)}"
        credits.append((f"{explanation} = -{money(dollars)}", dollars))
    return credits


class Bill(NamedTuple):
    """A month's totals in dollars, and its three biggest lines at list prices."""

    listed: float
    after_allowances: float
    biggest: list[Charge]


def bill(month: Month) -> Bill:
    charges = monthly_charges(month)
    listed = sum(charge.cost for charge in charges)
    credited = sum(dollars for _, dollars in allowance_credits(charges))
    biggest = sorted(charges, key=lambda charge: charge.cost, reverse=True)[:3]
    return Bill(listed, listed - credited, biggest)
