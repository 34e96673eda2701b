"""`python -m bench.cost` (`make cost`): reads make bench's figures and the code's facts, then
prints the three scenarios, the what-ifs on the large one, and the summary.
"""

import sys

from bench.cost.inputs import PROJECT_ROOT, RESULTS_PATH, load_bench_figures, read_code_facts
from bench.cost.month import Month
from bench.cost.report import print_scenario, print_summary, print_what_ifs
from bench.cost.scenarios import SCENARIOS


def main() -> None:
    if not RESULTS_PATH.exists():
        sys.exit(
            f"{RESULTS_PATH.relative_to(PROJECT_ROOT)} is missing: run `make bench` first "
            "(it measures the figures this cost model uses), then `make cost`."
        )
    bench = load_bench_figures(RESULTS_PATH)
    code = read_code_facts()
    print("CloudGram's monthly cost in us-east-1, public prices as of November 2026, from")
    print(f"{RESULTS_PATH.relative_to(PROJECT_ROOT)} and the code (docs/cost.md explains it).")
    months = [Month(scenario, bench, code) for scenario in SCENARIOS]
    for month in months:
        print_scenario(month)
    print_what_ifs(months[-1])
    print_summary(months)


if __name__ == "__main__":
    main()
