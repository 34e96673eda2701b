"""How the local stack's timings are reported: the median of the runs, its spread, and the
median as a share of the product's goal."""

import statistics


def report_median(title: str, seconds: list[float], goal_seconds: float) -> float:
    """Print `title`, then the median in ms with its min and max and its ratio to the goal;
    return the median in seconds."""
    median = statistics.median(seconds)
    print(f"{title}, median of {len(seconds)}:")
    print(
        f"  {median * 1000:.0f} ms (min {min(seconds) * 1000:.0f}, max "
        f"{max(seconds) * 1000:.0f}); goal {goal_seconds * 1000:.0f} ms "
        f"({median / goal_seconds:.2f}x of the goal)"
    )
    return median
