"""`python -m bench` (`make bench`): CloudGram's benchmarks, each against a named baseline.

1. `api_import`: the API's cold-start import against a bare `import boto3`.
2. `request_counts`: DynamoDB requests per page of the feed, a profile, the home feed, a list
   of followers, who liked a photo, comments and notifications, and per search and suggestions
   call, against the obvious one-request-per-item way (fan-out on read for the home feed).
3. `upload_to_ready`: a 12 MP phone photo from presigned POST to READY on the local stack,
   against the product's two-second goal.
4. `avatar_to_shown`: a new profile picture from presigned POST to the profile showing it, on
   the local stack, against the same two-second goal.
5. `fan_out`: one photo into 1,000 followers' home feeds on the local stack, against the
   five-second goal, with the write units it costs.
6. `notification_delay`: a like to its notification in the owner's inbox on the local stack,
   through the table's stream, against a two-second goal.
7. `export`: the archive of an account with 1,000 photos, in-process moto, against the export
   function's timeout (a tenth of it) and memory.
8. `erasure`: erasing an account with 1,000 photos, 5,000 likes given and 1,000 followers,
   in-process against moto: its time, write units, steps and largest step.
9. The worker's image pipeline against naive Pillow and pyvips (below); its summary is the last
   line printed.

For each input (made in code, see `inputs`) and implementation (see `implementations`), each
measurement runs in a fresh process (see `child`); the rounds interleave inputs and
implementations, rotating their order, so a slow moment of the machine does not land on one of
them. It prints median wall ms, CPU ms and peak RSS, checks our renditions against the naive ones
(`quality`), writes every figure to build/bench/results.json (which `make cost` reads) and ends
with one summary line.
"""

import json
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from bench import (
    api_import,
    avatar_to_shown,
    fan_out,
    notification_delay,
    quality,
    upload_to_ready,
)
from bench.implementations import IMPLEMENTATIONS, naive_pillow, ours
from bench.inputs import BenchInput, write_inputs

ROUNDS = 4
PROJECT_ROOT = Path(__file__).resolve().parents[1]
# Every figure of the run, for `make cost` (bench/cost/); git-ignored, like all of build/.
RESULTS_PATH = PROJECT_ROOT / "build" / "bench" / "results.json"


def main() -> None:
    figures = {"api_import_ms": api_import.main()}
    print()
    # Its own process: it runs the API against in-process moto, with its own environment.
    counts_path = RESULTS_PATH.with_name("request-counts.json")
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "bench.request_counts", str(counts_path)],
        cwd=PROJECT_ROOT,
        check=True,
    )
    figures["dynamodb_requests_per_page"] = json.loads(counts_path.read_text())
    print()
    figures["upload_to_ready_seconds"] = upload_to_ready.main()
    print()
    figures["avatar_upload_to_shown_seconds"] = avatar_to_shown.main()
    print()
    figures["fan_out_1000_followers"] = fan_out.main()
    print()
    figures["notification_delay_seconds"] = notification_delay.main()
    print()
    # Its own process too: in-process moto, with its own environment.
    export_path = RESULTS_PATH.with_name("export.json")
    subprocess.run(
        [sys.executable, "-m", "bench.export", str(export_path)], cwd=PROJECT_ROOT, check=True
    )
    figures["export_1000_photos"] = json.loads(export_path.read_text())
    erasure_path = RESULTS_PATH.with_name("erasure.json")
    subprocess.run(
        [sys.executable, "-m", "bench.erasure", str(erasure_path)], cwd=PROJECT_ROOT, check=True
    )
    figures["erasure"] = json.loads(erasure_path.read_text())
    print()
    with tempfile.TemporaryDirectory(prefix="cloudgram-bench-") as folder:
        print("Making the inputs...", flush=True)
        inputs = write_inputs(Path(folder))
        results = run_rounds(inputs)
        print_table(inputs, results)
        print_quality(inputs)
    figures["worker_medians"] = {
        bench_input.name: {
            name: {key: median_of(results[bench_input.name, name], key) for key in TABLE_KEYS}
            for name in IMPLEMENTATIONS
        }
        for bench_input in inputs
    }
    RESULTS_PATH.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"\nFigures written to {RESULTS_PATH.relative_to(PROJECT_ROOT)} (make cost reads them)")
    print(summary_line(results))


def run_rounds(inputs: list[BenchInput]) -> dict:
    results = defaultdict(list)  # (input, implementation) -> measurements
    names = list(IMPLEMENTATIONS)
    for round_number in range(ROUNDS):
        print(f"Round {round_number + 1} of {ROUNDS}...", flush=True)
        for bench_input in inputs:
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                results[bench_input.name, name].append(measure(name, bench_input))
    return results


def measure(implementation: str, bench_input: BenchInput) -> dict:
    finished = subprocess.run(
        [sys.executable, "-m", "bench.child", implementation, str(bench_input.path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(finished.stdout)


def median_of(measurements: list[dict], key: str) -> float | None:
    values = [measurement[key] for measurement in measurements if key in measurement]
    return statistics.median(values) if values else None


def print_table(inputs: list[BenchInput], results: dict) -> None:
    print(f"\nMedians of {ROUNDS} interleaved runs, each in a fresh process")
    print(f"{'input':<11} {'implementation':<14} {'wall ms':>8} {'CPU ms':>8} {'peak RSS MB':>12}")
    for bench_input in inputs:
        for name in IMPLEMENTATIONS:
            measurements = results[bench_input.name, name]
            if "error" in measurements[0]:
                print(f"{bench_input.name:<11} {name:<14} cannot: {measurements[0]['error']}")
                continue
            wall, cpu, rss = (median_of(measurements, key) for key in TABLE_KEYS)
            print(f"{bench_input.name:<11} {name:<14} {wall:>8.0f} {cpu:>8.0f} {rss:>12.0f}")


TABLE_KEYS = ("wall_ms", "cpu_ms", "peak_rss_mb")


def print_quality(inputs: list[BenchInput]) -> None:
    print("\nOur renditions against naive Pillow's (same size, bytes within 10 %, PSNR >= 38 dB)")
    for bench_input in inputs:
        data = bench_input.path.read_bytes()
        for line in quality.compare(ours(data), naive_pillow(data)):
            print(f"{bench_input.name:<11} {line}")


def summary_line(results: dict) -> str:
    ours_cpu = median_of(results["12MP JPEG", "ours"], "cpu_ms")
    naive_cpu = median_of(results["12MP JPEG", "naive Pillow"], "cpu_ms")
    pyvips_cpu = median_of(results["12MP JPEG", "pyvips"], "cpu_ms")
    peak_48 = median_of(results["48MP JPEG", "ours"], "peak_rss_mb")
    return (
        f"worker 12MP JPEG: ours {ours_cpu:.0f} ms cpu, "
        f"naive Pillow {naive_cpu:.0f} ms cpu ({naive_cpu / ours_cpu:.2f} x), "
        f"pyvips {pyvips_cpu:.0f} ms cpu ({pyvips_cpu / ours_cpu:.2f} x), "
        f"peak RSS 48MP {peak_48:.0f} MB"
    )


if __name__ == "__main__":
    main()
