"""One measurement in a fresh process: `python -m bench.child <implementation> <input file>`.

A fresh process per measurement keeps one run's memory from inflating the next one's peak, and
makes the peak RSS belong to exactly one implementation and one input. The run is
done twice and the second is measured, so one-off costs (first use of a codec) are left out, as
they are on a warm Lambda; the imports are in the peak, as they are on Lambda.

It prints one JSON line: wall and CPU milliseconds (CPU counts every thread), peak RSS in MB,
or the error that stopped the implementation (pyvips cannot decode HEIC, for example).
"""

import json
import resource
import sys
import time
from pathlib import Path

from bench.implementations import IMPLEMENTATIONS


def measure(implementation_name: str, input_path: Path) -> dict:
    implementation = IMPLEMENTATIONS[implementation_name]
    data = input_path.read_bytes()
    try:
        implementation(data)
        wall_started, cpu_started = time.perf_counter(), time.process_time()
        implementation(data)
        wall_ms = (time.perf_counter() - wall_started) * 1000
        cpu_ms = (time.process_time() - cpu_started) * 1000
    except Exception as error:
        first_line = (str(error).strip().splitlines() or [""])[0]
        return {"error": f"{type(error).__name__}: {first_line[:120]}"}
    return {"wall_ms": wall_ms, "cpu_ms": cpu_ms, "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM starts afresh at exec; ru_maxrss does
    not (a child inherits its parent's peak), so it is only the fallback elsewhere."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], Path(sys.argv[2]))))
