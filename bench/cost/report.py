"""The printed report of `make cost`: each scenario's operations and bill line by line with its
formula, the what-ifs, and a summary, in the words and figures docs/cost.md quotes.
"""

from dataclasses import replace

from bench.cost.bill import allowance_credits, bill, monthly_charges
from bench.cost.charge import money, number
from bench.cost.month import Month
from bench.cost.scenarios import WHAT_IFS


def print_usage(month: Month) -> None:
    print("  Operations a month, each x (DynamoDB requests, read units, write units):")
    for route, calls, use in month.dynamodb_uses():
        print(
            f"    {route:24} {number(calls):>12} x ({number(use.requests)}, "
            f"{number(use.read_units)}, {number(use.write_units)})"
        )
    print(
        f"  Per photo: worker {month.worker_seconds_per_photo:.3f} s at "
        f"{month.worker_memory_mb:,} MB; {month.polls_per_upload:.2f} polls by the page; "
        f"fan-out to {number(month.scenario.followers_per_person)} followers and the owner"
    )


def print_scenario(month: Month) -> None:
    print(f"\n== {month.scenario.name} ==")
    if month.scenario.photos or month.scenario.feed_views:  # an idle month has none to list
        print_usage(month)
    charges = monthly_charges(month)
    print("  At list prices (lines that come to nothing are left out):")
    for charge in charges:
        print(f"    {charge.line()}")
    result = bill(month)
    print(f"  Total at list prices: {money(result.listed)} a month")
    print("  Always-free allowances (in full only for an account running nothing else):")
    for explanation, _ in allowance_credits(charges):
        print(f"    {explanation}")
    print(f"  Total after the always-free allowances: {money(result.after_allowances)} a month")
    biggest = "; ".join(f"{charge.service} {money(charge.cost)}" for charge in result.biggest)
    print(f"  Biggest items: {biggest}")


def print_what_ifs(month: Month) -> None:
    base = bill(month).listed
    # The scenario is named by its letter, "(c)", as in the summary.
    print(
        f"\n== What changes the answer: {month.scenario.name[:3]} at list prices, {money(base)} =="
    )
    for description, change in WHAT_IFS:
        difference = bill(replace(month, scenario=change(month.scenario))).listed - base
        sign = "+" if difference >= 0 else "-"
        print(f"  {description:36} {sign + money(abs(difference)):>10} a month")


def print_summary(months: list[Month]) -> None:
    print("\n== Summary: a month, at list prices / after the always-free allowances ==")
    for month in months:
        result = bill(month)
        biggest = "; ".join(f"{charge.service} {money(charge.cost)}" for charge in result.biggest)
        print(
            f"  {month.scenario.name[:3]} {money(result.listed):>10} / "
            f"{money(result.after_allowances):>10}   biggest: {biggest}"
        )
